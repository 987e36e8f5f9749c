package orgweb_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

// TestImportColumnMappingStep: a roster in the county's own words is not
// refused whole: the job page offers the mapping, the mapped import lists
// the unused column, and the region's next file needs no mapping.
func TestImportColumnMappingStep(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	file := webtest.CSV("教职工,证件,任职单位,备注", "甲老师,330302199001010013,2330000001,党员")
	page := c.Upload("people", "县花名册.csv", file, false)
	if !strings.Contains(page, `id="job-map"`) || !strings.Contains(page, "任职单位") {
		t.Fatalf("no mapping step: %s", page)
	}
	id := regexp.MustCompile(`/jobs/(\d+)/map`).FindStringSubmatch(page)[1]
	res, _ := c.Post("/jobs/"+id+"/map", url.Values{"h0": {"教职工"}, "f0": {"name"}, "h1": {"证件"}, "f1": {"id_number"},
		"h2": {"任职单位"}, "f2": {"org"}, "h3": {"备注"}, "f3": {""}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("map: %d", res.StatusCode)
	}
	page = c.WaitJob(res.Header.Get("Location"), nil)
	if !strings.Contains(page, "新增 1 条") || !strings.Contains(page, "未导入的列：备注") {
		t.Fatalf("mapped import: %s", page)
	}
	next := webtest.CSV("教职工,证件,任职单位", "乙老师,330302199202020023,2330000001")
	if page := c.Upload("people", "下一个.csv", next, false); !strings.Contains(page, "新增 1 条") {
		t.Fatalf("the region's next file was not mapped as before: %s", page)
	}
	if _, n, _ := s.Org.FindPeople(context.Background(), testutil.Root, org.PersonFilter{Text: "老师"}); n != 2 {
		t.Fatalf("people imported: %d", n)
	}
}
