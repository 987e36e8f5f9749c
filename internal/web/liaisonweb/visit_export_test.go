package liaisonweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestVisitExportIsAJobPastTheThresholdAndHoldsEveryVisit: the 到校记录
// export past web.ExportJobRows is an export job, and its file holds every
// visit in scope (once capped at 5,000), each once.
func TestVisitExportIsAJobPastTheThresholdAndHoldsEveryVisit(t *testing.T) {
	s := webtest.New(t)
	res := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "导出教研员", "res_x")
	svc := &liaison.Service{DB: s.DB, Org: s.Org}
	const n = 45
	for i := range n {
		day := fmt.Sprintf("2025-%02d-%02d", 9+i%3, 1+i%28)
		v := liaison.Visit{ResearcherID: res, SchoolID: s.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: day, EndDate: day,
			Notes: fmt.Sprintf("导出备注%03d", i)}
		if _, err := svc.SaveVisit(context.Background(), testutil.Root, v, nil); err != nil {
			t.Fatal(err)
		}
	}
	old := web.ExportJobRows
	web.ExportJobRows = 10
	t.Cleanup(func() { web.ExportJobRows = old })
	c := s.As("county_a")
	resp, _ := c.Get("/visits/export")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("export of %d visits: %d to %q, want the job page", n, resp.StatusCode, loc)
	}
	c.WaitJob(loc, nil)
	_, file := c.Get(loc + "/file")
	x, err := excelize.OpenReader(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	seen := map[string]int{}
	for _, r := range rows[1:] {
		seen[r[len(r)-1]]++
	}
	for i := range n {
		if note := fmt.Sprintf("导出备注%03d", i); seen[note] != 1 {
			t.Fatalf("the export holds %s %d times (%d rows)", note, seen[note], len(rows)-1)
		}
	}
}
