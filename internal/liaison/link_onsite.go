package liaison

import (
	"context"
	"fmt"
	"math"
	"slices"

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
	var out []LinkCompliance
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		k, err := loadLink(ctx, tx, actor, linkID)
		if err != nil {
			return err
		}
		out, err = linkCounts(ctx, tx, []Link{k})
		return err
	})
	if err == nil {
		err = s.checkCompliance(ctx, out)
	}
	if err != nil {
		return LinkCompliance{}, err
	}
	return out[0], nil
}

// RoundCompliance returns every visible link of a round with its on-site
// days per term: the round's compliance table. The counts are read in one
// transaction; the rules are checked after it from one rule book per 学年
// (a rule read inside the transaction would hold a second connection of
// the pool per request, and concurrent requests could then wait on each
// other for ever).
func (s *Service) RoundCompliance(ctx context.Context, actor app.Actor, roundID int64) ([]LinkCompliance, error) {
	links, err := s.FindLinks(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	var out []LinkCompliance
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		out, err = linkCounts(ctx, tx, links)
		return err
	})
	if err == nil {
		err = s.checkCompliance(ctx, out)
	}
	return out, err
}

// linkCounts reads each link's on-site days, visits and exchanges for each
// term of its round inside tx; the rules are left to checkCompliance.
func linkCounts(ctx context.Context, tx *db.Tx, links []Link) ([]LinkCompliance, error) {
	out := make([]LinkCompliance, 0, len(links))
	rounds := map[int64]Round{}
	for _, k := range links {
		r, ok := rounds[k.RoundID]
		if !ok {
			if err := tx.QueryRow(ctx, "SELECT first_year, implement_end FROM liaison_rounds WHERE id = ?", k.RoundID).Scan(&r.FirstYear, &r.ImplementEnd); err != nil {
				return nil, err
			}
			rounds[k.RoundID] = r
		}
		c := LinkCompliance{Link: k}
		for _, t := range r.Terms() {
			days, err := onsiteDays(ctx, tx, k, t)
			if err != nil {
				return nil, err
			}
			row := TermOnsite{Term: t, Days: days, Weeks: float64(days) / DaysPerWeek}
			if err := termCounts(ctx, tx, k, &row); err != nil {
				return nil, err
			}
			c.Terms = append(c.Terms, row)
		}
		out = append(out, c)
	}
	return out, nil
}

// checkCompliance checks every term's counts against the rules in force for
// the link's region in the term's 学年, from one rule book per 学年, and
// marks the terms that have not begun.
func (s *Service) checkCompliance(ctx context.Context, cs []LinkCompliance) error {
	regions := map[int][]string{}
	for _, c := range cs {
		for _, t := range c.Terms {
			if !slices.Contains(regions[t.Term.Year], c.Link.RegionCode) {
				regions[t.Term.Year] = append(regions[t.Term.Year], c.Link.RegionCode)
			}
		}
	}
	books := map[int]policy.RuleBook{}
	for year, codes := range regions {
		b, err := s.Policy.RuleBook(ctx, codes, year)
		if err != nil {
			return err
		}
		books[year] = b
	}
	nows := map[string]dict.Term{}
	for i := range cs {
		code := cs[i].Link.RegionCode
		now, ok := nows[code]
		if !ok {
			now = s.termOf(ctx, code, today(s))
			nows[code] = now
		}
		for j := range cs[i].Terms {
			row := &cs[i].Terms[j]
			b := books[row.Term.Year]
			row.Future = now.Before(row.Term)
			var err error
			if row.Result, err = b.Check(code, policy.RuleLiaisonOnsiteWeeksPerTerm, row.Weeks); err != nil {
				return err
			}
			if row.VisitRule, err = b.Check(code, policy.RuleLiaisonVisitsPerTerm, float64(row.Visits)); err != nil {
				return err
			}
			if row.ExchRule, err = b.Check(code, policy.RuleLiaisonExchangesPerTerm, float64(row.Exchanges)); err != nil {
				return err
			}
		}
	}
	return nil
}

// termCounts fills the term's visit and exchange counts.
func termCounts(ctx context.Context, tx *db.Tx, k Link, row *TermOnsite) error {
	t := row.Term
	var err error
	row.Visits, err = tx.Count(ctx, `SELECT COUNT(*) FROM visits v WHERE v.school_id = ? AND v.purpose = 'liaison'
		AND v.school_year = ? AND v.half = ? AND (v.researcher_id = ? OR v.researcher_id IN
		(SELECT person_id FROM liaison_team_members WHERE team_id = ?))`, k.SchoolID, t.Year, int(t.Half), k.ResearcherID, k.TeamID)
	if err != nil {
		return err
	}
	row.Exchanges, err = tx.Count(ctx, "SELECT COUNT(*) FROM liaison_exchanges WHERE link_id = ? AND school_year = ? AND half = ?",
		k.ID, t.Year, int(t.Half))
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
