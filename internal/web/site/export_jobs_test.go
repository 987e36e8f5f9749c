package site_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// exportsOutsideTheKit are the exports that build their file themselves
// (web.SendXLSX) instead of through the kit's SendExport, SendTable or
// SendExportOrJob, and so do not turn into a job past the size.
var exportsOutsideTheKit = map[string]bool{
	"/stations/coverage/export": true, // liaisonweb: a fixed table per school of one region
	"/audit/export":             true, // adminweb: written straight to the response as it is read
}

// TestEveryBigListExportIsAJob walks every GET export route of the site
// (no path value) over webtest.Bulk's lists, with the job size lowered to
// 5 rows: each export either sends its file at once holding at most 5 data
// rows, or sends the user to an export job (导出任务) whose file, once done,
// holds more than 5. At least a few exports must have become jobs, or the
// walk proves nothing.
func TestEveryBigListExportIsAJob(t *testing.T) {
	s := webtest.New(t)
	s.Bulk(t, 60)
	old := web.ExportJobRows
	web.ExportJobRows = 5
	t.Cleanup(func() { web.ExportJobRows = old })
	clients := map[string]*webtest.Client{}
	for _, u := range listUsers {
		clients[u] = s.As(u)
	}
	jobsSeen := 0
	for _, rt := range s.Server.Routes() {
		if rt.Method != "GET" || rt.Public || !strings.Contains(rt.Pattern, "export") ||
			strings.Contains(strings.TrimSuffix(rt.Pattern, "{$}"), "{") || exportsOutsideTheKit[rt.Pattern] {
			continue
		}
		path := webtest.Fill(rt.Pattern, nil)
		for _, u := range listUsers {
			c := clients[u]
			res, body := c.Get(path)
			switch {
			case res.StatusCode == 303 && strings.HasPrefix(res.Header.Get("Location"), "/jobs/"):
				loc := res.Header.Get("Location")
				page := c.WaitJob(loc, nil)
				if !strings.Contains(page, "导出任务") || !strings.Contains(page, `id="job-download"`) {
					t.Errorf("%s as %s: the export job ended without a file: %s", path, u, page)
					break
				}
				_, file := c.Get(loc + "/file")
				if n := dataRows(t, file); n <= web.ExportJobRows {
					t.Errorf("%s as %s: an export job for %d rows, not more than %d", path, u, n, web.ExportJobRows)
				}
				jobsSeen++
				t.Logf("%s as %s: an export job of %d rows", path, u, dataRows(t, file))
			case res.StatusCode == 200 && strings.Contains(res.Header.Get("Content-Type"), "spreadsheet"):
				if n := dataRows(t, body); n > web.ExportJobRows {
					t.Errorf("%s as %s: %d rows sent at once, past the job size %d", path, u, n, web.ExportJobRows)
				}
			default:
				continue // this user may not export it; try the next
			}
			break
		}
	}
	if jobsSeen < 10 {
		t.Fatalf("only %d exports became jobs over the bulk lists; the walk proves nothing", jobsSeen)
	}
}

// dataRows is the number of rows under the header row of the first sheet.
func dataRows(t *testing.T, xlsx string) int {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatalf("not an xlsx file: %v", err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return max(0, len(rows)-1)
}
