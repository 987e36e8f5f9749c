package activityweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

// TestKindsPageAddsRenamesAndRetires: the city administrator adds a kind
// and the new-activity form offers it; a bad name gets its message at the
// row; retiring takes it off the form; a county administrator has no page.
func TestKindsPageAddsRenamesAndRetires(t *testing.T) {
	s := webtest.New(t)
	c := s.As("city_admin")
	if res, _ := c.Post("/activity-kinds", url.Values{"name": {"课例研修"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	_, body := c.Get("/activity-kinds")
	if !strings.Contains(body, "<td>课例研修</td><td>启用</td><td>0 项</td>") {
		t.Fatalf("the new kind is not listed:\n%s", body)
	}
	res, body := c.Post("/activity-kinds/online", url.Values{"op": {"rename"}, "name": {"主题教研"}, "version": {"1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<div class="ferr">已有名为“主题教研”的活动类型`) {
		t.Fatalf("rename to a taken name: %d\n%s", res.StatusCode, body)
	}
	if _, form := s.As("county_a").Get("/activities/new"); !strings.Contains(form, "课例研修") {
		t.Error("the new-activity form does not offer the added kind")
	}
	if res, _ := c.Post("/activity-kinds/online", url.Values{"op": {"retire"}, "version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("retire: %d", res.StatusCode)
	}
	if _, form := s.As("county_a").Get("/activities/new"); strings.Contains(form, "网络教研</option>") {
		t.Error("the new-activity form still offers a retired kind")
	}
	if res, _ := s.As("county_a").Get("/activity-kinds"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a county administrator opens the kinds page: %d", res.StatusCode)
	}
}
