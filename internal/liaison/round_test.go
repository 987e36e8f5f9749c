package liaison_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// rtWorld is the fixture with the 临沂 liaison rules from 2025 on county A's
// city, a second county-A researcher, and an urban (non-target) school.
type rtWorld struct {
	*fixture
	ResA2   int64
	Rural2  int64
	Urban   int64
	RoundID int64
}

func newRoundWorld(t *testing.T) *rtWorld {
	f := newFixture(t)
	f.Svc.Policy.Now = func() time.Time { return time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC) }
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330300", "linyi_2023_liaison", 2025); err != nil {
		t.Fatal(err)
	}
	w := &rtWorld{fixture: f}
	w.ResA2 = f.MustPerson(t, org.Person{Name: "教研员丙", OrgID: f.OfficeA, ResearcherKind: "fulltime", ResearcherSubject: "语文", OfficeID: f.OfficeA})
	w.Rural2 = f.MustSchool(t, "鹿城区山根小学", "330302", 11)
	w.Urban = f.MustOrg(t, org.Org{Name: "鹿城区城南小学", Kind: org.KindSchool, RegionCode: "330302", SchoolCode: "2330000012",
		Stages: []string{"primary"}, Locale: "urban"})
	id, err := f.Svc.CreateRound(ctx, f.CountyA, "330302", 2025, "")
	if err != nil {
		t.Fatal(err)
	}
	w.RoundID = id
	return w
}

// plan chooses the rural schools, one-school teams for ResA and ResA2, runs
// the planner and publishes.
func (w *rtWorld) planAndPublish(t *testing.T) []liaison.Link {
	t.Helper()
	if n, err := w.Svc.ChooseTargets(ctx, w.CountyA, w.RoundID, liaison.TargetFilter{Rural: true}); err != nil || n != 2 {
		t.Fatalf("targets = %d, %v; want the 2 rural schools of county A", n, err)
	}
	for _, r := range []int64{w.ResA, w.ResA2} {
		if _, err := w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, r, 1, []int64{w.TeacherA}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID)
	if err != nil || res.Proposed != 2 || len(res.Uncovered) != 0 {
		t.Fatalf("plan = %+v, %v", res, err)
	}
	r, _ := w.Svc.FindRound(ctx, w.CountyA, w.RoundID)
	if err := w.Svc.PublishRound(ctx, w.CountyA, w.RoundID, r.Version); err != nil {
		t.Fatal(err)
	}
	links, err := w.Svc.FindLinks(ctx, w.CountyA, w.RoundID)
	if err != nil || len(links) != 2 || links[0].Proposed {
		t.Fatalf("links = %+v, %v", links, err)
	}
	return links
}

func linkOf(t *testing.T, links []liaison.Link, researcher int64) liaison.Link {
	t.Helper()
	for _, k := range links {
		if k.ResearcherID == researcher {
			return k
		}
	}
	t.Fatalf("no link for researcher %d", researcher)
	return liaison.Link{}
}

func TestRoundStagesFromPolicy(t *testing.T) {
	w := newRoundWorld(t)
	r, err := w.Svc.FindRound(ctx, w.CountyA, w.RoundID)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{r.PrepareStart, r.PrepareEnd, r.ImplementStart, r.ImplementEnd, r.SummaryStart, r.SummaryEnd}
	want := []string{"2025-06-01", "2025-08-31", "2025-09-01", "2027-07-31", "2027-07-01", "2027-08-31"}
	if strings.Join(got, " ") != strings.Join(want, " ") || r.Status != liaison.RoundDraft || len(r.Terms()) != 4 {
		t.Fatalf("stages %v, status %s, %d terms", got, r.Status, len(r.Terms()))
	}
	if r.Name != "2025—2026学年联系学校轮次" {
		t.Fatalf("default name %q", r.Name)
	}
}

func TestRoundScope(t *testing.T) {
	w := newRoundWorld(t)
	if _, err := w.Svc.FindRound(ctx, w.CountyB, w.RoundID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B saw county A's round: %v", err)
	}
	if _, err := w.Svc.ChooseTargets(ctx, w.CountyB, w.RoundID, liaison.TargetFilter{Rural: true}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B changed county A's round: %v", err)
	}
	if _, err := w.Svc.CreateRound(ctx, w.CountyB, "330302", 2025, ""); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("county B opened a round for county A: %v", err)
	}
	if _, err := w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, w.ResB, 1, nil); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("county A put county B's researcher on a team: %v", err)
	}
	if list, _ := w.Svc.FindRounds(ctx, w.SchoolAdminA); len(list) != 0 {
		t.Fatal("school admin sees a round with no link to the school")
	}
	links := w.planAndPublish(t)
	list, err := w.Svc.FindRounds(ctx, w.SchoolAdminA)
	if err != nil || len(list) != 1 {
		t.Fatalf("school admin sees %d rounds, want the one linked to the school: %v", len(list), err)
	}
	seen, _ := w.Svc.FindLinks(ctx, w.SchoolAdminA, w.RoundID)
	if len(seen) != 1 || seen[0].SchoolID != w.SchoolA {
		t.Fatalf("school admin sees links %+v, want only the one to the school", seen)
	}
	if list, _ := w.Svc.FindRounds(ctx, w.ResUserA); len(list) != 1 {
		t.Fatalf("team researcher sees %d rounds, want their own round", len(list))
	}
	if list, _ := w.Svc.FindRounds(ctx, w.ResUserB); len(list) != 0 {
		t.Fatal("county B researcher sees county A's round")
	}
	if _, err := w.Svc.FindLink(ctx, w.ResUserB, links[0].ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B researcher read a county A link: %v", err)
	}
}

func TestRoundPlanPublishAndStale(t *testing.T) {
	w := newRoundWorld(t)
	w.Svc.ChooseTargets(ctx, w.CountyA, w.RoundID, liaison.TargetFilter{Rural: true})
	w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, w.ResA, 1, nil)
	res, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID)
	if err != nil || res.Proposed != 1 || len(res.Uncovered) != 1 || !strings.Contains(res.Uncovered[0], "名额") {
		t.Fatalf("one team of capacity 1 for two schools: %+v, %v", res, err)
	}
	r, _ := w.Svc.FindRound(ctx, w.CountyA, w.RoundID)
	if !strings.Contains(r.PlanNote, "未安排的学校") {
		t.Fatalf("plan note %q does not explain the uncovered school", r.PlanNote)
	}
	links, _ := w.Svc.FindLinks(ctx, w.CountyA, w.RoundID)
	if len(links) != 1 || !links[0].Proposed {
		t.Fatalf("proposals stored as %+v", links)
	}
	if _, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID); err != nil {
		t.Fatal(err)
	}
	if again, _ := w.Svc.FindLinks(ctx, w.CountyA, w.RoundID); len(again) != 1 {
		t.Fatalf("re-planning kept old proposals: %d links", len(again))
	}
	if err := w.Svc.PublishRound(ctx, w.CountyA, w.RoundID, r.Version+1); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("publish with a wrong version: %v", err)
	}
	if err := w.Svc.PublishRound(ctx, w.CountyA, w.RoundID, r.Version); err != nil {
		t.Fatal(err)
	}
	if err := w.Svc.PublishRound(ctx, w.CountyA, w.RoundID, r.Version); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("published twice: %v", err)
	}
	if _, err := w.Svc.ChooseTargets(ctx, w.CountyA, w.RoundID, liaison.TargetFilter{Weak: true}); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("targets changed after publish: %v", err)
	}
}

func TestHandAdjustments(t *testing.T) {
	w := newRoundWorld(t)
	w.Svc.ChooseTargets(ctx, w.CountyA, w.RoundID, liaison.TargetFilter{Rural: true})
	teamA, _ := w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, w.ResA, 2, nil)
	teamC, _ := w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, w.ResA2, 1, nil)
	id, err := w.Svc.AddLink(ctx, w.CountyA, w.RoundID, teamA, w.SchoolA)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Svc.AddLink(ctx, w.CountyA, w.RoundID, teamC, w.Urban); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("linked a school that is not a target: %v", err)
	}
	if err := w.Svc.MoveLink(ctx, w.CountyA, id, teamC); err != nil {
		t.Fatal(err)
	}
	res, _ := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID)
	k, err := w.Svc.FindLink(ctx, w.CountyA, id)
	if err != nil || k.ResearcherID != w.ResA2 || res.Proposed != 1 {
		t.Fatalf("hand link after re-plan: %+v %v; proposals %d", k, err, res.Proposed)
	}
	if err := w.Svc.RemoveLink(ctx, w.CountyA, id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Svc.FindLink(ctx, w.CountyA, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("removed link still there: %v", err)
	}
}

func TestImportTargetsAllOrNothing(t *testing.T) {
	w := newRoundWorld(t)
	_, err := w.Svc.ImportTargets(ctx, w.CountyA, w.RoundID, []string{"2330000012", "9999999999"})
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), "第2行") {
		t.Fatalf("bad code: %v", err)
	}
	if list, _ := w.Svc.FindTargets(ctx, w.CountyA, w.RoundID); len(list) != 0 {
		t.Fatal("a failed import added schools")
	}
	if n, err := w.Svc.ImportTargets(ctx, w.CountyA, w.RoundID, []string{"2330000012"}); err != nil || n != 1 {
		t.Fatalf("import = %d, %v", n, err)
	}
}

func TestOnsiteComplianceKeepsLastYearsRule(t *testing.T) {
	w := newRoundWorld(t)
	links := w.planAndPublish(t)
	kA, kC := linkOf(t, links, w.ResA), linkOf(t, links, w.ResA2)
	logLiaison(t, w, w.ResA, kA.SchoolID, "2025-10-13", "2025-10-17")
	logLiaison(t, w, w.ResA2, kC.SchoolID, "2025-10-13", "2025-10-14")
	rule, _, _ := w.Svc.Policy.ValueFor(ctx, "330302", "liaison.onsite_weeks_per_term", 2025)
	if err := w.Svc.Policy.SetValue(ctx, testutil.Root, "330302", "liaison.onsite_weeks_per_term", 2, 2026, "加码", 0); err != nil {
		t.Fatal(err)
	}
	cs, err := w.Svc.RoundCompliance(ctx, w.CountyA, w.RoundID)
	if err != nil || len(cs) != 2 || rule != 1 {
		t.Fatalf("%+v %v (rule %v)", cs, err, rule)
	}
	for _, c := range cs {
		first, next := c.Terms[0], c.Terms[2]
		switch c.Link.ResearcherID {
		case w.ResA:
			if first.Days != 5 || !first.Result.Met || !c.Met() {
				t.Errorf("5 days against one week: %+v", first)
			}
		case w.ResA2:
			if first.Days != 2 || first.Result.Met || c.Met() || !strings.Contains(first.Text(), "差 3 天") {
				t.Errorf("2 days against one week: %+v %q", first, first.Text())
			}
		}
		if first.Result.Target != 1 || next.Result.Target != 2 || !next.Future {
			t.Errorf("2025 target %v, 2026 target %v future %v", first.Result.Target, next.Result.Target, next.Future)
		}
	}
}

func logLiaison(t *testing.T, w *rtWorld, res, school int64, start, end string) {
	t.Helper()
	v := liaison.Visit{ResearcherID: res, SchoolID: school, Purpose: liaison.PurposeLiaison, StartDate: start, EndDate: end}
	if _, err := w.Svc.SaveVisit(ctx, w.CountyA, v, nil); err != nil {
		t.Fatal(err)
	}
}

func TestLinkFollowUp(t *testing.T) {
	w := newRoundWorld(t)
	links := w.planAndPublish(t)
	k := links[0]
	if k.SchoolID != w.SchoolA {
		k = links[1]
	}
	own := linkOf(t, links, w.ResA)
	if err := w.Svc.SaveLinkTexts(ctx, w.ResUserA, own.ID, own.Version, "调研：师资薄弱", "提升：每周教研"); err != nil {
		t.Fatalf("team researcher writes the survey: %v", err)
	}
	k, _ = w.Svc.FindLink(ctx, w.CountyA, k.ID)
	if err := w.Svc.SaveLinkTexts(ctx, w.CountyA, k.ID, k.Version, "调研", "提升"); err != nil {
		t.Fatal(err)
	}
	if got, _ := w.Svc.FindLink(ctx, w.SchoolAdminA, k.ID); got.Survey != "调研" || got.Version != k.Version+1 {
		t.Fatalf("saved link reads %+v", got)
	}
	if err := w.Svc.SaveLinkTexts(ctx, w.CountyA, k.ID, k.Version, "旧", "旧"); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale link save: %v", err)
	}
	if err := w.Svc.SaveLinkTexts(ctx, w.ResUserB, k.ID, k.Version+1, "a", "b"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B researcher wrote county A's link: %v", err)
	}
	if _, err := w.Svc.AddGuidancePlan(ctx, w.CountyA, k.ID, w.TeacherB, "上好公开课"); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("guidance for a teacher of another school: %v", err)
	}
	pid, err := w.Svc.AddGuidancePlan(ctx, w.CountyA, k.ID, w.TeacherA, "上好公开课")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Svc.AddFollowup(ctx, w.CountyA, pid, "2025-11-20", "听课并评课"); err != nil {
		t.Fatal(err)
	}
	if err := w.Svc.AddExchange(ctx, w.CountyA, k.ID, "2025-12-10", "期末工作交流"); err != nil {
		t.Fatal(err)
	}
	on, _ := w.Svc.LinkOnsite(ctx, w.CountyA, k.ID)
	if first := on.Terms[0]; first.Exchanges != 1 || !first.ExchRule.Met || first.Visits != 0 || first.VisitRule.Met {
		t.Fatalf("term counts: %d exchanges (met %v), %d visits (met %v)", first.Exchanges, first.ExchRule.Met, first.Visits, first.VisitRule.Met)
	}
	plans, ex, err := w.Svc.FindGuidance(ctx, w.SchoolAdminA, k.ID)
	if err != nil || len(plans) != 1 || len(plans[0].Followups) != 1 || len(ex) != 1 || ex[0].Term.String() != "2025学年第一学期" {
		t.Fatalf("school admin reads %+v %+v %v", plans, ex, err)
	}
}

func TestPlanNoteNamesIdleResearcher(t *testing.T) {
	w := newRoundWorld(t)
	w.Svc.ImportTargets(ctx, w.CountyA, w.RoundID, []string{"2330000012"})
	w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, w.ResA, 1, nil)
	w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, w.ResA2, 1, nil)
	if _, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID); err != nil {
		t.Fatal(err)
	}
	r, _ := w.Svc.FindRound(ctx, w.CountyA, w.RoundID)
	if !strings.Contains(r.PlanNote, "未达到最少联系学校数") || !(strings.Contains(r.PlanNote, "）：教研员甲") || strings.Contains(r.PlanNote, "）：教研员丙")) {
		t.Fatalf("one school for two teams: note %q does not name the idle researcher", r.PlanNote)
	}
}
