package trainingweb

import (
	"net/http"

	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesTalent() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/talent", Handler: m.talentPage, Perm: training.PermCreditView},
		{Method: "POST", Pattern: "/credits/people/{id}/tiers", Handler: m.tierRecord, Perm: training.PermTalentEdit,
			Object: "person", Audited: true},
		{Method: "POST", Pattern: "/talent/designations", Handler: m.designate, Perm: training.PermTalentEdit, Audited: true},
		{Method: "POST", Pattern: "/talent/designations/{id}/remove", Handler: m.designationRemove, Perm: training.PermTalentEdit,
			Object: "designation", Audited: true},
		{Method: "POST", Pattern: "/talent/designation-kinds", Handler: m.designationKindAdd, Perm: training.PermTalentEdit, Audited: true},
	}
}

// designationForm is the new-designation form as typed.
type designationForm struct {
	OrgID, Kind, SchoolYear, Level, Basis, KindName string
}

type talentData struct {
	Year         int
	Years        []int
	Targets      []training.Target
	Designations []training.Designation // the page shown
	Pager        web.Pager
	Kinds        []training.DesignationKind
	Schools      []training.Choice
	Levels       map[string]string
	Form         designationForm
	Editor       bool
}

// talentPage is 人才梯队: the targets against the rules, with names, and
// the schools' designations (学校称号) with the form that confers one.
func (m *module) talentPage(w http.ResponseWriter, r *http.Request) {
	m.renderTalent(w, r, designationForm{Kind: training.KindModelSchool, SchoolYear: web.Itoa(m.Svc.CurrentYear())}, nil)
}

func (m *module) renderTalent(w http.ResponseWriter, r *http.Request, form designationForm, formErr error) {
	a, year := web.ActorOf(r), m.yearOf(r)
	ts, err := m.Svc.FindTargets(r.Context(), a, year)
	var ds []training.Designation
	if err == nil {
		ds, err = m.Svc.FindDesignations(r.Context(), a)
	}
	d := talentData{Year: year, Years: m.years(), Targets: ts, Levels: training.DesignationLevels, Form: form,
		Editor: a.Can(training.PermTalentEdit)}
	if err == nil && d.Editor {
		if d.Kinds, err = m.Svc.FindDesignationKinds(r.Context(), a); err == nil {
			d.Schools, err = m.Svc.SchoolChoices(r.Context(), a)
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	off, page := web.PageOf(r)
	d.Designations, d.Pager = pageSlice(ds, off), web.NewPager(r.URL.Query(), page, len(ds))
	p := web.Page{Title: "人才梯队", Data: d}
	if formErr != nil {
		web.FormError(w, r, "talent", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "talent", p)
}

// designate confers a title on a school of the actor's scope.
func (m *module) designate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	form := designationForm{OrgID: web.FormStr(r, "org_id"), Kind: web.FormStr(r, "kind"), SchoolYear: web.FormStr(r, "school_year"),
		Level: web.FormStr(r, "level"), Basis: web.FormStr(r, "basis")}
	_, err := m.Svc.Designate(r.Context(), web.ActorOf(r), training.Designation{OrgID: web.FormInt64(r, "org_id"), Kind: form.Kind,
		SchoolYear: web.FormInt(r, "school_year"), Level: form.Level, Basis: form.Basis})
	if err != nil {
		m.renderTalent(w, r, form, err)
		return
	}
	web.Redirect(w, r, "/talent?saved=1#designations")
}

// designationRemove withdraws a designation.
func (m *module) designationRemove(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		err = m.Svc.RemoveDesignation(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/talent?saved=1#designations")
}

// designationKindAdd adds a title to the region's code table.
func (m *module) designationKindAdd(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	name := web.FormStr(r, "kind_name")
	if _, err := m.Svc.AddDesignationKind(r.Context(), web.ActorOf(r), name); err != nil {
		m.renderTalent(w, r, designationForm{Kind: training.KindModelSchool, SchoolYear: web.Itoa(m.Svc.CurrentYear()), KindName: name}, err)
		return
	}
	web.Redirect(w, r, "/talent?saved=1#designations")
}

// tierRecord records a tier step of the person of the path.
func (m *module) tierRecord(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil && web.ParseForm(w, r) {
		err = m.Svc.RecordTier(r.Context(), web.ActorOf(r), id, web.FormStr(r, "tier"), web.FormStr(r, "date"), web.FormStr(r, "basis"))
	} else if err == nil {
		return
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/credits/people/"+web.Itoa64(id)+"?saved=1")
}

// tierChoices are the tiers in order for the form.
func tierChoices() []struct{ Code, Name string } {
	var out []struct{ Code, Name string }
	for _, c := range org.TierOrder {
		out = append(out, struct{ Code, Name string }{c, org.TierNames[c]})
	}
	return out
}
