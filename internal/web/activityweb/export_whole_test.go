package activityweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

var ctx = context.Background()

// sheetRows reads the first sheet of an xlsx download.
func sheetRows(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not an xlsx file: %v", err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// exportThroughJob gets the export at url as c with web.ExportJobRows
// lowered to jobRows for the rest of t, so that a larger export goes
// through an export job. It fails t unless the answer sends the user to
// the job page, waits for the job and returns the finished job page and
// the rows of the first sheet of the job's file.
func exportThroughJob(t *testing.T, c *webtest.Client, url string, jobRows int) (page string, rows [][]string) {
	t.Helper()
	old := web.ExportJobRows
	web.ExportJobRows = jobRows
	t.Cleanup(func() { web.ExportJobRows = old })
	res, _ := c.Get(url)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("export %s: %d to %q, want the job page", url, res.StatusCode, loc)
	}
	page = c.WaitJob(loc, nil)
	_, file := c.Get(loc + "/file")
	return page, sheetRows(t, file)
}

// orgPaths are the org and region paths of org.
func orgPaths(t *testing.T, s *webtest.Site, org int64) (path, region string) {
	t.Helper()
	err := s.World.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT o.path, r.path FROM orgs o JOIN regions r ON r.code = o.region_code WHERE o.id = ?", org).Scan(&path, &region)
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, region
}

// TestActivityListExportsWholeThroughAJob: a county's 1,200 activities of a
// term (more than one page of the export's walk) exported past a lowered
// web.ExportJobRows go through an export job, and the file holds every one
// of them once, under the header row.
func TestActivityListExportsWholeThroughAJob(t *testing.T) {
	s := webtest.New(t)
	path, region := orgPaths(t, s, s.World.BureauA)
	const n = 1200
	start := time.Date(2025, 9, 1, 8, 0, 0, 0, activity.CST)
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		for i := range n {
			at := start.Add(time.Duration(i) * time.Hour)
			if _, err := tx.Exec(ctx, `INSERT INTO activities (region_code, org_id, org_path, organiser, kind, title, theme, plan,
				starts_at, ends_at, place, audience_path, audience_name, signup_mode, state, school_year, half, created_at, updated_at)
				VALUES ('330302', ?, ?, '鹿城区教育局', 'themed', ?, '主题', '方案', ?, ?, '报告厅', ?, '鹿城区', 'open', 'published', 2025, 1, 0, 0)`,
				s.World.BureauA, path, fmt.Sprintf("导出活动%04d", i), at.Format(activity.TimeLayout), at.Add(time.Hour).Format(activity.TimeLayout), region); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	page, rows := exportThroughJob(t, s.As("county_a"), "/activities/export?term=2025-1", 100)
	if !strings.Contains(page, fmt.Sprintf("已导出 %d 行", n)) {
		t.Fatalf("finished job page: %s", page)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) > 2 && strings.HasPrefix(r[2], "导出活动") {
			seen[r[2]] = true
		}
	}
	if len(rows) != n+1 || len(seen) != n {
		t.Errorf("the file has %d rows and %d distinct activities, want %d under the header", len(rows), len(seen), n)
	}
}

// TestServiceMenuExportsPastTheOldCap: a menu of 5,050 items (the export
// once stopped at 5,000 without a word) exports every item.
func TestServiceMenuExportsPastTheOldCap(t *testing.T) {
	s := webtest.New(t)
	path, region := orgPaths(t, s, s.World.BureauA)
	const n = 5050
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		for i := range n {
			if _, err := tx.Exec(ctx, `INSERT INTO service_items (region_code, region_path, org_id, org_path, name, created_at, updated_at)
				VALUES ('330302', ?, ?, ?, ?, 0, 0)`, region, s.World.BureauA, path, fmt.Sprintf("送教项目%04d", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, body := s.As("county_a").Get("/services/export")
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.Contains(ct, "spreadsheet") {
		t.Fatalf("menu export: %d %s, want the file", res.StatusCode, ct)
	}
	rows := sheetRows(t, body)
	names := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) > 0 {
			names[r[0]] = true
		}
	}
	if len(names) < n || !names["送教项目5049"] {
		t.Errorf("the menu file holds %d distinct items, want at least %d (送教项目5049 in it: %v)", len(names), n, names["送教项目5049"])
	}
}
