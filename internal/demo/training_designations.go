package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

// cityModelSchools sets the city's 校本研修示范校 target (40, as 004 asks)
// and designates fewer than that over the last three 学年 — about a third
// of its schools, at most 28 — the county-level ones by each county, the
// city-level ones by the city, so /talent shows a realistic shortfall with
// the names behind it. One county adds a title of its own (教研基地校) and
// confers it on two schools.
func (g *gen) cityModelSchools(ctx context.Context, t Target, r *rand.Rand, c *city, year int) (int, error) {
	then := time.Date(year-2, 9, 1, 8, 0, 0, 0, time.UTC)
	ps := &policy.Service{DB: t.Policy.DB, Now: func() time.Time { return then }}
	if err := ps.SetValue(ctx, builder, c.code, policy.RuleRegionTrainingDemoSchools, 40, year-2,
		"演示：全市遴选建设40所左右校本研修示范校", 0); err != nil {
		return 0, err
	}
	ts := t.Training
	editor := func(region string) (app.Actor, error) {
		id, err := bureauID(ctx, ts, region)
		return app.Actor{Username: builder.Username, OrgID: id, Perms: app.Perms(training.PermTalentEdit, training.PermCreditView),
			Scope: app.Scope{All: true}}, err
	}
	cityEditor, err := editor(c.code)
	if err != nil {
		return 0, err
	}
	var pool []*school
	for _, s := range g.schools {
		if s.county != nil && s.county.city == c && s.kind != kPoint && s.id != 0 {
			pool = append(pool, s)
		}
	}
	want := min(28, len(pool)/3)
	n := 0
	for i, k := range r.Perm(len(pool))[:want] {
		s := pool[k]
		y := year - i%3
		a, level, basis := cityEditor, "city", fmt.Sprintf("%s教研〔%d〕%d号", strings.TrimSuffix(c.name, "市"), y, 8+i)
		if i%3 != 0 {
			if a, err = editor(s.county.code); err != nil {
				return n, err
			}
			level, basis = "county", fmt.Sprintf("%s教发〔%d〕%d号", s.county.name, y, 20+i)
		}
		if _, err := ts.Designate(ctx, a, training.Designation{OrgID: s.id, Kind: training.KindModelSchool, SchoolYear: y,
			Level: level, Basis: basis}); err != nil {
			return n, fmt.Errorf("%s：%w", s.name, err)
		}
		n++
	}
	if len(c.counties) == 0 {
		return n, nil
	}
	k := c.counties[0]
	a, err := editor(k.code)
	if err != nil {
		return n, err
	}
	code, err := ts.AddDesignationKind(ctx, a, "教研基地校")
	if err != nil {
		return n, err
	}
	given := 0
	for _, s := range pool {
		if s.county == k && given < 2 {
			if _, err := ts.Designate(ctx, a, training.Designation{OrgID: s.id, Kind: code, SchoolYear: year, Level: "county",
				Basis: fmt.Sprintf("%s教发〔%d〕3号", k.name, year)}); err != nil {
				return n, err
			}
			given++
		}
	}
	return n, nil
}
