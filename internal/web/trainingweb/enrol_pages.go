package trainingweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesEnrol() []web.Route {
	return []web.Route{
		{Method: "POST", Pattern: "/programs/{id}/nominate", Handler: m.programNominate, Perm: training.PermEnrolAssign,
			Object: "program", Audited: true},
		{Method: "POST", Pattern: "/programs/{id}/enrolments", Handler: m.programDecide, Perm: training.PermProgramManage,
			Object: "program", Audited: true},
		{Method: "POST", Pattern: "/programs/{id}/quotas", Handler: m.programQuota, Perm: training.PermProgramManage,
			Object: "program", Audited: true},
	}
}

// enrolData is what the program page shows of enrolment.
type enrolData struct {
	Enrolments []training.Enrolment
	Quotas     []training.Quota
	Counties   []training.Quota // the quota form's choices, organisers only
	Organiser  bool
}

// enrolOf loads the program page's enrolment part for the actor.
func (m *module) enrolOf(r *http.Request, p training.Program) (enrolData, error) {
	a, d := web.ActorOf(r), enrolData{}
	var err error
	if p.EnrolMode == "quota" {
		if d.Quotas, err = m.Svc.FindQuotas(r.Context(), a, p.ID); err != nil {
			return d, err
		}
	}
	if a.Can(training.PermEnrolAssign) {
		if d.Enrolments, err = m.Svc.FindEnrolments(r.Context(), a, p.ID); err != nil {
			return d, err
		}
	}
	if a.Can(training.PermProgramManage) {
		d.Counties, err = m.Svc.QuotaRegions(r.Context(), a, p.ID)
		d.Organiser = err == nil
		if app.ErrorCode(err) == app.ENOTFOUND {
			err = nil // a city's program seen from a county: not the organiser
		}
	}
	return d, err
}

// programNominate assigns (学校指派) or nominates (名额推荐) the picked people.
func (m *module) programNominate(w http.ResponseWriter, r *http.Request) {
	m.programAction(w, r, func(id int64) error {
		_, err := m.Svc.Nominate(r.Context(), web.ActorOf(r), id, web.FormIDs(r, "people"))
		return err
	})
}

// programDecide approves or returns the checked pending enrolments.
func (m *module) programDecide(w http.ResponseWriter, r *http.Request) {
	m.programAction(w, r, func(id int64) error {
		_, err := m.Svc.DecideEnrolments(r.Context(), web.ActorOf(r), id, web.FormIDs(r, "people"), web.FormStr(r, "decision") == "approve",
			web.FormStr(r, "reason"))
		return err
	})
}

// programQuota gives a county its places.
func (m *module) programQuota(w http.ResponseWriter, r *http.Request) {
	m.programAction(w, r, func(id int64) error {
		return m.Svc.SetQuota(r.Context(), web.ActorOf(r), id, web.FormStr(r, "region"), web.FormInt(r, "quota"))
	})
}

// programAction parses the form, runs do on the {id} program and goes
// back to its page.
func (m *module) programAction(w http.ResponseWriter, r *http.Request, do func(id int64) error) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	if err := do(id); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/programs/"+web.Itoa64(id)+"?saved=1")
}
