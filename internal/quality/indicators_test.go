package quality_test

import (
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/testutil"
)

// 鹿城区's two schools enter 合格性考试合格率 92 and 88 (mean 90); its county
// 标准分 in the fixture's exam are 数学 53.9 and 语文 52.9, so 数学 is its
// 优势学科 and 语文 its 薄弱学科. County B's school is not on county A's page.
func TestIndicatorsPerCountyAndYear(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	for _, x := range []struct {
		school int64
		v      float64
	}{{f.SchoolA, 92}, {f.SchoolC, 88}, {f.SchoolB, 70}} {
		if err := f.Svc.SetIndicator(ctx, f.CityAdmin, x.school, 2025, quality.IndPass, x.v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Svc.SetIndicator(ctx, f.CountyA, f.SchoolB, 2025, quality.IndPass, 100); !isCode(err, app.EINVALID) {
		t.Errorf("county A sets county B's school: %v", err)
	}
	if err := f.Svc.SetIndicator(ctx, f.CityAdmin, f.SchoolA, 2025, quality.IndPass, 101); !isCode(err, app.EINVALID) {
		t.Errorf("a rate of 101%%: %v", err)
	}
	lines, err := f.Svc.FindIndicators(ctx, f.CountyA)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].County != "鹿城区" || lines[0].Year != 2025 {
		t.Fatalf("county A's lines %+v", lines)
	}
	l := lines[0]
	if v := l.Indicators[quality.IndPass]; v == nil || *v != 90 || l.Schools[quality.IndPass] != 2 {
		t.Errorf("合格率 %v over %d schools, want 90 over 2", v, l.Schools[quality.IndPass])
	}
	if l.Strong != "数学" || l.Weak != "语文" {
		t.Errorf("优势 %s 薄弱 %s, want 数学 and 语文", l.Strong, l.Weak)
	}
}

// With the region's rules, 薄弱学科 on the indicators page follows the rule
// 薄弱学科：标准分低于: unset names none and says so; 53 names 语文 (52.9);
// from a year where it is 52 none is below it.
func TestIndicatorsWeakSubjectFollowsTheRule(t *testing.T) {
	f := newFixture(t)
	p := &policy.Service{DB: f.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	f.Svc.Policy = p
	setLines(t, p, 2025, 60, 75, 85, 40)
	f.importAndAnalyze(t)
	weak := func() (string, string) {
		lines, err := f.Svc.FindIndicators(ctx, f.CountyA)
		if err != nil || len(lines) != 1 {
			t.Fatalf("lines %+v %v", lines, err)
		}
		return lines[0].Weak, lines[0].WeakNote
	}
	if w, note := weak(); w != "" || note != "本区域未设定规则：薄弱学科：标准分低于" {
		t.Fatalf("rule unset: %q %q", w, note)
	}
	if err := p.SetValue(ctx, testutil.Root, "330300", policy.RuleQualityWeakSubjectT, 53, 2025, "", 0); err != nil {
		t.Fatal(err)
	}
	if w, note := weak(); w != "语文" || note != "" {
		t.Fatalf("rule 53: %q %q", w, note)
	}
	g := newFixture(t)
	q := &policy.Service{DB: g.DB, Now: p.Now}
	g.Svc.Policy = q
	setLines(t, q, 2025, 60, 75, 85, 40)
	if err := q.SetValue(ctx, testutil.Root, "330300", policy.RuleQualityWeakSubjectT, 52, 2025, "", 0); err != nil {
		t.Fatal(err)
	}
	g.importAndAnalyze(t)
	lines, err := g.Svc.FindIndicators(ctx, g.CountyA)
	if err != nil || len(lines) != 1 || lines[0].Weak != "" || lines[0].WeakNote != "无（各科标准分不低于52）" {
		t.Fatalf("rule 52: %+v %v", lines, err)
	}
}
