package training

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

// SchoolRow is one school of a scope's standing (学校学分达标).
type SchoolRow struct {
	OrgID      int64
	Name       string
	Teachers   int
	BelowYear  int // under the yearly minimum this 学年
	ShortCycle int // not yet at the cycle's requirement
	Credits    float64
}

// ScopeStanding is the standing of every teacher in the actor's scope
// (optionally of one school) in a 学年, with the schools' counts.
type ScopeStanding struct {
	Year       int
	People     []Standing
	Schools    []SchoolRow
	Teachers   int
	BelowYear  int
	ShortCycle int
	Missing    []string // rules some region has not set
}

// StandingFilter selects a scope standing.
type StandingFilter struct {
	Year   int
	OrgID  int64 // one school; 0 for the whole scope
	Region string
}

// FindScopeStanding measures every active teacher of the schools in the
// actor's scope in f.Year, each against their own region's rules, from the
// per-person-year summaries.
func (s *Service) FindScopeStanding(ctx context.Context, actor app.Actor, f StandingFilter) (ScopeStanding, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return ScopeStanding{}, err
	}
	if f.Year < 2000 || f.Year > 2100 {
		return ScopeStanding{}, app.Invalid("year", "学年应为 2000 至 2100 之间的年份")
	}
	out := ScopeStanding{Year: f.Year}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "p.id")
		if f.OrgID != 0 {
			scope, args = scope+" AND o.id = ?", append(args, f.OrgID)
		}
		if f.Region != "" {
			scope, args = scope+" AND o.region_code = ?", append(args, f.Region)
		}
		regions, err := db.QueryAll(ctx, tx, scanString, `SELECT DISTINCT o.region_code FROM orgs o WHERE o.kind = 'school' AND `+
			orgOnly(scope)+` ORDER BY o.region_code`, args...)
		if err != nil {
			return err
		}
		names, err := categoryNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, code := range regions {
			if err := s.addRegion(ctx, tx, &out, code, scope, args, names); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func (s *Service) addRegion(ctx context.Context, tx *db.Tx, out *ScopeStanding, code, scope string, args []any, names map[string]string) error {
	r, err := s.rulesFor(ctx, tx, code, out.Year)
	if err != nil {
		return err
	}
	out.Missing = mergeMissing(out.Missing, r.Missing)
	c, _ := r.cycle(out.Year)
	ps, err := credit.ScopeCycles(ctx, tx, scope+" AND o.region_code = ?", append(append([]any{}, args...), code), c.From,
		out.Year, out.Year, r.Capped())
	if err != nil {
		return err
	}
	for _, p := range ps {
		st := measure(Standing{PersonID: p.PersonID, Name: p.Name, OrgName: p.OrgName, Year: out.Year, Cycle: c,
			Raw: p.CycleTotal, YearCredits: p.YearTotal}, p.CappedTotal, names, r)
		out.add(p.OrgID, st)
	}
	return nil
}

// add counts st into its school's row.
func (o *ScopeStanding) add(orgID int64, st Standing) {
	o.People = append(o.People, st)
	if n := len(o.Schools); n == 0 || o.Schools[n-1].OrgID != orgID {
		o.Schools = append(o.Schools, SchoolRow{OrgID: orgID, Name: st.OrgName})
	}
	row := &o.Schools[len(o.Schools)-1]
	row.Teachers++
	o.Teachers++
	row.Credits = round2(row.Credits + st.YearCredits)
	if st.BelowYear {
		row.BelowYear++
		o.BelowYear++
	}
	if st.CycleGap > 0 {
		row.ShortCycle++
		o.ShortCycle++
	}
}

// orgOnly turns a scope over p and o into one over o alone: the person
// clause of a 仅本人 scope becomes a match on the person's organisation.
func orgOnly(scope string) string {
	return strings.ReplaceAll(scope, "p.id = ?", "o.id IN (SELECT org_id FROM people WHERE id = ?)")
}

func mergeMissing(have, more []string) []string {
	for _, m := range more {
		found := false
		for _, h := range have {
			found = found || h == m
		}
		if !found {
			have = append(have, m)
		}
	}
	return have
}

func scanString(r db.Scanner) (string, error) {
	var s string
	err := r.Scan(&s)
	return s, err
}
