package quality_test

import (
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality"
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
