package trainingweb

import (
	"net/http"

	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

// planOf reads the plan form: the school theme, up to five group themes
// (a row with no title is left out) and up to ten activities.
func planOf(r *http.Request) training.Plan {
	p := training.Plan{OrgID: web.FormInt64(r, "org_id"), SchoolYear: web.FormInt(r, "school_year"),
		PublicFunds: formFloat(r, "public_funds"), TrainingFunds: formFloat(r, "training_funds"), Version: web.FormInt(r, "version")}
	p.Themes = append(p.Themes, training.Theme{Kind: "school", Title: web.FormStr(r, "school_title"),
		Domain: web.FormStr(r, "school_domain"), Forms: r.Form["school_forms"]})
	for i := range 5 {
		k := web.Itoa(i)
		if web.FormStr(r, "group_title_"+k) == "" && web.FormStr(r, "group_name_"+k) == "" {
			continue
		}
		p.Themes = append(p.Themes, training.Theme{Kind: "group", GroupName: web.FormStr(r, "group_name_"+k),
			Title: web.FormStr(r, "group_title_"+k), Domain: web.FormStr(r, "group_domain_"+k), Forms: r.Form["group_forms_"+k]})
	}
	for i := range 10 {
		k := web.Itoa(i)
		if t := web.FormStr(r, "act_title_"+k); t != "" {
			p.Activities = append(p.Activities, training.Activity{Month: web.FormInt(r, "act_month_"+k), Title: t})
		}
	}
	return p
}

// planCreate saves a new plan of the actor's school.
func (m *module) planCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	p := planOf(r)
	p.ID = 0
	id, err := m.Svc.SavePlan(r.Context(), web.ActorOf(r), p)
	if err != nil {
		m.renderPlan(w, r, p, err)
		return
	}
	web.Redirect(w, r, "/school-plans/"+web.Itoa64(id)+"?saved=1")
}

// planUpdate saves the plan of the path.
func (m *module) planUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	p := planOf(r)
	p.ID = id
	if _, err := m.Svc.SavePlan(r.Context(), web.ActorOf(r), p); err != nil {
		if old, ferr := m.Svc.FindPlanByID(r.Context(), web.ActorOf(r), id); ferr == nil {
			p.OrgName, p.Status = old.OrgName, old.Status
		}
		m.renderPlan(w, r, p, err)
		return
	}
	web.Redirect(w, r, "/school-plans/"+web.Itoa64(id)+"?saved=1")
}

// planSubmit reports the plan to the county for 备案.
func (m *module) planSubmit(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil && web.ParseForm(w, r) {
		err = m.Svc.SubmitPlan(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"))
	} else if err == nil {
		return
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/school-plans/"+web.Itoa64(id)+"?saved=1")
}

// planReview files the plan (备案) or returns it with the note.
func (m *module) planReview(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil && web.ParseForm(w, r) {
		err = m.Svc.ReviewPlan(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"), web.FormStr(r, "decision") == "file",
			web.FormStr(r, "note"))
	} else if err == nil {
		return
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/school-plans/"+web.Itoa64(id)+"?saved=1")
}
