package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/testutil"
)

// openTodos lists the titles of a user's open 待办 with their due dates.
func openTodos(t *testing.T, w *testutil.World, a app.Actor) []string {
	t.Helper()
	todos, _, err := (&notify.Service{DB: w.DB}).FindTodos(ctx, a, notify.TodoFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range todos {
		out = append(out, x.Title+"@"+x.Due.Format("2006-01-02"))
	}
	return out
}

func TestRoundPublishGivesLeaderReportTodos(t *testing.T) {
	w := newRoundWorld(t)
	if _, err := w.Svc.ChooseTargets(ctx, w.CountyA, w.RoundID, liaison.TargetFilter{Rural: true}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []int64{w.ResA, w.ResA2} {
		if _, err := w.Svc.SaveTeam(ctx, w.CountyA, w.RoundID, r, 1, []int64{w.TeacherA}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID); err != nil {
		t.Fatal(err)
	}
	r, _ := w.Svc.FindRound(ctx, w.CountyA, w.RoundID)
	if err := w.Svc.PublishRound(ctx, w.CountyA, w.RoundID, r.Version+1); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale publish: %v", err)
	}
	if got := openTodos(t, w.World, w.ResUserA); len(got) != 0 {
		t.Fatalf("a refused publish left todos: %v", got)
	}
	if err := w.Svc.PublishRound(ctx, w.CountyA, w.RoundID, r.Version); err != nil {
		t.Fatal(err)
	}
	links, _ := w.Svc.FindLinks(ctx, w.CountyA, w.RoundID)
	k := linkOf(t, links, w.ResA)
	want := "提交调研报告：" + k.SchoolName + "@" + r.PrepareEnd
	if got := openTodos(t, w.World, w.ResUserA); len(got) != 1 || got[0] != want {
		t.Fatalf("leader's todos after publish = %v, want [%s]", got, want)
	}
	for _, other := range []app.Actor{w.ResUserB, w.CountyB} {
		if got := openTodos(t, w.World, other); len(got) != 0 {
			t.Fatalf("county B user %s sees %v", other.Username, got)
		}
	}
	if err := w.Svc.SaveLinkTexts(ctx, w.ResUserA, k.ID, k.Version, "调研发现：课堂提问偏少。", ""); err != nil {
		t.Fatal(err)
	}
	got := openTodos(t, w.World, w.ResUserA)
	if len(got) != 1 || !strings.HasPrefix(got[0], "制定提升方案："+k.SchoolName+"@") {
		t.Fatalf("after the report: %v, want only 制定提升方案", got)
	}
	if err := w.Svc.SaveLinkTexts(ctx, w.ResUserA, k.ID, k.Version+1, "调研发现：课堂提问偏少。", "每月一次同课异构。"); err != nil {
		t.Fatal(err)
	}
	if got := openTodos(t, w.World, w.ResUserA); len(got) != 0 {
		t.Fatalf("after the plan: %v, want none open", got)
	}
}

func TestStationPublishGivesPhaseTodosClosedByVisits(t *testing.T) {
	w := newRoundWorld(t)
	if err := w.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330302", "ouhai_2024_school_training", 2025); err != nil {
		t.Fatal(err)
	}
	cal := dict.YearCalendar{Region: "330302", Year: 2025, Term1Start: "2025-09-01", Term1End: "2026-01-20",
		Term2Start: "2026-02-20", Term2End: "2026-07-05"}
	if err := w.Svc.Dict.SaveCalendar(ctx, testutil.Root, cal); err != nil {
		t.Fatal(err)
	}
	first := dict.Term{Year: 2025, Half: dict.First}
	id, err := w.Svc.CreateStationPlan(ctx, w.CountyA, "330302", "", first, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Svc.PlanStations(ctx, w.CountyA, id, nil, liaison.TargetFilter{}); err != nil {
		t.Fatal(err)
	}
	p, stations, _ := w.Svc.FindStationPlan(ctx, w.CountyA, id)
	if got := openTodos(t, w.World, w.ResUserA); len(got) != 0 {
		t.Fatalf("todos before publishing: %v", got)
	}
	if err := w.Svc.PublishStationPlan(ctx, w.CountyA, id, p.Version); err != nil {
		t.Fatal(err)
	}
	st := stationOf(t, stations, w.ResA, first)
	got := openTodos(t, w.World, w.ResUserA)
	if len(got) != 6 || got[0] != "期初视导："+st.SchoolName+"@2025-10-06" || !containsStr(got, "期末视导："+st.SchoolName+"@2026-01-20") {
		t.Fatalf("researcher's todos = %v, want 期初/期中/期末 of two terms dated by the 校历", got)
	}
	if g := openTodos(t, w.World, w.ResUserB); len(g) != 0 {
		t.Fatalf("county B researcher sees %v", g)
	}
	v := liaison.Visit{ResearcherID: w.ResA, SchoolID: st.SchoolID, Purpose: liaison.PurposeStation, StartDate: "2025-09-05",
		StationID: st.ID, StationPhase: "opening"}
	if _, err := w.Svc.SaveVisit(ctx, w.ResUserA, v, nil); err != nil {
		t.Fatal(err)
	}
	got = openTodos(t, w.World, w.ResUserA)
	if len(got) != 5 || containsStr(got, "期初视导："+st.SchoolName+"@2025-10-06") {
		t.Fatalf("after the 期初 visit: %v", got)
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
