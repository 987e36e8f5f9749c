package liaison

import (
	"context"
	"fmt"
	"math"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// DaysPerWeek converts on-site days to the policy's weeks (一周按 5 个工作日计).
const DaysPerWeek = 5

// TermOnsite is a link's on-site time in one 学期 against the rule
// liaison.onsite_weeks_per_term in force for that 学期's 学年.
type TermOnsite struct {
	Term      dict.Term
	Days      int
	Weeks     float64
	Result    policy.Result
	Future    bool          // the term has not started yet
	Visits    int           // 联系学校 visits (调研) in the term
	VisitRule policy.Result // against liaison.visits_per_term
	Exchanges int           // 工作交流 records in the term
	ExchRule  policy.Result // against liaison.exchanges_per_term
}

// Colour is ok (met), warn (current term, not yet met), bad (past term not
// met) or none (future term, or no rule in force).
func (t TermOnsite) Colour(now dict.Term) string {
	switch {
	case t.Future || !t.Result.InForce:
		return "none"
	case t.Result.Met:
		return "ok"
	case t.Term == now:
		return "warn"
	}
	return "bad"
}

// Text is the figure against the rule in plain Chinese, naming the 5-day week.
func (t TermOnsite) Text() string {
	if !t.Result.InForce {
		return fmt.Sprintf("在校 %d 天；本学年未设定现场工作要求", t.Days)
	}
	s := fmt.Sprintf("在校 %d 天，折合 %.1f 周（每周按 %d 天计），要求不少于 %g 周", t.Days, t.Weeks, DaysPerWeek, t.Result.Target)
	if !t.Result.Met {
		s += fmt.Sprintf("，差 %d 天", t.Short())
	}
	return s
}

// Short is how many on-site days the term lacks (0 when met or no rule).
func (t TermOnsite) Short() int {
	if t.Result.Met {
		return 0
	}
	return max(0, int(math.Ceil(t.Result.Target*DaysPerWeek))-t.Days)
}

// LinkCompliance is a link with its on-site time per term of the round.
type LinkCompliance struct {
	Link  Link
	Terms []TermOnsite
}

// Met reports whether every term that has started so far met the rule.
func (c LinkCompliance) Met() bool {
	for _, t := range c.Terms {
		if !t.Future && !t.Result.Met {
			return false
		}
	}
	return true
}

// LinkOnsite returns a visible link's on-site days for each term of its round.
func (s *Service) LinkOnsite(ctx context.Context, actor app.Actor, linkID int64) (LinkCompliance, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return LinkCompliance{}, err
	}
	var out LinkCompliance
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		k, err := loadLink(ctx, tx, actor, linkID)
		if err != nil {
			return err
		}
		out, err = s.linkCompliance(ctx, tx, k)
		return err
	})
	return out, err
}

// RoundCompliance returns every visible link of a round with its on-site
// days per term: the round's compliance table.
func (s *Service) RoundCompliance(ctx context.Context, actor app.Actor, roundID int64) ([]LinkCompliance, error) {
	links, err := s.FindLinks(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	out := make([]LinkCompliance, 0, len(links))
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		for _, k := range links {
			c, err := s.linkCompliance(ctx, tx, k)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

func (s *Service) linkCompliance(ctx context.Context, tx *db.Tx, k Link) (LinkCompliance, error) {
	var r Round
	if err := tx.QueryRow(ctx, "SELECT first_year, implement_end FROM liaison_rounds WHERE id = ?", k.RoundID).Scan(&r.FirstYear, &r.ImplementEnd); err != nil {
		return LinkCompliance{}, err
	}
	now := s.termOf(ctx, k.RegionCode, today(s))
	out := LinkCompliance{Link: k}
	for _, t := range r.Terms() {
		days, err := onsiteDays(ctx, tx, k, t)
		if err != nil {
			return out, err
		}
		weeks := float64(days) / DaysPerWeek
		res, err := s.Policy.Check(ctx, k.RegionCode, policy.RuleLiaisonOnsiteWeeksPerTerm, t.Year, weeks)
		if err != nil {
			return out, err
		}
		row := TermOnsite{Term: t, Days: days, Weeks: weeks, Result: res, Future: now.Before(t)}
		if err := s.termCounts(ctx, tx, k, &row); err != nil {
			return out, err
		}
		out.Terms = append(out.Terms, row)
	}
	return out, nil
}

// termCounts fills the term's visit and exchange counts against their rules.
func (s *Service) termCounts(ctx context.Context, tx *db.Tx, k Link, row *TermOnsite) error {
	t := row.Term
	var err error
	row.Visits, err = tx.Count(ctx, `SELECT COUNT(*) FROM visits v WHERE v.school_id = ? AND v.purpose = 'liaison'
		AND v.school_year = ? AND v.half = ? AND (v.researcher_id = ? OR v.researcher_id IN
		(SELECT person_id FROM liaison_team_members WHERE team_id = ?))`, k.SchoolID, t.Year, int(t.Half), k.ResearcherID, k.TeamID)
	if err != nil {
		return err
	}
	if row.Exchanges, err = tx.Count(ctx, "SELECT COUNT(*) FROM liaison_exchanges WHERE link_id = ? AND school_year = ? AND half = ?",
		k.ID, t.Year, int(t.Half)); err != nil {
		return err
	}
	if row.VisitRule, err = s.Policy.Check(ctx, k.RegionCode, policy.RuleLiaisonVisitsPerTerm, t.Year, float64(row.Visits)); err != nil {
		return err
	}
	row.ExchRule, err = s.Policy.Check(ctx, k.RegionCode, policy.RuleLiaisonExchangesPerTerm, t.Year, float64(row.Exchanges))
	return err
}

// onsiteDays sums the days of 联系学校 visits to the link's school in term t
// by the team's researcher or its members.
func onsiteDays(ctx context.Context, tx *db.Tx, k Link, t dict.Term) (int, error) {
	var days int
	err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(v.days), 0) FROM visits v WHERE v.school_id = ? AND v.purpose = 'liaison'
		AND v.school_year = ? AND v.half = ? AND (v.researcher_id = ? OR v.researcher_id IN
		(SELECT person_id FROM liaison_team_members WHERE team_id = ?))`, k.SchoolID, t.Year, int(t.Half), k.ResearcherID, k.TeamID).Scan(&days)
	return days, err
}
