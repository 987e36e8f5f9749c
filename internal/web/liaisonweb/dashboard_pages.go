package liaisonweb

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type dashboardData struct {
	liaison.Dashboard
	Shown         []liaison.Quota // all researchers, or with ?below=1 those with an unmet rule
	Regions       []org.Region
	CoverageChart string
	ComplyChart   string
}

// termOf reads ?year= and ?half=, else the current 学期.
func (s *module) termOf(r *http.Request) dict.Term {
	now := time.Now()
	if s.Liaison != nil && s.Liaison.Now != nil {
		now = s.Liaison.Now()
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

// dashboard is the 工作量看板 of a county or the city.
func (s *module) dashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.Liaison.Dashboard(r.Context(), web.ActorOf(r), r.URL.Query().Get("region"), s.termOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	data := dashboardData{Dashboard: d, Shown: shownQuotas(r, d)}
	data.Regions, _ = s.Org.FindRegions(r.Context(), web.ActorOf(r))
	data.CoverageChart, data.ComplyChart = dashboardCharts(d)
	web.Render(w, r, http.StatusOK, "dashboard_view", web.PageData("教研员工作量看板", data))
}

// shownQuotas keeps, with ?below=1, only researchers below some quota.
func shownQuotas(r *http.Request, d liaison.Dashboard) []liaison.Quota {
	if r.URL.Query().Get("below") != "1" {
		return d.Quotas
	}
	var out []liaison.Quota
	for _, q := range d.Quotas {
		if q.Unmet() > 0 {
			out = append(out, q)
		}
	}
	return out
}

// dashboardCharts are the ECharts specs: coverage % by county, and
// researchers meeting the on-site days of the term or not.
func dashboardCharts(d liaison.Dashboard) (string, string) {
	names, values := []string{}, []int{}
	for _, c := range d.Coverage {
		names = append(names, c.RegionName)
		values = append(values, c.Percent())
	}
	cov, _ := json.Marshal(map[string]any{"title": "农村、薄弱学校本学年到校覆盖率（%）", "type": "bar", "names": names, "values": values})
	names, values = []string{"达标", "未达标"}, []int{d.Met, d.NotMet}
	if d.NoRule > 0 {
		names, values = append(names, "未设定要求"), append(values, d.NoRule)
	}
	comply, _ := json.Marshal(map[string]any{"title": d.Term.String() + " 专职教研员在校天数（人）", "type": "bar",
		"names": names, "values": values})
	return string(cov), string(comply)
}

// dashboardExport sends the researchers' quota table as Excel.
func (s *module) dashboardExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.Liaison.Dashboard(r.Context(), web.ActorOf(r), r.URL.Query().Get("region"), s.termOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	headers := []string{"教研员", "教研机构", "学科", "本学期在校天数", "本学期要求", "未达标项数"}
	if len(d.Quotas) > 0 {
		for _, row := range d.Quotas[0].Rows {
			headers = append(headers, row.Name, row.Name+"差距")
		}
	}
	shown := shownQuotas(r, d)
	rows := make([][]string, len(shown))
	for i, q := range shown {
		rows[i] = []string{q.Researcher.Name, q.Researcher.OfficeName, q.Researcher.Subject, web.Itoa(q.TermDays), q.TermRule, web.Itoa(q.Unmet())}
		for _, row := range q.Rows {
			rows[i] = append(rows[i], row.Measured, row.Gap)
		}
	}
	web.SendTable(w, r, "教研员工作量.xlsx", headers, rows)
}
