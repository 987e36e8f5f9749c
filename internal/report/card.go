// Package report holds the read-only views that combine several domains:
// the researcher's yearly workload card (visits from liaison, hours from the
// credit ledger, each checked against the region's policy) and the liaison
// dashboards. It reads, never writes; no domain package imports it.
package report

import (
	"context"
	"fmt"
	"math"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
)

// Service builds the combined views.
type Service struct {
	DB     *db.DB
	Policy *policy.Service
	Now    app.Clock
}

func (s *Service) today() time.Time {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	return now.In(time.FixedZone("CST", 8*3600))
}

// Figures are the raw counts a card is built from.
type Figures struct {
	liaison.VisitFigures
	TypedLessons  int    // of Lessons, those typed on visits without records (手填（旧记录）)
	TrainingHours int    // approved 培训学时 in the credit ledger
	LastActivity  string // YYYY-MM-DD of the last visit or ledger entry, "" if none
}

// Card is a researcher's yearly workload card (工作量卡).
type Card struct {
	Researcher liaison.Researcher
	Year       int
	Figures    Figures
	Rows       []liaison.CardRow
}

// Unmet counts the red rows.
func (c Card) Unmet() int {
	n := 0
	for _, r := range c.Rows {
		if r.Colour == liaison.Red {
			n++
		}
	}
	return n
}

// YearName is "2025学年".
func (c Card) YearName() string { return fmt.Sprintf("%d学年", c.Year) }

// Card builds the workload card of researcherID for 学年 year, each figure
// checked against the rule in force for the researcher's region IN THAT
// YEAR, so a later change of rule leaves earlier cards as they were. The
// researcher must be the actor or in the actor's scope (visit.view).
func (s *Service) Card(ctx context.Context, actor app.Actor, researcherID int64, year int) (Card, error) {
	if err := actor.Require(liaison.PermVisitView); err != nil {
		return Card{}, err
	}
	var c Card
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		r, err := liaison.ResearcherInScope(ctx, tx, actor, researcherID)
		if err != nil {
			return err
		}
		c = Card{Researcher: r, Year: year}
		c.Figures, err = loadFigures(ctx, tx, researcherID, year)
		return err
	})
	if err != nil {
		return c, err
	}
	c.Rows, err = s.cardRows(ctx, s.Policy.Check, c.Researcher.Region, year, c.Figures)
	return c, err
}

// loadFigures reads a researcher's visits (liaison), ledger hours (credit)
// and 听课评课 records (activity) in a 学年.
func loadFigures(ctx context.Context, tx *db.Tx, id int64, year int) (Figures, error) {
	v, err := liaison.LoadVisitFigures(ctx, tx, id, year)
	if err != nil {
		return Figures{}, err
	}
	f, err := withLedger(ctx, tx, id, year, v)
	if err != nil {
		return f, err
	}
	return withObservations(ctx, tx, id, year, f)
}

// withLedger adds a researcher's ledger hours and last entry (credit) to
// their visit figures.
func withLedger(ctx context.Context, tx *db.Tx, id int64, year int, v liaison.VisitFigures) (Figures, error) {
	hours, err := credit.TrainingHours(ctx, tx, id, year)
	if err != nil {
		return Figures{}, err
	}
	learnt, err := credit.LastDate(ctx, tx, id, yearEnd(year).Format("2006-01-02"))
	return figuresFrom(v, credit.LedgerFigures{TrainingHours: hours, LastDate: learnt}), err
}

// figuresFrom joins a researcher's visit and ledger figures: the last
// activity is the later of the last visit and the last ledger entry.
func figuresFrom(v liaison.VisitFigures, l credit.LedgerFigures) Figures {
	return Figures{VisitFigures: v, TrainingHours: int(math.Round(l.TrainingHours)), LastActivity: max(v.LastVisit, l.LastDate)}
}

// cardSpec is one row of the card before its check.
type cardSpec struct {
	key   policy.RuleKey
	name  string
	v     float64
	shown string
	unit  string
}

func cardSpecs(f Figures, ref time.Time) []cardSpec {
	return []cardSpec{
		{policy.RuleResearcherSchoolDaysPerTerm, "在校天数（第一学期）", float64(f.Days[0]), fmt.Sprintf("%d 天", f.Days[0]), "天"},
		{policy.RuleResearcherSchoolDaysPerTerm, "在校天数（第二学期）", float64(f.Days[1]), fmt.Sprintf("%d 天", f.Days[1]), "天"},
		{policy.RuleResearcherLessonsObservedPerYear, "全年听课节数", float64(f.Lessons), lessonsShown(f), "节"},
		{policy.RuleResearcherDemoLessonsPerTerm, "示范课（第一学期）", float64(f.Demo[0]), fmt.Sprintf("%d 节", f.Demo[0]), "节"},
		{policy.RuleResearcherDemoLessonsPerTerm, "示范课（第二学期）", float64(f.Demo[1]), fmt.Sprintf("%d 节", f.Demo[1]), "节"},
		{policy.RuleResearcherTrainingHoursPerYear, "全年培训学时", float64(f.TrainingHours), fmt.Sprintf("%d 学时", f.TrainingHours), "学时"},
		{policy.RuleResearcherMaxInactiveYears, "最近一次教研/培训活动", yearsSince(f.LastActivity, ref), dateOrNone(f.LastActivity), ""},
		{policy.RuleResearcherTeachingStintCycleYears, "最近一次下校任教", yearsSince(f.LastStint, ref), dateOrNone(f.LastStint), ""},
	}
}

// lessonsShown is the 听课 figure, naming the typed part of old visits.
func lessonsShown(f Figures) string {
	if f.TypedLessons > 0 {
		return fmt.Sprintf("%d 节（含手填（旧记录）%d 节）", f.Lessons, f.TypedLessons)
	}
	return fmt.Sprintf("%d 节", f.Lessons)
}

// cardRows checks each figure against the region's rule in force in year.
func (s *Service) cardRows(ctx context.Context, check checkFunc, region string, year int, f Figures) ([]liaison.CardRow, error) {
	ref := yearEnd(year)
	if t := s.today(); t.Before(ref) {
		ref = t // the year is still running: measure up to today
	}
	specs := cardSpecs(f, ref)
	rows := make([]liaison.CardRow, 0, len(specs))
	for _, sp := range specs {
		res, err := check(ctx, region, sp.key, year, sp.v)
		if err != nil {
			return nil, err
		}
		row := liaison.RowOf(sp.key, sp.name, sp.shown, res)
		if sp.v == noRecord {
			row = noRecordRow(row, res)
		}
		if row.Unit = sp.unit; sp.unit != "" {
			row.Figure = int(sp.v)
			if row.Colour == liaison.Red {
				row.Short = int(res.Gap + 0.5)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// noRecord is the figure of a "最近一次" row that has no record at all.
const noRecord = -1

// noRecordRow words a rule in force whose figure has no record: 无记录,
// unmet, and no gap counted from some year 0.
func noRecordRow(row liaison.CardRow, res policy.Result) liaison.CardRow {
	if !res.InForce {
		return row
	}
	row.Colour, row.Gap = liaison.Red, "无记录"
	row.Text = row.Name + "：无记录（规定 " + row.Rule + "）"
	return row
}

// yearEnd is the last day of 学年 year: 31 August of the next year.
func yearEnd(year int) time.Time { return time.Date(year+1, 8, 31, 0, 0, 0, 0, time.UTC) }

// yearsSince is the whole years from date to ref; noRecord when date is "".
func yearsSince(date string, ref time.Time) float64 {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return noRecord
	}
	y := ref.Year() - d.Year()
	if ref.YearDay() < d.YearDay() {
		y--
	}
	return float64(y)
}

func dateOrNone(d string) string {
	if d == "" {
		return "无记录"
	}
	return d
}
