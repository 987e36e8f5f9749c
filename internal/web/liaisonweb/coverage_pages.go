package liaisonweb

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type coverageData struct {
	Coverage liaison.Coverage
	Shown    []liaison.SchoolCoverage // one page of Coverage.Rows (gaps first); the export holds them all
	Pager    web.Pager
	Regions  []org.Region
	Region   string
}

// coverageOf reads ?region=&from= and builds the table; no region means
// the first region in scope.
func (s *module) coverageOf(r *http.Request) (coverageData, error) {
	var d coverageData
	q := r.URL.Query()
	d.Region = q.Get("region")
	var err error
	if d.Regions, err = s.regions(r); err != nil {
		return d, err
	}
	if d.Region == "" && len(d.Regions) > 0 {
		d.Region = d.Regions[0].Code
	}
	if d.Region == "" {
		return d, nil
	}
	d.Coverage, err = s.Liaison.FindCoverage(r.Context(), web.ActorOf(r), d.Region, int(web.ParseID(q.Get("from"))))
	return d, err
}

// coverageTable is the coverage page: the region's figures and one page
// (?page=, 50 a page) of its schools, fewest visits first. The table is
// kept sorted in memory (FindCoverage), so a page is a slice of it and the
// page costs its 50 rows, not the region's thousand schools.
func (s *module) coverageTable(w http.ResponseWriter, r *http.Request) {
	d, err := s.coverageOf(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	offset, page := web.PageOf(r)
	rows := d.Coverage.Rows
	start := min(offset, len(rows))
	d.Shown, d.Pager = rows[start:min(start+web.PageSize, len(rows))], web.NewPager(r.URL.Query(), page, len(rows))
	web.Render(w, r, http.StatusOK, "coverage_table", web.PageData("覆盖情况", d))
}

// coverageExport sends every school of the coverage table as Excel through
// the kit's export (web.SendExportOrJob): past web.ExportJobRows schools it
// is a job with progress. The rows come from the table FindCoverage keeps,
// which is shared and read only.
func (s *module) coverageExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.coverageOf(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	c := d.Coverage
	name := fmt.Sprintf("%s蹲点视导覆盖%d-%d学年.xlsx", c.RegionName, c.From, c.To)
	web.SendExportOrJob(w, r, name, typedSpec(name, []string{"学校", "类型", "到校次数（次）", "在校天数（天）", "最近到校", "蹲点学期", "缺口"},
		"到校次数（次）", "在校天数（天）"), len(c.Rows), func(ctx context.Context, yield func([]string) bool) error {
		for _, x := range c.Rows {
			gap := ""
			if x.Gap() {
				gap = "未到校"
			}
			if !yield([]string{x.SchoolName, x.Kind, strconv.Itoa(x.Visits), strconv.Itoa(x.Days), x.LastVisit, x.StationText(), gap}) {
				return nil
			}
		}
		return ctx.Err()
	})
}

// typedSpec is the export spec of name in typed columns (typed).
func typedSpec(name string, headers []string, nums ...string) exchange.Spec {
	cols := make([]exchange.Column, len(headers))
	for i, c := range typed(headers, nums...) {
		cols[i] = exchange.Column{Header: c.Header, Kind: c.Kind}
	}
	return exchange.Spec{Name: strings.TrimSuffix(name, ".xlsx"), Columns: cols}
}

// sendTyped sends rows as an xlsx download in typed columns: cells of
// KindInt and KindDecimal columns are numbers, so a sheet sums and sorts.
func sendTyped(w http.ResponseWriter, r *http.Request, name string, cols []exchange.ExportColumn, rows iter.Seq[[]string]) {
	var buf bytes.Buffer
	if err := exchange.Export(&buf, strings.TrimSuffix(name, ".xlsx"), cols, rows); err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendXLSX(w, name, buf.Bytes())
}

// typed are export columns: text, except the headers listed in nums.
func typed(headers []string, nums ...string) []exchange.ExportColumn {
	cols := make([]exchange.ExportColumn, len(headers))
	for i, h := range headers {
		cols[i] = exchange.ExportColumn{Header: h}
		if slices.Contains(nums, h) {
			cols[i].Kind = exchange.KindDecimal
		}
	}
	return cols
}
