package liaison_test

import (
	"io"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/demo"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
)

// demoCounty picks the small demo's county with the most full-time
// researchers among those with at least two rural or weak schools.
func demoCounty(t *testing.T, d *db.DB) string {
	t.Helper()
	var code string
	err := d.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT o.region_code FROM people p JOIN orgs o ON o.id = p.org_id
			WHERE p.researcher_kind = 'fulltime' AND o.region_code IN (SELECT region_code FROM orgs
			WHERE kind IN ('school','teaching_point') AND (locale = 'rural' OR weak = TRUE) GROUP BY region_code HAVING COUNT(*) >= 2)
			GROUP BY o.region_code ORDER BY COUNT(*) DESC, o.region_code LIMIT 1`).Scan(&code)
	})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// TestWholeRoundOnDemoRegion runs a round end to end on the small demo
// region: plan, publish, log visits, and read each link's compliance — one
// researcher meets the one-week rule, one deliberately does not.
func TestWholeRoundOnDemoRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("demo region")
	}
	e := testutil.NewEnv(t)
	if _, err := demo.Generate(ctx, demo.Target{Org: e.Org, Auth: e.Auth}, demo.Small, 1, io.Discard); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2025, 12, 15, 10, 0, 0, 0, time.UTC) }
	svc := &liaison.Service{DB: e.DB, Org: e.Org, Policy: &policy.Service{DB: e.DB, Now: now}, Dict: &dict.Store{DB: e.DB}, Now: now}
	county := demoCounty(t, e.DB)
	if err := svc.Policy.ApplyPreset(ctx, testutil.Root, county, "linyi_2023_liaison", 2025); err != nil {
		t.Fatal(err)
	}
	root := app.System("轮次测试", liaison.PermLiaisonManage, liaison.PermVisitView, auth.PermPersonView, auth.PermOrgView)
	id, err := svc.CreateRound(ctx, root, county, 2025, "")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := svc.ChooseTargets(ctx, root, id, liaison.TargetFilter{Rural: true, Weak: true, TeachingPoints: true}); err != nil || n < 2 {
		t.Fatalf("targets %d, %v", n, err)
	}
	for _, r := range demoResearchers(t, e.DB, county) {
		if _, err := svc.SaveTeam(ctx, root, id, r, 4, nil); err != nil {
			t.Fatal(err)
		}
	}
	if res, err := svc.PlanRound(ctx, root, id); err != nil || res.Proposed < 2 {
		t.Fatalf("plan %+v, %v", res, err)
	}
	r, _ := svc.FindRound(ctx, root, id)
	if err := svc.PublishRound(ctx, root, id, r.Version); err != nil {
		t.Fatal(err)
	}
	links, _ := svc.FindLinks(ctx, root, id)
	t.Logf("county %s: %d links published", county, len(links))
	good, short := links[0], links[len(links)-1]
	if good.ResearcherID == short.ResearcherID {
		t.Fatalf("need links of two researchers, got %+v", links)
	}
	for _, v := range []struct {
		k          liaison.Link
		start, end string
	}{{good, "2025-11-03", "2025-11-07"}, {short, "2025-11-03", "2025-11-04"}} {
		visit := liaison.Visit{ResearcherID: v.k.ResearcherID, SchoolID: v.k.SchoolID, Purpose: liaison.PurposeLiaison,
			StartDate: v.start, EndDate: v.end, LessonsObserved: 4}
		if _, err := svc.SaveVisit(ctx, root, visit, nil); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := svc.RoundCompliance(ctx, root, id)
	if err != nil || len(cs) != len(links) {
		t.Fatalf("%d rows, %v", len(cs), err)
	}
	for _, c := range cs {
		term := c.Terms[0]
		want := c.Link.ID == good.ID
		if term.Result.Met != want || c.Met() != want || term.Result.Target != 1 || !c.Terms[1].Future {
			t.Errorf("%s — %s: %d days, met %v (want %v): %s", c.Link.ResearcherName, c.Link.SchoolName, term.Days, term.Result.Met, want, term.Text())
		}
		if c.Link.ID == short.ID && (term.Days != 2 || term.Short() != 3) {
			t.Errorf("under-quota researcher shows %d days short by %d, want 2 short by 3", term.Days, term.Short())
		}
	}
}

func demoResearchers(t *testing.T, d *db.DB, county string) []int64 {
	t.Helper()
	var ids []int64
	err := d.Read(ctx, func(tx *db.Tx) error {
		var err error
		ids, err = db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, `SELECT p.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.researcher_kind = 'fulltime' AND o.region_code = ?
			ORDER BY p.id`, county)
		return err
	})
	if err != nil || len(ids) < 2 {
		t.Fatalf("county %s has %d full-time researchers: %v", county, len(ids), err)
	}
	return ids
}
