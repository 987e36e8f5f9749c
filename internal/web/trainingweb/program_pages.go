package trainingweb

import (
	"net/http"

	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesPrograms() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/programs", Handler: m.programList, Perm: training.PermCreditView},
		{Method: "POST", Pattern: "/programs", Handler: m.programCreate, Perm: training.PermProgramManage, Audited: true},
		{Method: "GET", Pattern: "/programs/{id}", Handler: m.programDetail, Perm: training.PermCreditView, Object: "program"},
		{Method: "POST", Pattern: "/programs/{id}/signup", Handler: m.programSignUp, Perm: training.PermCreditView, Object: "program", Audited: true},
		{Method: "POST", Pattern: "/programs/{id}/complete", Handler: m.programComplete, Perm: training.PermProgramManage,
			Object: "program", Audited: true},
	}
}

type programData struct {
	Year     int
	Years    []int
	Programs []training.Program
	Form     training.Program
	Kinds    map[string]string
	Modes    map[string]string
	Tiers    []struct{ Code, Name string }
	Trainer  string // 研训人员 人次 against the rule, for managers
	Manager  bool
	Pager    web.Pager
}

// programList is 培训项目: the year's programs (with my sign-ups), and for
// managers the form of a new one and the trainer-training count.
func (m *module) programList(w http.ResponseWriter, r *http.Request) {
	m.renderPrograms(w, r, training.Program{Open: true, EnrolMode: "open"}, nil)
}

func (m *module) renderPrograms(w http.ResponseWriter, r *http.Request, form training.Program, formErr error) {
	a, year := web.ActorOf(r), m.yearOf(r)
	list, err := m.Svc.FindPrograms(r.Context(), a, year)
	d := programData{Year: year, Years: m.years(), Programs: list, Form: form, Kinds: training.ProgramKinds, Modes: training.EnrolModes, Tiers: tierChoices(),
		Manager: a.Can(training.PermProgramManage)}
	if err == nil && d.Manager {
		d.Trainer, err = m.Svc.TrainerPersonTimes(r.Context(), a, year)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	off, page := web.PageOf(r)
	d.Programs, d.Pager = pageSlice(list, off), web.NewPager(r.URL.Query(), page, len(list))
	if d.Form.SchoolYear == 0 {
		d.Form.SchoolYear = year
	}
	p := web.Page{Title: "培训项目", Data: d}
	if formErr != nil {
		web.FormError(w, r, "program_list", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "program_list", p)
}

// programCreate adds a program to the annual plan.
func (m *module) programCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	p := training.Program{SchoolYear: web.FormInt(r, "school_year"), Title: web.FormStr(r, "title"), Kind: web.FormStr(r, "kind"),
		Tier: web.FormStr(r, "tier"), Subject: web.FormStr(r, "subject"), Stage: web.FormStr(r, "stage"),
		Hours: formFloat(r, "hours"), Budget: formFloat(r, "budget"), Provider: web.FormStr(r, "provider"), Open: web.FormBool(r, "open"),
		EnrolMode: web.FormStr(r, "enrol_mode")}
	id, err := m.Svc.CreateProgram(r.Context(), web.ActorOf(r), p)
	if err != nil {
		m.renderPrograms(w, r, p, err)
		return
	}
	web.Redirect(w, r, "/programs/"+web.Itoa64(id)+"?saved=1")
}

// programDetail shows one program with its actions.
func (m *module) programDetail(w http.ResponseWriter, r *http.Request) {
	p, id, err := web.ByID(r, m.Svc.FindProgramByID)
	var ss []sessionRow
	var en enrolData
	if err == nil {
		ss, err = m.sessionsOf(r, id)
	}
	if err == nil {
		en, err = m.enrolOf(r, p)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "program_detail", web.Page{Title: p.Title, Crumbs: []web.Crumb{{Name: "培训项目", URL: "/programs"},
		{Name: p.Title}}, Data: struct {
		P        training.Program
		Stages   map[string]string
		Sessions []sessionRow
		Enrol    enrolData
		States   map[string]string
	}{p, org.StageNames, ss, en, training.EnrolStates}})
}

// programSignUp enrols the actor.
func (m *module) programSignUp(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		err = m.Svc.SignUp(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/programs/"+web.Itoa64(id)+"?saved=1")
}

// programComplete closes the program; the hours reach the ledger.
func (m *module) programComplete(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil && web.ParseForm(w, r) {
		_, err = m.Svc.CompleteProgram(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"))
	} else if err == nil {
		return
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/programs/"+web.Itoa64(id)+"?saved=1")
}
