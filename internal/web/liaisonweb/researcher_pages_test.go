package liaisonweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// withSeed001 applies the district training school's rules to county A.
func withSeed001(t *testing.T, s *webtest.Site) {
	t.Helper()
	if err := (&policy.Service{DB: s.DB}).ApplyPreset(context.Background(), testutil.Root, "330302", "district_training_school",
		dict.TermOf(time.Now()).Year); err != nil {
		t.Fatal(err)
	}
}

func TestAdmissionCheckPage(t *testing.T) {
	s := webtest.New(t)
	withSeed001(t, s)
	c := s.As("county_a")
	q := "/researchers/check?run=1&region=330302&title=first&education=20&teaching_years=8&age=50"
	if _, body := c.Get(q); !strings.Contains(body, "不符合准入条件") || !strings.Contains(body, "新任教研员年龄") {
		t.Fatalf("a 50-year-old without honours passed:\n%s", body)
	}
	_, body := c.Get(q + "&special=1")
	if !strings.Contains(body, "符合准入条件") || strings.Contains(body, "不符合准入条件") || !strings.Contains(body, "可适当放宽") ||
		!strings.Contains(body, "特级教师") {
		t.Fatalf("a 特级教师 is not relaxed:\n%s", body)
	}
	if _, body := c.Get("/researchers/check?run=1&title=first"); !strings.Contains(body, `<div class="ferr">请选择按哪个区域的规则核对`) {
		t.Fatalf("no region: error not at the field:\n%s", body)
	}
}

func TestOfficeStructurePage(t *testing.T) {
	s := webtest.New(t)
	withSeed001(t, s)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	p, _ := s.Org.FindPersonByID(context.Background(), testutil.Root, id)
	s.MustPerson(t, org.Person{Name: "鹿城兼职", OrgID: s.SchoolA, ResearcherKind: "parttime", ResearcherSubject: "语文", OfficeID: p.OfficeID})
	_, body := s.As("county_a").Get(fmt.Sprintf("/researchers/office?office_id=%d", p.OfficeID))
	for _, want := range []string{"鹿城区教研室", "1 : 1", "研究生学历教研员", "差 4 人", "中高级职称比例"} {
		if !strings.Contains(body, want) {
			t.Errorf("office page lacks %q", want)
		}
	}
	if _, body := s.As("county_b").Get(fmt.Sprintf("/researchers/office?office_id=%d", p.OfficeID)); strings.Contains(body, "鹿城区教研室") {
		t.Error("county B sees county A's office")
	}
}

func TestAdmissionCheckOfPersonOnFile(t *testing.T) {
	s := webtest.New(t)
	withSeed001(t, s)
	c := s.As("county_a")
	_, body := c.Get(fmt.Sprintf("/researchers/check?person_id=%d&age=40", s.TeacherA))
	if !strings.Contains(body, "核对 <b>陈鹿城</b>") || !strings.Contains(body, "新任教研员职称") || !strings.Contains(body, `value="330302" selected`) {
		t.Fatalf("check of a person on file:\n%s", body)
	}
	if res, body := s.As("county_b").Get(fmt.Sprintf("/researchers/check?person_id=%d", s.TeacherA)); res.StatusCode != 404 || strings.Contains(body, "陈鹿城") {
		t.Fatalf("county B checked county A's teacher: %d", res.StatusCode)
	}
}
