package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
)

func TestStationPlanAndCoverage(t *testing.T) {
	w := newRoundWorld(t)
	first := dict.Term{Year: 2025, Half: dict.First}
	if _, err := w.Svc.CreateStationPlan(ctx, w.CountyB, "330302", "", first, 0); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("county B planned county A's stations: %v", err)
	}
	// No coverage rule in the region: the plan says which rule to set
	// instead of assuming two years.
	if _, err := w.Svc.CreateStationPlan(ctx, w.CountyA, "330302", "", first, 0); !strings.Contains(app.ErrorMessage(err),
		"本区域未设定规则：") {
		t.Fatalf("plan without the coverage rule: %v, want 本区域未设定规则：…", err)
	}
	if err := w.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330302", "ouhai_2024_school_training", 2025); err != nil {
		t.Fatal(err)
	}
	id, err := w.Svc.CreateStationPlan(ctx, w.CountyA, "330302", "", first, 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Svc.PlanStations(ctx, w.CountyA, id, nil, liaison.TargetFilter{})
	if err != nil || res.Stations != 6 || res.Shortage != "" || len(res.Uncovered) != 0 {
		t.Fatalf("2 researchers x 3 schools over 4 terms: %+v, %v", res, err)
	}
	p, stations, _ := w.Svc.FindStationPlan(ctx, w.CountyA, id)
	if !strings.Contains(p.PlanNote, "教研员甲 ") || !strings.Contains(p.PlanNote, "空缺：可去的学校只有3所") {
		t.Fatalf("plan note %q does not name the vacant terms", p.PlanNote)
	}
	if p.Terms != 4 || len(p.TermList()) != 4 {
		t.Fatalf("default rotation length %d terms, want 4 (two years)", p.Terms)
	}
	if _, _, err := w.Svc.FindStationPlan(ctx, w.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B read county A's plan: %v", err)
	}
	if err := w.Svc.PublishStationPlan(ctx, w.CountyA, id, p.Version+1); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale publish: %v", err)
	}
	if err := w.Svc.PublishStationPlan(ctx, w.CountyA, id, p.Version); err != nil {
		t.Fatal(err)
	}
	st := stationOf(t, stations, w.ResA, first)
	v := liaison.Visit{ResearcherID: w.ResA, SchoolID: st.SchoolID, Purpose: liaison.PurposeStation, StartDate: "2025-09-05",
		StationID: st.ID, StationPhase: "opening"}
	if _, err := w.Svc.SaveVisit(ctx, w.ResUserA, v, nil); err != nil {
		t.Fatal(err)
	}
	_, stations, _ = w.Svc.FindStationPlan(ctx, w.ResUserA, id)
	if got := stationOf(t, stations, w.ResA, first); !got.Phases["opening"] || got.Phases["midterm"] {
		t.Fatalf("phases after the 期初 visit: %v", got.Phases)
	}
	c, err := w.Svc.FindCoverage(ctx, w.CountyA, "330302", 2024)
	if err != nil || c.From != 2024 || c.To != 2025 || len(c.Rows) != 3 || c.Gaps != 2 {
		t.Fatalf("coverage %+v, %v", c, err)
	}
	for _, r := range c.Rows {
		if r.SchoolID == st.SchoolID && (r.Gap() || r.LastVisit != "2025-09-05" || !strings.Contains(r.StationText(), "2025学年第一学期")) {
			t.Errorf("visited school row %+v", r)
		}
	}
	if _, err := w.Svc.FindCoverage(ctx, w.CountyB, "330302", 2024); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B read county A's coverage: %v", err)
	}
}

func TestStationShortage(t *testing.T) {
	w := newRoundWorld(t)
	id, _ := w.Svc.CreateStationPlan(ctx, w.CountyA, "330302", "", dict.Term{Year: 2025, Half: dict.First}, 1)
	res, err := w.Svc.PlanStations(ctx, w.CountyA, id, []int64{w.ResA}, liaison.TargetFilter{})
	if err != nil || !strings.Contains(res.Shortage, "最小的调整") || len(res.Uncovered) != 2 {
		t.Fatalf("1 researcher, 1 term, 3 schools: %+v, %v", res, err)
	}
	p, _, _ := w.Svc.FindStationPlan(ctx, w.CountyA, id)
	if !strings.Contains(p.PlanNote, "最小的调整") {
		t.Fatalf("plan note %q lacks the shortage", p.PlanNote)
	}
}

func stationOf(t *testing.T, list []liaison.Station, res int64, term dict.Term) liaison.Station {
	t.Helper()
	for _, s := range list {
		if s.ResearcherID == res && s.Term == term {
			return s
		}
	}
	t.Fatalf("no station for %d in %s: %+v", res, term, list)
	return liaison.Station{}
}

// TestStationShortageStatedOnce: with one researcher for one term over three
// schools, the plan note gives the shortage arithmetic once and names the
// two uncovered schools in one line, not a line per school.
func TestStationShortageStatedOnce(t *testing.T) {
	w := newRoundWorld(t)
	id, _ := w.Svc.CreateStationPlan(ctx, w.CountyA, "330302", "", dict.Term{Year: 2025, Half: dict.First}, 1)
	if _, err := w.Svc.PlanStations(ctx, w.CountyA, id, []int64{w.ResA}, liaison.TargetFilter{}); err != nil {
		t.Fatal(err)
	}
	p, _, _ := w.Svc.FindStationPlan(ctx, w.CountyA, id)
	if n := strings.Count(p.PlanNote, "个蹲点名额"); n != 1 {
		t.Errorf("shortage stated %d times, want once:\n%s", n, p.PlanNote)
	}
	var line string
	for _, l := range strings.Split(p.PlanNote, "\n") {
		if strings.HasPrefix(l, "未覆盖的学校 2 所") {
			line = l
		}
	}
	if line == "" || strings.Count(line, "、") != 1 || strings.Count(p.PlanNote, "蹲点名额不足") != 1 {
		t.Errorf("uncovered schools not listed once with their count:\n%s", p.PlanNote)
	}
}
