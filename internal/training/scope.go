package training

import (
	"context"
	"maps"
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
// per-person-year summaries. The standing is kept per process until a
// write moves credit_version or policy_version (standing_cache.go); it is
// shared, and callers must not change it.
func (s *Service) FindScopeStanding(ctx context.Context, actor app.Actor, f StandingFilter) (ScopeStanding, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return ScopeStanding{}, err
	}
	if f.Year < 2000 || f.Year > 2100 {
		return ScopeStanding{}, app.Invalid("year", "学年应为 2000 至 2100 之间的年份")
	}
	var at standingVersions
	scope, args := auth.ScopeWhere(actor, "p.org_path", "p.org_id", "p.id")
	if f.OrgID != 0 {
		scope, args = scope+" AND p.org_id = ?", append(args, f.OrgID)
	}
	err := s.DB.Read(ctx, func(tx *db.Tx) (err error) { at, err = creditVersion(ctx, tx); return err })
	if err != nil {
		return ScopeStanding{}, err
	}
	// Read before computing, the versions never label a standing newer
	// than what it holds; the wait for a standing another request is
	// computing holds no transaction.
	return s.standings.get(standingKey{scope: scopeKey(scope, args), f: f}, at, func() (ScopeStanding, error) {
		// Others may be waiting for it: a request that goes away does not
		// cancel their standing.
		return s.computeScopeStanding(context.WithoutCancel(ctx), scope, args, f)
	})
}

// computeScopeStanding measures the people matched by scope: their list
// in one read, their regions' policy rules (policy's own reads), then the
// caps, names and sums in a second read.
func (s *Service) computeScopeStanding(ctx context.Context, scope string, args []any, f StandingFilter) (ScopeStanding, error) {
	out := ScopeStanding{Year: f.Year}
	people, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]credit.ScopePerson, error) {
		return credit.ScopePeople(ctx, tx, scope, args, f.Region)
	})
	if err != nil {
		return out, err
	}
	byRegion := map[string]*regionRules{}
	for _, p := range people {
		if _, ok := byRegion[p.RegionCode]; ok {
			continue
		}
		r, err := s.policyRules(ctx, p.RegionCode, f.Year)
		if err != nil {
			return out, err
		}
		byRegion[p.RegionCode] = &regionRules{Rules: r}
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error { return s.measureAll(ctx, tx, &out, people, byRegion) })
	return out, err
}

// FindScopeStandingFresh is FindScopeStanding computed afresh, not taken
// from the process's kept standings (for checks against the kept one).
func (s *Service) FindScopeStandingFresh(ctx context.Context, actor app.Actor, f StandingFilter) (ScopeStanding, error) {
	fresh := &Service{DB: s.DB, Org: s.Org, Policy: s.Policy, Files: s.Files, Now: s.Now}
	return fresh.FindScopeStanding(ctx, actor, f)
}

// regionRules are the rules and cycle of one region in a scope standing.
type regionRules struct {
	Rules
	cycle Cycle
}

// measureAll measures people, each against their region's rules, from
// the summaries: one grouped read per distinct cycle start.
func (s *Service) measureAll(ctx context.Context, tx *db.Tx, out *ScopeStanding, people []credit.ScopePerson,
	byRegion map[string]*regionRules) error {
	names, err := categoryNames(ctx, tx)
	if err != nil {
		return err
	}
	capped := map[string]bool{}
	for _, code := range slices.Sorted(maps.Keys(byRegion)) {
		rr := byRegion[code]
		r, err := withCaps(ctx, tx, rr.Rules, code, out.Year)
		if err != nil {
			return err
		}
		rr.Rules = r
		rr.cycle, _ = r.cycle(out.Year)
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
