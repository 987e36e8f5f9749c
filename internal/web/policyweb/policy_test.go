package policyweb_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/policy"
	"jiaoyan/internal/web/webtest"
)

func TestPolicyPageShowsRulesWithSources(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	year := fmt.Sprint((&policy.Service{DB: s.DB}).CurrentSchoolYear())
	if res, body := c.Post("/policy/preset", url.Values{"region": {"330302"}, "preset": {"wenzhou_2024_26"}, "from_year": {year}}); res.StatusCode != 303 {
		t.Fatalf("apply preset: %d %s", res.StatusCode, body)
	}
	_, body := c.Get("/policy?region=330302&year=" + year)
	for _, want := range []string{"72 学时", "温教研〔2024〕26号", "80%"} {
		if !strings.Contains(body, want) {
			t.Errorf("policy page lacks %q", want)
		}
	}
	if res, _ := s.As("county_b").Post("/policy/rule", url.Values{"region": {"330302"}, "rule": {"researcher.training_hours_per_year"},
		"value": {"10"}, "from_year": {year}, "version": {"1"}}); res.StatusCode != 404 && res.StatusCode != 403 {
		t.Fatalf("county B changed county A's rule: %d", res.StatusCode)
	}
	if _, body := c.Get("/policy?region=330302&year=" + year); !strings.Contains(body, "72 学时") {
		t.Fatal("county B's attempt changed the rule")
	}
}

// TestPolicyPageNamesWhoRulesApplyTo shows 适用对象 in Chinese, never the
// rule's internal codes.
func TestPolicyPageNamesWhoRulesApplyTo(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	year := fmt.Sprint((&policy.Service{DB: s.DB}).CurrentSchoolYear())
	if res, body := c.Post("/policy/preset", url.Values{"region": {"330302"}, "preset": {"wenzhou_2024_26"}, "from_year": {year}}); res.StatusCode != 303 {
		t.Fatalf("apply preset: %d %s", res.StatusCode, body)
	}
	_, body := c.Get("/policy?region=330302&year=" + year)
	if !strings.Contains(body, "<td>教研员</td>") || !strings.Contains(body, "<td>教研机构</td>") {
		t.Error("适用对象 is not shown in Chinese")
	}
	for _, code := range []string{"<td>researcher</td>", "<td>office</td>", "researcher.training_hours_per_year）"} {
		if strings.Contains(body, code) {
			t.Errorf("policy page shows the code %q", code)
		}
	}
}

// TestDictListNamesItsSource tells where the code tables come from in
// words (the national standard), not as a path in the source tree.
func TestDictListNamesItsSource(t *testing.T) {
	s := webtest.New(t)
	_, body := s.As("county_a").Get("/dicts")
	if strings.Contains(body, "internal/") || strings.Contains(body, ".md") {
		t.Error("代码表 shows a source-tree path")
	}
	if !strings.Contains(body, "GB/T 2260") {
		t.Error("代码表 does not name the standard of the region codes")
	}
}
