package liaison_test

import (
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

func TestOfficeStructure(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	f.MustPerson(t, org.Person{Name: "高级研究生", OrgID: f.OfficeA, ResearcherKind: "fulltime", ResearcherSubject: "物理",
		OfficeID: f.OfficeA, Title: "senior", Education: "10"})
	f.MustPerson(t, org.Person{Name: "一级教研员", OrgID: f.OfficeA, ResearcherKind: "fulltime", ResearcherSubject: "化学",
		OfficeID: f.OfficeA, Title: "first", Education: "20"})
	f.MustPerson(t, org.Person{Name: "兼职", OrgID: f.SchoolA, ResearcherKind: "parttime", ResearcherSubject: "化学", OfficeID: f.OfficeA})
	o, err := f.Svc.OfficeStructure(ctx, f.CountyA, f.OfficeA, "", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if fg := o.Figures; fg.FullTime != 3 || fg.PartTime != 1 || fg.Senior != 1 || fg.MidSenior != 2 || fg.Graduates != 1 {
		t.Fatalf("figures = %+v", fg)
	}
	want := map[policy.RuleKey]string{"office.senior_post_share": liaison.Grey, "office.mid_senior_title_share": liaison.Red,
		"office.senior_title_share": liaison.Red, "office.part_time_ratio": liaison.Red, "office.postgraduate_researchers": liaison.Red}
	for _, r := range o.Rows {
		if want[r.Key] != r.Colour {
			t.Errorf("%s: %+v, want %s", r.Key, r, want[r.Key])
		}
		if r.Key == "office.postgraduate_researchers" && r.Gap != "差 3 人" {
			t.Errorf("graduates gap = %q", r.Gap)
		}
	}
	if _, err := f.Svc.OfficeStructure(ctx, f.CountyB, f.OfficeA, "", 2025); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B read county A's office: %v", err)
	}
}
