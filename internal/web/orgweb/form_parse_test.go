package orgweb_test

import (
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

// TestMalformedFormShowsTheErrorPage: a form body that cannot be parsed
// (a broken %-escape) is refused with a Chinese message and saves
// nothing, rather than being read as an empty form.
func TestMalformedFormShowsTheErrorPage(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	before := s.AuditCount()
	for _, path := range []string{"/orgs", "/groups", "/studios", "/people"} {
		res, err := c.Client.Post(c.Base+path, "application/x-www-form-urlencoded", strings.NewReader("name=%zz&kind=school"))
		if err != nil {
			t.Fatal(err)
		}
		body := webtest.Readable(t, res, webtest.ReadBody(res))
		if res.StatusCode == http.StatusOK || res.StatusCode == http.StatusSeeOther || !strings.Contains(body, "表单内容无法读取") {
			t.Errorf("POST %s with a broken body: status %d, no 表单内容无法读取 on the page", path, res.StatusCode)
		}
	}
	if s.AuditCount() != before {
		t.Error("a broken form changed something")
	}
}
