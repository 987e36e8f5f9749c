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

// TestPhoneSchoolPickerSearches: the quick visit form lists the
// researcher's own schools and no long select; other schools are found by
// a name substring, as you type (htmx) or with the 搜索 button without
// script, only within the researcher's scope; a found school can be saved.
func TestPhoneSchoolPickerSearches(t *testing.T) {
	s := webtest.New(t)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	publishLink(t, s, id, s.SchoolA)
	for i := 1; i <= 30; i++ {
		s.MustSchool(t, fmt.Sprintf("鹿城区第%d中学", i), "330302", 200+i)
	}
	c := s.As("res_a")
	_, body := c.Get("/my/visit")
	if strings.Contains(body, `<select name="school_id"`) || strings.Contains(body, "鹿城区第7中学") {
		t.Fatalf("the quick form still lists every school in a select:\n%s", body)
	}
	if !strings.Contains(body, fmt.Sprintf(`name="school_id" value="%d"`, s.SchoolA)) || !strings.Contains(body, `hx-get="/my/schools"`) {
		t.Fatalf("the quick form lacks the own school or the search:\n%s", body)
	}
	req, _ := http.NewRequest("GET", c.Base+"/my/schools?school_q="+url.QueryEscape("第7"), nil)
	req.Header.Set("HX-Request", "true")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	found := webtest.ReadBody(res)
	if !strings.Contains(found, "鹿城区第7中学") || strings.Contains(found, "鹿城区第8中学") || strings.Contains(found, "<html") {
		t.Fatalf("search for 第7 answered:\n%s", found)
	}
	if _, b := c.Get("/my/schools?school_q=" + url.QueryEscape("龙湾")); strings.Contains(b, "永中") {
		t.Fatal("the search finds a school of another county")
	}
	_, body = c.Get("/my/visit?school_q=" + url.QueryEscape("第12"))
	m := regexp.MustCompile(`name="school_id" value="(\d+)"> 鹿城区第12中学<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the 搜索 button without script does not list 鹿城区第12中学:\n%s", body)
	}
	school := m[1]
	res, _ = c.Post("/my/visit", url.Values{"school_id": {school}, "purpose": {"liaison"}, "start_date": {liaisonweb.TodayCST()}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving a visit to a found school: %d", res.StatusCode)
	}
}
