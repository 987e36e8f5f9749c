package activityweb

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
)

type reportData struct {
	activity.Report
	Terms   []termChoice
	TermKey string // the ?term= value of the export links
}

type reportTable struct {
	Key, Title, First string
	Rows              []activity.ReportRow
}

// Tables are the report's three breakdowns.
func (d reportData) Tables() []reportTable {
	return []reportTable{{"kind", "按活动类型", "活动类型", d.ByKind}, {"county", "按区域", "区域", d.ByCounty}, {"org", "按组织方", "组织方", d.ByOrg}}
}

// report is the term's 教研活动统计: by kind, county and organiser, with
// attendance rates and outcomes submitted against those due, and the
// schools no activity reached.
func (s *module) report(w http.ResponseWriter, r *http.Request) {
	t := s.termOf(r)
	rep, err := s.Activity.TermReport(r.Context(), web.ActorOf(r), t)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := reportData{Report: rep, Terms: termChoices(t), TermKey: fmt.Sprintf("%d-%d", t.Year, t.Half)}
	web.Render(w, r, http.StatusOK, "activity_report", web.PageData("教研活动统计", d))
}

// reportExport sends one table of the report (?table=kind|county|org|schools).
func (s *module) reportExport(w http.ResponseWriter, r *http.Request) {
	t := s.termOf(r)
	switch r.URL.Query().Get("table") {
	case "schools":
		sendWhole(w, r, "本学期未参加活动的学校.xlsx", []string{"区域", "学校", "薄弱学校"}, termPages(t, s.Activity.UnreachedPage), func(u activity.Unreached) []string {
			return []string{u.Region, u.Name, web.YesNoText(u.Weak)}
		})
		return
	case "providers":
		sendWhole(w, r, "送教助研人员.xlsx", []string{"送教人员", "单位", "送教次数", "学时", "送教天数"}, termPages(t, s.Activity.ProviderPage), func(p activity.ProviderLoad) []string {
			return []string{p.Name, p.Org, strconv.Itoa(p.Orders), strconv.FormatFloat(p.Hours, 'f', -1, 64), strconv.Itoa(p.Days)}
		})
		return
	}
	rep, err := s.Activity.TermReport(r.Context(), web.ActorOf(r), t)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	list, first := rep.ByKind, "活动类型"
	switch r.URL.Query().Get("table") {
	case "county":
		list, first = rep.ByCounty, "区域"
	case "org":
		list, first = rep.ByOrg, "组织方"
	}
	rows := make([][]string, 0, len(list)+1)
	for _, x := range append(list, rep.Total) {
		rows = append(rows, []string{x.Name, strconv.Itoa(x.Activities), strconv.Itoa(x.SignUps), strconv.Itoa(x.Attend),
			fmt.Sprintf("%.1f%%", x.AttendRate()), strconv.Itoa(x.Due), strconv.Itoa(x.Submitted)})
	}
	web.SendTable(w, r, "教研活动统计.xlsx", []string{first, "活动数", "报名人次", "签到人次", "出勤率", "应交成果", "已交成果"}, rows)
}

// termPages binds a term to a paged read of one of the report's lists.
func termPages[T any](t dict.Term, read func(context.Context, app.Actor, dict.Term, activity.ListPage) ([]T, int, error)) pageReader[T] {
	return func(ctx context.Context, actor app.Actor, p activity.ListPage) ([]T, int, error) {
		return read(ctx, actor, t, p)
	}
}
