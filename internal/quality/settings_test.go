package quality_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/testutil"
)

// setLines sets the city's score lines (percent of full marks) from year.
func setLines(t *testing.T, p *policy.Service, year int, pass, good, excellent, low float64) {
	t.Helper()
	for k, v := range map[policy.RuleKey]float64{policy.RuleQualityPassLine: pass, policy.RuleQualityGoodLine: good,
		policy.RuleQualityExcellentLine: excellent, policy.RuleQualityLowLine: low} {
		if err := p.SetValue(ctx, testutil.Root, "330300", k, v, year, "", 0); err != nil {
			t.Fatal(err)
		}
	}
}

// With the region's rules service and no score lines set, the analysis
// refuses, naming each unset rule; with lines set it uses them, not the
// engine's defaults (60%, 40%): 数学's 10 points make 及格 at 70% need 7
// and 低分 below 65% mean under 6.5, counted by hand below.
func TestAnalysisReadsScoreLinesFromRegionRules(t *testing.T) {
	f := newFixture(t)
	p := &policy.Service{DB: f.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	f.Svc.Policy = p
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, f.ExamID, "成绩.csv", []byte(scoresCSV), nil); err != nil {
		t.Fatal(err)
	}
	_, err := f.Svc.Analyze(ctx, f.CityAdmin, f.ExamID, nil)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "本区域未设定规则：质量分析：及格线") ||
		!strings.Contains(app.ErrorMessage(err), "本区域未设定规则：质量分析：低分线") {
		t.Fatalf("unset lines: %v", err)
	}
	lines, err := f.Svc.AnalysisSettingsOf(ctx, f.CityAdmin, f.ExamID)
	if err != nil || len(lines) != 5 || lines[0].Unset != "本区域未设定规则：质量分析：及格线" || lines[4].Unset == "" {
		t.Fatalf("settings shown: %+v %v", lines, err)
	}
	setLines(t, p, 2025, 70, 80, 90, 65)
	if _, err := f.Svc.Analyze(ctx, f.CityAdmin, f.ExamID, nil); err != nil {
		t.Fatal(err)
	}
	gs, err := f.Svc.FindGroups(ctx, f.CityAdmin, f.ExamID, quality.GroupRegion, "数学")
	if err != nil || len(gs) != 1 {
		t.Fatalf("region groups: %+v %v", gs, err)
	}
	// 数学 scores of the five present: 10, 6, 6, 4.5, 1.
	// 及格 >= 7: 1 of 5 (defaults: 3); 优秀 >= 9: 1 of 5; 低分 < 6.5: 4 of 5 (defaults: 1).
	g := gs[0]
	for name, c := range map[string][2]*float64{"pass": {g.PassRate, ptr(0.2)}, "excellent": {g.ExcellentRate, ptr(0.2)}, "low": {g.LowRate, ptr(0.8)}} {
		if c[0] == nil || *c[0] < *c[1]-1e-9 || *c[0] > *c[1]+1e-9 {
			t.Errorf("%s rate %v, want %v", name, c[0], *c[1])
		}
	}
	lines, _ = f.Svc.AnalysisSettingsOf(ctx, f.CityAdmin, f.ExamID)
	if lines[0].Value != "70%（占满分）" || lines[4].Unset != "本区域未设定规则：薄弱学科：标准分低于" {
		t.Fatalf("settings shown: %+v", lines)
	}
}

// Lines out of order are refused before any analysis.
func TestAnalysisRefusesLinesOutOfOrder(t *testing.T) {
	f := newFixture(t)
	p := &policy.Service{DB: f.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	f.Svc.Policy = p
	setLines(t, p, 2025, 60, 75, 85, 70)
	f.Svc.ImportScores(ctx, f.CityAdmin, f.ExamID, "成绩.csv", []byte(scoresCSV), nil)
	if _, err := f.Svc.Analyze(ctx, f.CityAdmin, f.ExamID, nil); !strings.Contains(app.ErrorMessage(err), "低分线 < 及格线") {
		t.Fatalf("lines out of order: %v", err)
	}
}

func ptr(x float64) *float64 { return &x }
