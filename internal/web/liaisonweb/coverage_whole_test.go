package liaisonweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/db"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// addSchools adds n active schools named prefix0000… in region 330302.
func addSchools(t *testing.T, s *webtest.Site, prefix string, n int) {
	t.Helper()
	ctx := context.Background()
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		for i := range n {
			if _, err := tx.Exec(ctx, `INSERT INTO orgs (name, kind, region_code, path, created_at, updated_at)
				VALUES (?, 'school', '330302', '', 0, 0)`, fmt.Sprintf("%s%04d", prefix, i)); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE orgs SET path = (SELECT r.path FROM regions r WHERE r.code = orgs.region_code) || 'o' || id || '/'
			WHERE name LIKE ?`, prefix+"%")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCoveragePagesTheSchoolsAndExportsThemAllThroughAJob: a region of more
// than a page of schools shows 50 a page, each school on exactly one page,
// and its export past the job threshold is a job whose file holds every
// school.
func TestCoveragePagesTheSchoolsAndExportsThemAllThroughAJob(t *testing.T) {
	s := webtest.New(t)
	n := web.PageSize + 30
	addSchools(t, s, "覆盖学校", n)
	c := s.As("county_a")
	_, body := c.Get("/stations/coverage?region=330302")
	if !strings.Contains(body, "导出含全部") {
		t.Fatalf("coverage page of %d schools should say it shows a page and the export holds all", n)
	}
	seen := map[string]int{}
	for _, page := range []string{"1", "2", "3"} {
		_, body := c.Get("/stations/coverage?region=330302&page=" + page)
		if page == "1" && strings.Count(body, "<tr") > web.PageSize+1 {
			t.Fatalf("page 1 lists %d rows, want at most %d", strings.Count(body, "<tr")-1, web.PageSize)
		}
		for i := range n {
			if name := fmt.Sprintf("覆盖学校%04d", i); strings.Contains(body, name) {
				seen[name]++
			}
		}
	}
	for i := range n {
		if name := fmt.Sprintf("覆盖学校%04d", i); seen[name] != 1 {
			t.Fatalf("%s is on %d pages, want exactly one", name, seen[name])
		}
	}
	old := web.ExportJobRows
	web.ExportJobRows = 20
	t.Cleanup(func() { web.ExportJobRows = old })
	res, _ := c.Get("/stations/coverage/export?region=330302")
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("export of %d schools: %d to %q, want the job page", n, res.StatusCode, loc)
	}
	c.WaitJob(loc, nil)
	_, file := c.Get(loc + "/file")
	x, err := excelize.OpenReader(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	names := map[string]bool{}
	for _, r := range rows[1:] {
		names[r[0]] = true
	}
	for i := range n {
		if name := fmt.Sprintf("覆盖学校%04d", i); !names[name] {
			t.Fatalf("the export job's file misses %s (%d rows)", name, len(rows)-1)
		}
	}
}
