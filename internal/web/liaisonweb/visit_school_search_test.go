package liaisonweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestFullVisitFormSearchesSchools: the full visit form (what a manager or
// a researcher logging several days opens, on a phone too) has no select
// of every school; the school is found by a name substring within scope,
// kept when editing, and saved.
func TestFullVisitFormSearchesSchools(t *testing.T) {
	s := webtest.New(t)
	liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员乙", "res_b")
	for i := 1; i <= 30; i++ {
		s.MustSchool(t, fmt.Sprintf("鹿城区第%d小学", i), "330302", 300+i)
	}
	c := s.As("res_b")
	_, body := c.Get("/visits/new")
	if strings.Contains(body, `<select name="school_id"`) || strings.Contains(body, "鹿城区第7小学") {
		t.Fatalf("the full form still lists every school in a select:\n%s", body)
	}
	if !strings.Contains(body, `hx-get="/visits/schools"`) {
		t.Fatalf("the full form has no school search:\n%s", body)
	}
	if _, b := c.Get("/visits/schools?school_q=" + url.QueryEscape("第7小")); !strings.Contains(b, "鹿城区第7小学") || strings.Contains(b, "鹿城区第8小学") {
		t.Fatalf("search for 第7小 answered:\n%s", b)
	}
	if _, b := c.Get("/visits/schools?school_q=" + url.QueryEscape("永中")); strings.Contains(b, "永中小学") {
		t.Fatal("the search finds a school of another county")
	}
	_, body = c.Get("/visits/new?school_q=" + url.QueryEscape("第12小"))
	m := regexp.MustCompile(`name="school_id" value="(\d+)"> 鹿城区第12小学<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the 搜索 button without script does not list 鹿城区第12小学:\n%s", body)
	}
	res, _ := c.Post("/visits", url.Values{"school_id": {m[1]}, "purpose": {"liaison"}, "start_date": {liaisonweb.TodayCST()}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving a visit to a found school: %d", res.StatusCode)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	_, body = c.Get(loc + "/edit")
	if !strings.Contains(body, fmt.Sprintf(`name="school_id" value="%s" checked> 鹿城区第12小学`, m[1])) {
		t.Fatalf("editing the visit does not keep its school chosen:\n%s", body)
	}
}
