package site_test

import (
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

var sideNavRE = regexp.MustCompile(`(?s)<nav id="nav" class="side">(.*?)</nav>`)

// TestKeptMenuFollowsTheUserAndThePage: the side menu, rendered once per
// distinct menu and kept, still marks the page being shown and no other,
// and users whose roles differ see their own menus, not the first one kept.
func TestKeptMenuFollowsTheUserAndThePage(t *testing.T) {
	s := webtest.New(t)
	s.Bulk(t, 1)
	county, auditor := s.As("county_a"), s.As("bulk_audit")
	nav := func(c *webtest.Client, path string) string {
		t.Helper()
		_, body := c.Get(path)
		m := sideNavRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no side menu", path)
		}
		return m[1]
	}
	for range 2 { // the second round is served from the kept menus
		people, orgs := nav(county, "/people"), nav(county, "/orgs")
		if !strings.Contains(people, `<a href="/people" class="on">`) || strings.Contains(people, `<a href="/orgs" class="on">`) {
			t.Fatalf("on /people the menu marks:\n%s", marked(people))
		}
		if !strings.Contains(orgs, `<a href="/orgs" class="on">`) || strings.Contains(orgs, `<a href="/people" class="on">`) {
			t.Fatalf("on /orgs the menu marks:\n%s", marked(orgs))
		}
		if strings.Contains(nav(county, "/people/new"), `class="on"`) {
			t.Fatal("a page that is no menu item marks one")
		}
		a := nav(auditor, "/audit")
		if !strings.Contains(a, `href="/audit"`) || strings.Contains(a, `href="/people"`) {
			t.Fatalf("the auditor's menu is not the auditor's:\n%s", a)
		}
		if strings.Contains(people, `href="/audit"`) {
			t.Fatal("the county administrator's menu holds the audit log")
		}
	}
}

func marked(nav string) string {
	return strings.Join(regexp.MustCompile(`<a href="[^"]*" class="on">`).FindAllString(nav, -1), "\n")
}
