package liaison

import (
	"context"
	"fmt"
	"math"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// Colours of a card row: met, not met, no rule in force.
const (
	Green = "green"
	Red   = "red"
	Grey  = "grey"
)

// CardRow is one figure of the workload card against the rule in force in
// the card's 学年.
type CardRow struct {
	Key      string // policy rule key
	Name     string // 每学期在校天数（第一学期）…
	Measured string // the figure as a user reads it
	Rule     string // 要求不少于 20 天, or 未设定要求
	Colour   string // Green, Red or Grey
	Gap      string // 差 5 天, or ""
	Text     string // the policy check's sentence
	Unit     string // 天, 节, 学时 for a count; "" for a date row (最近一次…)
	Figure   int    // the count, when Unit is set
	Short    int    // how far the count is below the rule, in Unit; 0 when met or no rule
}

// Figures are the raw counts a card is built from.
type Figures struct {
	Days          [2]int // on-site days in the first and second 学期
	Lessons       int    // lessons observed in the 学年
	Demo          [2]int // demo lessons per 学期
	TrainingHours int
	LastActivity  string // YYYY-MM-DD of the last visit or training entry, "" if none
	LastStint     string // YYYY-MM-DD of the last 下校任教 visit, "" if none
}

// Card is a researcher's yearly workload card (工作量卡).
type Card struct {
	Researcher Researcher
	Year       int
	Figures    Figures
	Rows       []CardRow
}

// Unmet counts the red rows.
func (c Card) Unmet() int {
	n := 0
	for _, r := range c.Rows {
		if r.Colour == Red {
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
	if err := actor.Require(auth.PermVisitView); err != nil {
		return Card{}, err
	}
	var c Card
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		r, err := loadResearcher(ctx, tx, actor, researcherID)
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
	c.Rows, err = s.cardRows(ctx, c.Researcher.Region, year, c.Figures)
	return c, err
}

// loadFigures counts visits and ledger hours (credit) of a researcher in a 学年.
func loadFigures(ctx context.Context, tx *db.Tx, id int64, year int) (Figures, error) {
	var f Figures
	for h := 1; h <= 2; h++ {
		err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(days), 0), COALESCE(SUM(demo_lessons), 0) FROM visits
			WHERE researcher_id = ? AND school_year = ? AND half = ?`, id, year, h).Scan(&f.Days[h-1], &f.Demo[h-1])
		if err != nil {
			return f, err
		}
	}
	end := fmt.Sprintf("%d-08-31", year+1)
	err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(lessons_observed), 0) FROM visits WHERE researcher_id = ? AND school_year = ?`,
		id, year).Scan(&f.Lessons)
	if err == nil {
		var h float64
		h, err = credit.TrainingHours(ctx, tx, id, year)
		f.TrainingHours = int(math.Round(h))
	}
	if err == nil {
		err = tx.QueryRow(ctx, `SELECT COALESCE(MAX(start_date), '') FROM visits WHERE researcher_id = ? AND start_date <= ?`,
			id, end).Scan(&f.LastActivity)
	}
	var learnt string
	if err == nil {
		learnt, err = credit.LastDate(ctx, tx, id, end)
		f.LastActivity = max(f.LastActivity, learnt)
	}
	if err == nil {
		err = tx.QueryRow(ctx, `SELECT COALESCE(MAX(start_date), '') FROM visits WHERE researcher_id = ? AND purpose = 'stint'
			AND start_date <= ?`, id, end).Scan(&f.LastStint)
	}
	return f, err
}

// cardRows checks each figure against the region's rule in force in year.
func (s *Service) cardRows(ctx context.Context, region string, year int, f Figures) ([]CardRow, error) {
	ref := yearEnd(year)
	if t := today(s); t.Before(ref) {
		ref = t // the year is still running: measure up to today
	}
	specs := []struct {
		key, name string
		v         float64
		shown     string
		unit      string
	}{
		{"researcher.school_days_per_term", "在校天数（第一学期）", float64(f.Days[0]), fmt.Sprintf("%d 天", f.Days[0]), "天"},
		{"researcher.school_days_per_term", "在校天数（第二学期）", float64(f.Days[1]), fmt.Sprintf("%d 天", f.Days[1]), "天"},
		{"researcher.lessons_observed_per_year", "全年听课节数", float64(f.Lessons), fmt.Sprintf("%d 节", f.Lessons), "节"},
		{"researcher.demo_lessons_per_term", "示范课（第一学期）", float64(f.Demo[0]), fmt.Sprintf("%d 节", f.Demo[0]), "节"},
		{"researcher.demo_lessons_per_term", "示范课（第二学期）", float64(f.Demo[1]), fmt.Sprintf("%d 节", f.Demo[1]), "节"},
		{"researcher.training_hours_per_year", "全年培训学时", float64(f.TrainingHours), fmt.Sprintf("%d 学时", f.TrainingHours), "学时"},
		{"researcher.max_inactive_years", "最近一次教研/培训活动", yearsSince(f.LastActivity, ref), dateOrNone(f.LastActivity), ""},
		{"researcher.teaching_stint_cycle_years", "最近一次下校任教", yearsSince(f.LastStint, ref), dateOrNone(f.LastStint), ""},
	}
	rows := make([]CardRow, 0, len(specs))
	for _, sp := range specs {
		res, err := s.Policy.Check(ctx, region, sp.key, year, sp.v)
		if err != nil {
			return nil, err
		}
		row := rowOf(sp.key, sp.name, sp.shown, res)
		if sp.v == noRecord {
			row = noRecordRow(row, res)
		}
		if row.Unit = sp.unit; sp.unit != "" {
			row.Figure = int(sp.v)
			if row.Colour == Red {
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
func noRecordRow(row CardRow, res policy.Result) CardRow {
	if !res.InForce {
		return row
	}
	row.Colour, row.Gap = Red, "无记录"
	row.Text = row.Name + "：无记录（规定 " + row.Rule + "）"
	return row
}

// rowOf turns a policy check into a coloured card row.
func rowOf(key, name, shown string, res policy.Result) CardRow {
	row := CardRow{Key: key, Name: name, Measured: shown, Text: res.Text, Colour: Grey, Rule: "未设定要求"}
	if !res.InForce {
		return row
	}
	row.Rule = policy.FormatValue(res.Rule, res.Target)
	row.Colour = Green
	if !res.Met {
		row.Colour = Red
		row.Gap = "差 " + policy.FormatValue(res.Rule, res.Gap)
		if res.Rule.Kind == policy.KindCycle || res.Rule.Kind == policy.KindLess || res.Rule.Kind == policy.KindMax {
			row.Gap = "超出 " + policy.FormatValue(res.Rule, res.Gap)
		}
	}
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
