package training

import (
	"context"
	"slices"

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
		people, err := credit.ScopePeople(ctx, tx, scope, args)
		if err != nil {
			return err
		}
		return s.measureAll(ctx, tx, &out, people)
	})
	return out, err
}

// regionRules are the rules and cycle of one region in a scope standing.
type regionRules struct {
	Rules
	cycle Cycle
}

// measureAll measures people, each against their region's rules, from
// the summaries: one grouped read per distinct cycle start.
func (s *Service) measureAll(ctx context.Context, tx *db.Tx, out *ScopeStanding, people []credit.ScopePerson) error {
	names, err := categoryNames(ctx, tx)
	if err != nil {
		return err
	}
	byRegion := map[string]*regionRules{}
	capped := map[string]bool{}
	for _, p := range people {
		if _, ok := byRegion[p.RegionCode]; ok {
			continue
		}
		r, err := s.rulesFor(ctx, tx, p.RegionCode, out.Year)
		if err != nil {
			return err
		}
		c, _ := r.cycle(out.Year)
		byRegion[p.RegionCode] = &regionRules{Rules: r, cycle: c}
		for _, k := range r.Capped() {
			capped[k] = true
		}
		out.Missing = mergeMissing(out.Missing, r.Missing)
	}
	sums, err := s.sumAll(ctx, tx, people, byRegion, out.Year, capped)
	if err != nil {
		return err
	}
	for _, p := range people {
		rr, a := byRegion[p.RegionCode], sums[p.PersonID]
		if a == nil {
			a = &credit.CycleSum{}
		}
		st := measureOnly(Standing{PersonID: p.PersonID, Name: p.Name, OrgName: p.OrgName, Year: out.Year, Cycle: rr.cycle,
			Raw: a.Raw, YearCredits: a.Year}, a.Capped, names, &rr.Rules)
		out.add(p.OrgID, st)
	}
	return nil
}

func (s *Service) sumAll(ctx context.Context, tx *db.Tx, people []credit.ScopePerson, byRegion map[string]*regionRules,
	year int, capped map[string]bool) (map[int64]*credit.CycleSum, error) {
	var cats []string
	for c := range capped {
		cats = append(cats, c)
	}
	byStart := map[int]map[int64]bool{} // regions usually share one cycle: one read
	for _, p := range people {
		from := byRegion[p.RegionCode].cycle.From
		if byStart[from] == nil {
			byStart[from] = map[int64]bool{}
		}
		byStart[from][p.PersonID] = true
	}
	out := map[int64]*credit.CycleSum{}
	for from, ids := range byStart {
		got, err := credit.CycleSums(ctx, tx, ids, from, year, cats)
		if err != nil {
			return nil, err
		}
		for id, v := range got {
			out[id] = v
		}
	}
	return out, nil
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

func mergeMissing(have, more []string) []string {
	for _, m := range more {
		if !slices.Contains(have, m) {
			have = append(have, m)
		}
	}
	return have
}
