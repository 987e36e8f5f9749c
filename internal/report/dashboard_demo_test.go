package report_test

import (
	"io"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/demo"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/testutil"
)

// TestDashboardAfterDemoRound runs a round on the small demo region under
// seed 001's rules (20 on-site days a term): plan, publish, the good
// researcher logs 20 days at their school, the short one 2 days; the
// dashboard then shows each researcher's compliance, the short one red
// with 差 18 天, and the short one's phone page lists the linked school.
func TestDashboardAfterDemoRound(t *testing.T) {
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
	if err := svc.Policy.ApplyPreset(ctx, testutil.Root, county, "district_training_school", 2025); err != nil {
		t.Fatal(err)
	}
	if err := svc.Policy.ApplyPreset(ctx, testutil.Root, county[:4]+"00", "linyi_2023_liaison", 2025); err != nil {
		t.Fatal(err) // the round's stages and team sizes, inherited from the city
	}
	root := app.System("看板测试", liaison.PermLiaisonManage, liaison.PermVisitView, auth.PermPersonView, auth.PermOrgView)
	links := publishedDemoRound(t, svc, root, county)
	good, short := links[0], links[len(links)-1]
	for _, v := range []struct {
		k          liaison.Link
		start, end string
		days       int
	}{{good, "2025-09-01", "2025-09-30", 20}, {short, "2025-11-03", "2025-11-04", 2}} {
		if _, err := svc.SaveVisit(ctx, root, liaison.Visit{ResearcherID: v.k.ResearcherID, SchoolID: v.k.SchoolID,
			Purpose: liaison.PurposeLiaison, StartDate: v.start, EndDate: v.end, Days: v.days, LinkID: v.k.ID}, nil); err != nil {
			t.Fatal(err)
		}
	}
	d, err := (&report.Service{DB: e.DB, Policy: svc.Policy, Now: now}).Dashboard(ctx, root, county, dict.Term{Year: 2025, Half: 1})
	if err != nil {
		t.Fatal(err)
	}
	researchers := demoResearchers(t, e.DB, county)
	if d.Met != 1 || d.NotMet != len(researchers)-1 || d.NoRule != 0 {
		t.Fatalf("met %d, not met %d of %d researchers; want 1 and the rest", d.Met, d.NotMet, len(researchers))
	}
	for _, q := range d.Quotas {
		switch q.Researcher.ID {
		case good.ResearcherID:
			if !q.TermMet || q.TermDays != 20 || q.TermColor != liaison.Green {
				t.Errorf("good researcher %s: %+v", q.Researcher.Name, q)
			}
		case short.ResearcherID:
			if q.TermMet || q.TermDays != 2 || q.TermGap != "差 18 天" {
				t.Errorf("short researcher %s: days %d gap %q", q.Researcher.Name, q.TermDays, q.TermGap)
			}
		default:
			if q.TermDays != 0 || q.TermGap != "差 20 天" {
				t.Errorf("idle researcher %s: days %d gap %q", q.Researcher.Name, q.TermDays, q.TermGap)
			}
		}
	}
	if last := d.Quotas[len(d.Quotas)-1]; last.Researcher.ID != good.ResearcherID {
		t.Errorf("worst-first order ends with %s, want the good researcher", last.Researcher.Name)
	}
	me := app.Actor{PersonID: short.ResearcherID, Perms: map[app.Perm]bool{liaison.PermVisitEdit: true}}
	m, err := svc.MyTerm(ctx, me)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := m.Find(short.SchoolID); !ok || s.Days != 2 || s.LinkID != short.ID {
		t.Errorf("short researcher's phone page: %+v", m.Schools)
	}
}

// publishedDemoRound creates, plans and publishes a round in county with
// every full-time researcher as a team; it returns the links.
func publishedDemoRound(t *testing.T, svc *liaison.Service, root app.Actor, county string) []liaison.Link {
	t.Helper()
	id, err := svc.CreateRound(ctx, root, county, 2025, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ChooseTargets(ctx, root, id, liaison.TargetFilter{Rural: true, Weak: true, TeachingPoints: true}); err != nil {
		t.Fatal(err)
	}
	for _, r := range demoResearchers(t, svc.DB, county) {
		if _, err := svc.SaveTeam(ctx, root, id, r, 4, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.PlanRound(ctx, root, id); err != nil {
		t.Fatal(err)
	}
	r, _ := svc.FindRound(ctx, root, id)
	if err := svc.PublishRound(ctx, root, id, r.Version); err != nil {
		t.Fatal(err)
	}
	links, _ := svc.FindLinks(ctx, root, id)
	if len(links) < 2 || links[0].ResearcherID == links[len(links)-1].ResearcherID {
		t.Fatalf("need links of two researchers, got %+v", links)
	}
	return links
}
