package liaisonweb

import (
	"bytes"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type coverageData struct {
	Coverage liaison.Coverage
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

func (s *module) coverageTable(w http.ResponseWriter, r *http.Request) {
	d, err := s.coverageOf(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "coverage_table", web.PageData("覆盖情况", d))
}

func (s *module) coverageExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.coverageOf(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	c := d.Coverage
	var rows [][]string
	for _, x := range c.Rows {
		gap := ""
		if x.Gap() {
			gap = "未到校"
		}
		rows = append(rows, []string{x.SchoolName, x.Kind, fmt.Sprint(x.Visits), fmt.Sprint(x.Days), x.LastVisit, x.StationText(), gap})
	}
	name := fmt.Sprintf("%s蹲点视导覆盖%d-%d学年.xlsx", c.RegionName, c.From, c.To)
	sendTyped(w, r, name, typed([]string{"学校", "类型", "到校次数（次）", "在校天数（天）", "最近到校", "蹲点学期", "缺口"},
		"到校次数（次）", "在校天数（天）"), slices.Values(rows))
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
