package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

func reason(t *testing.T, a liaison.Admission, key policy.RuleKey) liaison.Reason {
	t.Helper()
	for _, r := range a.Reasons {
		if r.Key == key {
			return r
		}
	}
	t.Fatalf("no reason %s in %+v", key, a.Reasons)
	return liaison.Reason{}
}

func TestAdmissionRelaxations(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	base := liaison.Candidate{Title: "first", Honour: "county", Education: "20", TeachingYears: 8, Age: 40}
	old := base
	old.Age, old.Honour = 50, ""
	special := old
	special.SpecialGrade = true
	junior := special
	junior.Title = "second"
	cases := []struct {
		name     string
		c        liaison.Candidate
		eligible bool
	}{{"all met", base, true}, {"too old, no honour", old, false}, {"特级教师 relaxes age and honour", special, true},
		{"特级教师 does not relax the title", junior, false}}
	for _, tc := range cases {
		a, err := f.Svc.CheckCandidate(ctx, f.CountyA, "330302", 2025, tc.c)
		if err != nil {
			t.Fatal(err)
		}
		if a.Eligible != tc.eligible {
			t.Errorf("%s: eligible = %v, reasons %+v", tc.name, a.Eligible, a.Reasons)
		}
	}
	a, _ := f.Svc.CheckCandidate(ctx, f.CountyA, "330302", 2025, special)
	age := reason(t, a, "researcher.max_entry_age")
	if age.Met || !age.Relaxed || !strings.Contains(age.Text, "可适当放宽") || age.Rule != "45 岁" || age.Source == "" {
		t.Errorf("age reason = %+v", age)
	}
	if r := reason(t, a, "researcher.min_title"); !r.Met || r.Relaxed || r.Measured != "一级教师" {
		t.Errorf("title reason = %+v", r)
	}
	b, _ := f.Svc.CheckCandidate(ctx, f.CountyA, "330302", 2025, old)
	if r := reason(t, b, "researcher.min_honour"); r.Met || r.Relaxed || r.Measured != "无" {
		t.Errorf("honour without grounds = %+v", r)
	}
	if _, err := f.Svc.CheckCandidate(ctx, f.TeacherUserA, "330302", 2025, base); err == nil {
		t.Error("a teacher ran the admission check")
	}
}

func TestCandidateOfPerson(t *testing.T) {
	p := org.Person{ID: 7, Name: "张", Title: "senior", Education: "10", TeachingSince: 2010,
		Honours: []org.Honour{{Name: "县级教坛新秀", Level: "county"}, {Name: "市级学科带头人", Level: "city"}}}
	c := liaison.CandidateOf(p, 2025)
	if c.TeachingYears != 15 || c.Honour != "city" || !c.CityMaster || c.SpecialGrade {
		t.Fatalf("candidate = %+v", c)
	}
}

func TestAdmissionOfPersonOnFile(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	id := f.MustPerson(t, org.Person{Name: "候选人", OrgID: f.SchoolA, Title: "first", Education: "20", TeachingSince: 2015,
		Honours: []org.Honour{{Name: "市级学科带头人", Level: "city", Year: 2023}}})
	a, err := f.Svc.CheckCandidate(ctx, f.CountyA, "", 2025, liaison.Candidate{PersonID: id, Age: 47})
	if err != nil {
		t.Fatal(err)
	}
	if a.Region != "330302" || a.Candidate.Name != "候选人" || !a.Eligible || len(a.RelaxedBy) != 1 {
		t.Fatalf("admission = %+v", a)
	}
	if r := reason(t, a, "researcher.min_teaching_years"); r.Measured != "10 年" || !r.Met {
		t.Errorf("teaching years = %+v", r)
	}
	if r := reason(t, a, "researcher.max_entry_age"); r.Met || !r.Relaxed {
		t.Errorf("47 with a 市级学科带头人 honour should be relaxed: %+v", r)
	}
	if _, err := f.Svc.CheckCandidate(ctx, f.CountyB, "", 2025, liaison.Candidate{PersonID: id}); err == nil {
		t.Error("county B checked county A's person")
	}
}
