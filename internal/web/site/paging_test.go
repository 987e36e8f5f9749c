package site_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

// listFilters is, per list page, a filter that keeps every row
// webtest.Bulk made, so that paging with it on still has a second page.
var listFilters = map[string]string{
	"/people": "q=" + webtest.BulkPrefix, "/orgs": "q=" + webtest.BulkPrefix, "/groups": "q=" + webtest.BulkPrefix,
	"/notices": "q=" + webtest.BulkPrefix, "/accounts": "q=bulk_t", "/visits": "purpose=liaison", "/audit": "q=" + webtest.BulkPrefix,
}

// listUsers are tried in order on every page; the first whose page shows
// a pager is the one the page is paged as.
var listUsers = []string{"county_a", "bulk_sec", "bulk_audit", "bulk_res", "bulk_sys"}

var (
	nextRE = regexp.MustCompile(`<a href="([^"]*)"[^>]*>下一页</a>`)
	rowRE  = regexp.MustCompile(`(?s)<tr>(.*?)</tr>|<div class="card todo-row[^"]*">(.*?)</div>`)
)

// TestEveryListPagesAndKeepsItsFilter walks every GET list route of the
// site (a route without a path value whose page shows a pager), with more
// rows than a page holds: page 1 links 下一页 exactly as a browser would
// follow it, page 2 shows rows page 1 does not, and the filter in the
// query is still in the link and still applied.
func TestEveryListPagesAndKeepsItsFilter(t *testing.T) {
	s := webtest.New(t)
	s.Bulk(t, 60)
	clients := map[string]*webtest.Client{}
	for _, u := range listUsers {
		clients[u] = s.As(u)
	}
	paged := 0
	for _, rt := range s.Server.Routes() {
		if rt.Method != "GET" || rt.Public || strings.Contains(strings.TrimSuffix(rt.Pattern, "{$}"), "{") {
			continue
		}
		path := webtest.Fill(rt.Pattern, nil)
		for _, u := range listUsers {
			res, body := clients[u].Get(path)
			if res.StatusCode != 200 || !strings.Contains(body, `class="pager"`) {
				continue
			}
			pageList(t, clients[u], u, path)
			paged++
			break
		}
	}
	if paged < 8 {
		t.Fatalf("only %d list pages found with a pager; the walk proves nothing", paged)
	}
}

// pageList checks one list page as user: with its filter, 下一页 leads to
// page 2, which keeps the filter and shows new rows.
func pageList(t *testing.T, c *webtest.Client, user, path string) {
	t.Helper()
	first := path
	if f := listFilters[path]; f != "" {
		first += "?" + f
	}
	_, body := c.Get(first)
	m := nextRE.FindStringSubmatch(body)
	if m == nil {
		t.Errorf("%s as %s: no 下一页 link with %d+ rows (does webtest.Bulk make rows for it?)", first, user, 60)
		return
	}
	href := html.UnescapeString(m[1])
	next, err := url.Parse(href)
	if err != nil || next.Query().Get("page") != "2" {
		t.Errorf("%s as %s: 下一页 is %q, not a link to page 2", first, user, m[1])
		return
	}
	want, _ := url.ParseQuery(listFilters[path])
	for k := range want {
		if next.Query().Get(k) != want.Get(k) {
			t.Errorf("%s as %s: 下一页 %q drops the filter %s=%s", first, user, href, k, want.Get(k))
		}
	}
	target := (&url.URL{Path: path}).ResolveReference(next).String()
	res, body2 := c.Get(target)
	if res.StatusCode != 200 {
		t.Errorf("%s as %s: following 下一页 (%s) answered %d", first, user, target, res.StatusCode)
		return
	}
	if !newRows(rows(body), rows(body2)) {
		t.Errorf("%s as %s: page 2 (%s) shows no row page 1 does not", first, user, target)
	}
	if f := listFilters[path]; f != "" && strings.Contains(body2, "没有符合条件") {
		t.Errorf("%s as %s: page 2 lost the filter", first, user)
	}
}

// rows are the table rows or cards of a list page.
func rows(body string) map[string]bool {
	out := map[string]bool{}
	for _, m := range rowRE.FindAllStringSubmatch(body, -1) {
		if r := m[1] + m[2]; !strings.Contains(r, "<th") {
			out[r] = true
		}
	}
	return out
}

func newRows(page1, page2 map[string]bool) bool {
	for r := range page2 {
		if !page1[r] {
			return true
		}
	}
	return false
}
