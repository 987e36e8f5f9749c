package orgweb_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// TestBigPeopleExportIsAJobWithProgress: past web.ExportJobRows people the
// export sends the user to a job page (导出任务) that shows progress and,
// when done, the file to download, holding every person of the scope once
// and no one from outside it; another user cannot fetch the file. Below the
// size the file comes at once.
func TestBigPeopleExportIsAJobWithProgress(t *testing.T) {
	s := webtest.New(t)
	for i := range 30 {
		s.MustPerson(t, org.Person{Name: fmt.Sprintf("导出教师%02d", i), OrgID: s.SchoolA})
	}
	c := s.As("county_a")
	res, _ := c.Get("/export/people")
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.Contains(ct, "spreadsheet") {
		t.Fatalf("small export: %d %s, want the file at once", res.StatusCode, ct)
	}

	old := web.ExportJobRows
	web.ExportJobRows = 10
	t.Cleanup(func() { web.ExportJobRows = old })
	res, _ = c.Get("/export/people")
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("big export: %d to %q, want the job page", res.StatusCode, loc)
	}
	page := c.WaitJob(loc, nil)
	if !strings.Contains(page, "导出任务") || !strings.Contains(page, "已导出") || !strings.Contains(page, `id="job-download"`) {
		t.Fatalf("finished export job page: %s", page)
	}
	res, body := c.Get(loc + "/file")
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("download %d: %v", res.StatusCode, err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	names := map[string]int{}
	for _, r := range rows {
		for _, cell := range r {
			names[cell]++
		}
	}
	for i := range 30 {
		if n := names[fmt.Sprintf("导出教师%02d", i)]; n != 1 {
			t.Errorf("导出教师%02d appears %d times in the file", i, n)
		}
	}
	if names["陈鹿城"] != 1 || names["王龙湾"] != 0 {
		t.Errorf("the file holds 陈鹿城 %d times and 王龙湾 (county B) %d times", names["陈鹿城"], names["王龙湾"])
	}
	if res, _ := s.As("county_b").Get(loc + "/file"); res.StatusCode != 404 {
		t.Errorf("county B fetched county A's export: %d", res.StatusCode)
	}
}
