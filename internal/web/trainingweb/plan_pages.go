package trainingweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesPlans() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/school-plans", Handler: m.planList},
		{Method: "GET", Pattern: "/school-plans/new", Handler: m.planNew, Perm: training.PermPlanEdit},
		{Method: "POST", Pattern: "/school-plans", Handler: m.planCreate, Perm: training.PermPlanEdit, Audited: true},
		{Method: "GET", Pattern: "/school-plans/{id}", Handler: m.planDetail, Object: "school_plan"},
		{Method: "GET", Pattern: "/school-plans/{id}/print", Handler: m.planPrint, Object: "school_plan"},
		{Method: "POST", Pattern: "/school-plans/{id}", Handler: m.planUpdate, Perm: training.PermPlanEdit, Object: "school_plan", Audited: true},
		{Method: "POST", Pattern: "/school-plans/{id}/submit", Handler: m.planSubmit, Perm: training.PermPlanEdit, Object: "school_plan", Audited: true},
		{Method: "POST", Pattern: "/school-plans/{id}/review", Handler: m.planReview, Perm: training.PermPlanReview, Object: "school_plan", Audited: true},
	}
}

type planListData struct {
	Plans    []training.Plan
	Pager    web.Pager
	Years    []int
	Statuses map[string]string
	CanEdit  bool
}

// planList lists the plans in scope: a school's own, the county's schools'
// (submitted ones first to hand: filter 待备案).
func (m *module) planList(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	off, page := web.PageOf(r)
	f := training.PlanFilter{Year: int(web.ParseID(r.URL.Query().Get("year"))), Status: r.URL.Query().Get("status"),
		Limit: web.PageSize, Offset: off}
	list, total, err := m.Svc.FindPlans(r.Context(), a, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "plan_list", web.Page{Title: "校本研修方案", Data: planListData{Plans: list,
		Pager: web.NewPager(r.URL.Query(), page, total), Years: m.years(), Statuses: training.PlanStatusNames,
		CanEdit: a.Can(training.PermPlanEdit) && isSchool(a)}})
}

// isSchool: a plan is written by a school's own administrators.
func isSchool(a app.Actor) bool { return a.HasRole("school_admin") }

type planForm struct {
	P           training.Plan
	Domains     map[string]string
	DomainOrder []string
	Forms       map[string]string
	FormOrder   []string
	School      training.Theme
	Groups      []training.Theme    // five rows, the plan's group themes first
	Acts        []training.Activity // ten rows, the plan's activities first
	Months      []int
	Print       bool
	Records     []training.Record // the 研修档案's 校本研修 records
}

func (m *module) formData(p training.Plan) planForm {
	d := planForm{P: p, Domains: training.DomainNames, DomainOrder: training.DomainOrder, Forms: training.FormNames,
		FormOrder: training.FormOrder, Months: []int{9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8}}
	for _, t := range p.Themes {
		if t.Kind == "school" {
			d.School = t
		} else {
			d.Groups = append(d.Groups, t)
		}
	}
	for len(d.Groups) < 5 {
		d.Groups = append(d.Groups, training.Theme{Kind: "group"})
	}
	d.Acts = append(d.Acts, p.Activities...)
	for len(d.Acts) < 10 {
		d.Acts = append(d.Acts, training.Activity{})
	}
	return d
}

// planNew is the form of a new plan for the actor's school this 学年.
func (m *module) planNew(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	m.renderPlan(w, r, training.Plan{OrgID: a.OrgID, SchoolYear: m.Svc.CurrentYear()}, nil)
}

func (m *module) renderPlan(w http.ResponseWriter, r *http.Request, p training.Plan, formErr error) {
	title := "校本研修方案"
	if p.OrgName != "" {
		title = p.OrgName + " " + web.Itoa(p.SchoolYear) + "学年校本研修方案"
	}
	page := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "校本研修方案", URL: "/school-plans"}, {Name: title}}, Data: m.formData(p)}
	if formErr != nil {
		web.FormError(w, r, "plan_detail", page, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "plan_detail", page)
}

// planDetail shows a plan (as the form while the school may edit it).
func (m *module) planDetail(w http.ResponseWriter, r *http.Request) {
	p, _, err := web.ByID(r, m.Svc.FindPlanByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	m.renderPlan(w, r, p, nil)
}

// planPrint is the plan as it prints, part of the school's 研修档案.
func (m *module) planPrint(w http.ResponseWriter, r *http.Request) {
	p, _, err := web.ByID(r, m.Svc.FindPlanByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := m.formData(p)
	d.Print = true
	if d.Records, err = m.Svc.FindPlanRecords(r.Context(), web.ActorOf(r), p.ID); err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "plan_detail", web.Page{Title: p.OrgName + " 校本研修方案", Data: d})
}
