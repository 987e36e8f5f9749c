package trainingweb

import (
	"iter"
	"net/http"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesProgress() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/school-plans/progress", Handler: m.progressPage, Perm: training.PermPlanReview},
		{Method: "GET", Pattern: "/school-plans/progress/export", Handler: m.progressExport, Perm: training.PermPlanReview},
	}
}

// progressPage is the county's 研修档案 progress: per school in scope the
// plan state, the 学年's records and 校本研修 hours per teacher, the
// schools without a plan first.
func (m *module) progressPage(w http.ResponseWriter, r *http.Request) {
	year := m.yearOf(r)
	rows, err := m.Svc.FindDossierProgress(r.Context(), web.ActorOf(r), year)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	missing := 0
	for _, x := range rows {
		if x.PlanID == 0 {
			missing++
		}
	}
	off, page := web.PageOf(r)
	web.Render(w, r, http.StatusOK, "plan_progress", web.Page{Title: "研修档案进度", Crumbs: []web.Crumb{
		{Name: "校本研修方案", URL: "/school-plans"}, {Name: "研修档案进度"}}, Data: struct {
		Year    int
		Years   []int
		Rows    []training.SchoolProgress
		Schools int
		Missing int
		Pager   web.Pager
	}{year, m.years(), pageSlice(rows, off), len(rows), missing, web.NewPager(r.URL.Query(), page, len(rows))}})
}

// progressExport sends the progress view as xlsx, every school.
func (m *module) progressExport(w http.ResponseWriter, r *http.Request) {
	year := m.yearOf(r)
	rows, err := m.Svc.FindDossierProgress(r.Context(), web.ActorOf(r), year)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	seq := func(yield func([]string) bool) {
		for _, x := range rows {
			if !yield([]string{x.Name, x.StatusName(), web.Itoa(x.Records), web.Itoa(x.Teachers), web.Itoa(x.Credited), num(x.Hours),
				num(x.HoursPerTeacher())}) {
				return
			}
		}
	}
	web.SendExport(w, r, web.Itoa(year)+"学年研修档案进度.xlsx", progressSpec(), iter.Seq[[]string](seq))
}

func progressSpec() exchange.Spec {
	return exchange.Spec{Name: "研修档案进度", Columns: []exchange.Column{
		{Header: "学校", Width: 28}, {Header: "方案状态"}, {Header: "研修记录（项）", Kind: exchange.KindDecimal},
		{Header: "教师数", Kind: exchange.KindDecimal}, {Header: "有校本研修学时的教师", Kind: exchange.KindDecimal},
		{Header: "校本研修学时合计", Kind: exchange.KindDecimal}, {Header: "人均校本研修学时", Kind: exchange.KindDecimal},
	}}
}
