package reportweb

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/report"
	"jiaoyan/internal/web"
)

type dashboardData struct {
	report.Dashboard
	Shown         []quotaView // one page of all researchers, or with ?below=1 of those with an unmet rule
	Pager         web.Pager
	Regions       []org.Region
	CoverageChart string
	ComplyChart   string
}

// termOf reads ?year= and ?half=, else the current 学期.
func (s *module) termOf(r *http.Request) dict.Term {
	now := time.Now()
	if s.Report != nil && s.Report.Now != nil {
		now = s.Report.Now()
	}
	t := dict.TermOf(now.In(web.CST))
	q := r.URL.Query()
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 2000 && y <= 2100 && y != t.Year {
		t = dict.Term{Year: y, Half: dict.Half(2)}
	}
	if h, _ := strconv.Atoi(q.Get("half")); h == 1 || h == 2 {
		t.Half = dict.Half(h)
	}
	return t
}

// dashboard is the 工作量看板 of a county or the city. After a rule change
// its figures are rebuilt by a kit job (the page links to its progress).
func (s *module) dashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.Report.DashboardWith(r.Context(), web.ActorOf(r), r.URL.Query().Get("region"), s.termOf(r), s.rebuildStarter(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	data := dashboardData{Dashboard: d}
	var shown []report.Quota
	shown, data.Pager = pageOf(r, shownQuotas(r, d))
	data.Shown = quotaViews(shown)
	if data.Regions, err = s.Org.FindRegions(r.Context(), web.ActorOf(r)); err == nil {
		data.CoverageChart, data.ComplyChart, err = dashboardCharts(d)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "dashboard_view", web.PageData("教研员工作量看板", data))
}

// rebuildStarter starts a dashboard rebuild as a kit job of the requesting
// user, run by the kit's job store (web.RunJob); the job row is added over
// the report's database.
func (s *module) rebuildStarter(r *http.Request) report.JobStarter {
	return func(ctx context.Context, actor app.Actor, work report.RebuildWork) (int64, error) {
		id, err := s.jobs().Add(ctx, actor, jobs.NewJob{Kind: report.KindRebuild, Message: "正在按新规则重新计算工作量看板"})
		if err != nil {
			return 0, err
		}
		web.RunJob(r, id, func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
			msg, res, err := work(ctx, t)
			return jobs.Outcome{Message: msg, Result: res}, err
		})
		return id, nil
	}
}

// jobs is the store the rebuild jobs are added to: the site's, when wired
// (WithJobs), else one over the report's database.
func (s *module) jobs() *jobs.Store {
	if s.Jobs != nil {
		return s.Jobs
	}
	return &jobs.Store{DB: s.Report.DB}
}

// shownQuotas keeps, with ?below=1, only researchers below some quota.
func shownQuotas(r *http.Request, d report.Dashboard) []report.Quota {
	if r.URL.Query().Get("below") != "1" {
		return d.Quotas
	}
	var out []report.Quota
	for _, q := range d.Quotas {
		if q.Unmet() > 0 {
			out = append(out, q)
		}
	}
	return out
}

// pageOf is one page of the worst-first list (?page=, 50 a page): the
// whole list is already sorted in memory, so a page is a slice of it.
func pageOf(r *http.Request, qs []report.Quota) ([]report.Quota, web.Pager) {
	offset, page := web.PageOf(r)
	start := min(offset, len(qs))
	return qs[start:min(start+web.PageSize, len(qs))], web.NewPager(r.URL.Query(), page, len(qs))
}

// dashboardCharts are the ECharts specs: coverage % by county, and
// researchers meeting the on-site days of the term or not.
func dashboardCharts(d report.Dashboard) (string, string, error) {
	names, values := []string{}, []int{}
	for _, c := range d.Coverage {
		names = append(names, c.RegionName)
		values = append(values, c.Percent())
	}
	cov, err := json.Marshal(map[string]any{"title": "农村、薄弱学校本学年到校覆盖率（%）", "type": "bar", "names": names, "values": values})
	if err != nil {
		return "", "", err
	}
	names, values = []string{"达标", "未达标"}, []int{d.Met, d.NotMet}
	if d.NoRule > 0 {
		names, values = append(names, "未设定规则"), append(values, d.NoRule)
	}
	comply, err := json.Marshal(map[string]any{"title": d.Term.String() + " 专职教研员在校天数（人）", "type": "bar",
		"names": names, "values": values})
	return string(cov), string(comply), err
}

// dashboardExport sends the researchers' quota table as Excel through the
// kit's export (a job with progress past web.ExportJobRows rows). Counts
// are number cells with the unit in the header (在校天数（天）), so the
// sheet sums and sorts; dates and 无记录 stay text. The rows come from the
// dashboard kept in memory, which is shared and read only.
func (s *module) dashboardExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.Report.DashboardWith(r.Context(), web.ActorOf(r), r.URL.Query().Get("region"), s.termOf(r), s.rebuildStarter(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	cols := quotaColumns(d)
	spec := exchange.Spec{Name: "教研员工作量", Columns: make([]exchange.Column, len(cols))}
	for i, c := range cols {
		spec.Columns[i] = exchange.Column{Header: c.Header, Kind: c.Kind}
	}
	shown := shownQuotas(r, d)
	web.SendExportOrJob(w, r, "教研员工作量.xlsx", spec, len(shown), func(ctx context.Context, yield func([]string) bool) error {
		for row := range quotaRows(shown) {
			if !yield(row) {
				return nil
			}
		}
		return ctx.Err()
	})
}

// quotaColumns are the export's columns: each count of the card with its
// unit, and how far below the rule it is.
func quotaColumns(d report.Dashboard) []exchange.ExportColumn {
	num := func(h string) exchange.ExportColumn { return exchange.ExportColumn{Header: h, Kind: exchange.KindInt} }
	cols := []exchange.ExportColumn{{Header: "教研员"}, {Header: "教研机构"}, {Header: "学科"}, num("本学期在校天数（天）"),
		{Header: "本学期要求"}, num("未达标项数（项）")}
	if len(d.Quotas) == 0 {
		return cols
	}
	for _, row := range d.Quotas[0].Rows {
		if row.Unit == "" {
			cols = append(cols, exchange.ExportColumn{Header: row.Name}, exchange.ExportColumn{Header: row.Name + "差距"})
			continue
		}
		cols = append(cols, num(row.Name+"（"+row.Unit+"）"), num(row.Name+"差（"+row.Unit+"）"))
	}
	return cols
}

// quotaRows are the export's rows; a met or rule-less count has no gap.
func quotaRows(qs []report.Quota) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		for _, q := range qs {
			row := []string{q.Researcher.Name, q.Researcher.OfficeName, q.Researcher.Subject, strconv.Itoa(q.TermDays), q.TermRule,
				strconv.Itoa(q.Unmet())}
			for _, c := range q.Rows {
				if c.Unit == "" {
					row = append(row, c.Measured, c.Gap)
					continue
				}
				gap := ""
				if c.Short > 0 {
					gap = strconv.Itoa(c.Short)
				}
				row = append(row, strconv.Itoa(c.Figure), gap)
			}
			if !yield(row) {
				return
			}
		}
	}
}
