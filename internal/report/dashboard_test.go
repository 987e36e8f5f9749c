package report_test

import (
	"testing"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
)

// dashWorld adds to the fixture: in county A a weak urban school nobody
// visited, an urban school that does not count, and a second 专职教研员 far
// under quota; seed 001's rules in force in county A only.
func dashWorld(t *testing.T) (*fixture, int64) {
	f := newFixture(t)
	withRules(t, f)
	f.MustOrg(t, org.Org{Name: "鹿城区薄弱小学", Kind: org.KindSchool, RegionCode: "330302", SchoolCode: "2330000021",
		Stages: []string{"primary"}, Locale: "urban", Weak: true})
	urban := f.MustOrg(t, org.Org{Name: "鹿城区城区小学", Kind: org.KindSchool, RegionCode: "330302", SchoolCode: "2330000022",
		Stages: []string{"primary"}, Locale: "urban"})
	resA2 := f.MustPerson(t, org.Person{Name: "教研员丙", OrgID: f.OfficeA, ResearcherKind: "fulltime", ResearcherSubject: "英语", OfficeID: f.OfficeA})
	f.MustPerson(t, org.Person{Name: "兼职教研员丁", OrgID: f.SchoolA, ResearcherKind: "parttime", ResearcherSubject: "科学", OfficeID: f.OfficeA})
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-09-01", "2025-09-30", 21, 30, 1)
	logVisit(t, f, f.CountyA, resA2, urban, "2025-10-09", "2025-10-10", 2, 4, 0)
	return f, resA2
}

func TestDashboardCounty(t *testing.T) {
	f, resA2 := dashWorld(t)
	d, err := f.Rep.Dashboard(ctx, f.CountyA, "", dict.Term{Year: 2025, Half: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Coverage) != 1 || d.Coverage[0].RegionName != "鹿城区" || d.Coverage[0].Total != 2 || d.Coverage[0].Visited != 1 {
		t.Fatalf("coverage = %+v, want 鹿城区 1 of 2 (实验小学 visited, 薄弱小学 not)", d.Coverage)
	}
	if d.Met != 1 || d.NotMet != 1 || d.NoRule != 0 || len(d.Quotas) != 2 {
		t.Fatalf("met %d, not met %d, %d researchers; want 1, 1, 2 (兼职 left out)", d.Met, d.NotMet, len(d.Quotas))
	}
	worst := d.Quotas[0]
	if worst.Researcher.ID != resA2 || worst.TermDays != 2 || worst.TermGap != "差 18 天" || worst.TermColor != liaison.Red {
		t.Fatalf("worst = %+v, want 教研员丙 with 2 days, 差 18 天", worst)
	}
	if d.Quotas[1].Researcher.ID != f.ResA || !d.Quotas[1].TermMet {
		t.Fatalf("second = %+v", d.Quotas[1])
	}
}

func TestDashboardScope(t *testing.T) {
	f, _ := dashWorld(t)
	d, err := f.Rep.Dashboard(ctx, f.CountyB, "", dict.Term{Year: 2025, Half: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Quotas) != 1 || d.Quotas[0].Researcher.ID != f.ResB || len(d.Coverage) != 1 || d.Coverage[0].Region != "330303" {
		t.Fatalf("county B dashboard shows county A: %+v", d)
	}
	if d.Quotas[0].TermColor != liaison.Grey || d.NoRule != 1 || d.Met+d.NotMet != 0 {
		t.Errorf("county B has no rules, want grey: %+v", d.Quotas[0])
	}
	city, _ := f.Rep.Dashboard(ctx, f.CityAdmin, "", dict.Term{Year: 2025, Half: 1})
	if len(city.Coverage) != 2 || len(city.Quotas) != 3 {
		t.Fatalf("city sees %d counties, %d researchers; want 2, 3", len(city.Coverage), len(city.Quotas))
	}
	if _, err := f.Rep.Dashboard(ctx, f.TeacherUserA, "", dict.Term{Year: 2025, Half: 1}); err == nil {
		t.Fatal("a teacher without visit.view opened the dashboard")
	}
}
