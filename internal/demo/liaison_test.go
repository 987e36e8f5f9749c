package demo

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/testutil"
)

// demoToday is the day the liveness test runs the demo on: 2026学年第一学期.
var demoToday = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// liveDemo generates the small demo with policy and liaison, on demoToday.
func liveDemo(t *testing.T) (*testutil.Env, *liaison.Service, Summary) {
	t.Helper()
	env := testutil.NewEnv(t)
	now := func() time.Time { return demoToday }
	ps := &policy.Service{DB: env.DB, Now: now}
	ls := &liaison.Service{DB: env.DB, Org: env.Org, Policy: ps, Dict: &dict.Store{DB: env.DB}, Now: now}
	sum, err := Generate(context.Background(), Target{Org: env.Org, Auth: env.Auth, Policy: ps, Liaison: ls}, Small, 1, io.Discard)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return env, ls, sum
}

var viewer = app.System("演示检查", auth.PermVisitView, auth.PermOrgView, auth.PermPersonView, auth.PermRegionView)

// TestDemoIsAliveOnFirstSignIn looks at the small demo as a county user
// would on 2026-12-01: the dashboard has on-site figures with researchers
// who met the rule and researchers who did not, a sample researcher's card
// shows figures, the coverage table has stations, the running round has
// teams with backbone teachers and links, and nothing is recorded after
// today.
func TestDemoIsAliveOnFirstSignIn(t *testing.T) {
	if testing.Short() {
		t.Skip("demo region")
	}
	env, ls, sum := liveDemo(t)
	ctx := context.Background()
	if sum.Visits == 0 || sum.Links == 0 {
		t.Fatalf("summary: %d visits, %d links", sum.Visits, sum.Links)
	}
	g := plan(Small, 1)
	met, unmet := 0, 0
	for _, k := range g.counties {
		d, err := reportOf(ls).Dashboard(ctx, viewer, k.code, dict.Term{Year: 2026, Half: dict.First})
		if err != nil {
			t.Fatal(err)
		}
		met, unmet = met+d.Met, unmet+d.NotMet
		checkRound(t, ls, k.code)
		checkCoverage(t, ls, k.code)
	}
	t.Logf("%d visits, %d links; dashboards: %d met, %d not", sum.Visits, sum.Links, met, unmet)
	if met == 0 || unmet == 0 || met < unmet {
		t.Errorf("dashboards: %d researchers met the on-site rule, %d not; want both, most meeting it", met, unmet)
	}
	checkSampleCard(t, env, ls)
	checkNothingInFuture(t, env.DB)
}

func checkRound(t *testing.T, ls *liaison.Service, county string) {
	t.Helper()
	ctx := context.Background()
	rounds, err := ls.FindRounds(ctx, viewer)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rounds {
		if r.RegionCode != county {
			continue
		}
		teams, _ := ls.FindTeams(ctx, viewer, r.ID)
		links, _ := ls.FindLinks(ctx, viewer, r.ID)
		members := 0
		for _, tm := range teams {
			members += len(tm.Members)
		}
		if r.Status != liaison.RoundPublished || r.FirstYear != 2026 || len(teams) == 0 || members == 0 || len(links) == 0 {
			t.Errorf("%s round %s: status %s, %d teams with %d members, %d links", county, r.Name, r.Status, len(teams), members, len(links))
		}
		return
	}
	t.Errorf("county %s has no round", county)
}

func checkCoverage(t *testing.T, ls *liaison.Service, county string) {
	t.Helper()
	c, err := ls.FindCoverage(context.Background(), viewer, county, 0)
	if err != nil {
		t.Fatal(err)
	}
	stations, visited := 0, 0
	for _, r := range c.Rows {
		if len(r.StationTerms) > 0 {
			stations++
		}
		if !r.Gap() {
			visited++
		}
	}
	if stations == 0 || visited == 0 {
		t.Errorf("%s coverage: %d schools with a station, %d visited of %d", county, stations, visited, len(c.Rows))
	}
}

// checkSampleCard opens the card of demo.jyy2's researcher for 2026学年 and
// 2025学年: days, lessons and training are figures, not zeros everywhere.
func checkSampleCard(t *testing.T, env *testutil.Env, ls *liaison.Service) {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := env.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT person_id FROM users WHERE username = 'demo.jyy2'").Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []int{2025, 2026} {
		c, err := reportOf(ls).Card(ctx, viewer, id, year)
		if err != nil {
			t.Fatal(err)
		}
		f := c.Figures
		t.Logf("%d card of %s: %+v, %d unmet", year, c.Researcher.Name, f, c.Unmet())
		if f.Days[0] == 0 || f.Lessons == 0 || f.TrainingHours == 0 || f.LastActivity == "" {
			t.Errorf("%d card of %s: %+v", year, c.Researcher.Name, f)
		}
		if year == 2025 && f.Days[1] == 0 {
			t.Errorf("2025 card has no second-term days: %+v", f)
		}
		if year == 2026 && f.Days[1] != 0 {
			t.Errorf("2026 card has days in the coming term: %+v", f)
		}
	}
}

func checkNothingInFuture(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	var n int
	err := d.Read(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(ctx, `SELECT (SELECT COUNT(*) FROM visits WHERE end_date > '2026-12-01')
			+ (SELECT COUNT(*) FROM credit_entries WHERE on_date > '2026-12-01')
			+ (SELECT COUNT(*) FROM guidance_followups WHERE on_date > '2026-12-01')
			+ (SELECT COUNT(*) FROM liaison_exchanges WHERE on_date > '2026-12-01')`)
		return err
	})
	if err != nil || n != 0 {
		t.Errorf("%d records after today (%v)", n, err)
	}
}

// TestDemoWorkSameSeedSameVisits: the same seed on the same day gives the
// same rounds, stations and visits.
func TestDemoWorkSameSeedSameVisits(t *testing.T) {
	if testing.Short() {
		t.Skip("demo region")
	}
	dump := func() string {
		env, _, _ := liveDemo(t)
		ctx := context.Background()
		var out []string
		err := env.DB.Read(ctx, func(tx *db.Tx) error {
			var err error
			out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
				var a, b, c, d string
				err := r.Scan(&a, &b, &c, &d)
				return a + "|" + b + "|" + c + "|" + d, err
			}, `SELECT p.name, o.name, v.start_date || v.purpose || v.days, COALESCE(s.half, 0) || v.station_phase
				FROM visits v JOIN people p ON p.id = v.researcher_id JOIN orgs o ON o.id = v.school_id
				LEFT JOIN stations s ON s.id = v.station_id ORDER BY v.id`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(out, "\n")
	}
	if a, b := dump(), dump(); a != b || a == "" {
		t.Fatalf("two runs of seed 1 differ (%d and %d bytes)", len(a), len(b))
	}
}

// reportOf is the workload card and dashboard over the demo's liaison data.
func reportOf(ls *liaison.Service) *report.Service {
	return &report.Service{DB: ls.DB, Policy: ls.Policy, Now: ls.Now}
}
