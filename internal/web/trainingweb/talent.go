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
	}
}

// talentPage is 人才梯队: the targets against the rules, with names.
func (m *module) talentPage(w http.ResponseWriter, r *http.Request) {
	year := m.yearOf(r)
	ts, err := m.Svc.FindTargets(r.Context(), web.ActorOf(r), year)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "talent", web.Page{Title: "人才梯队", Data: struct {
		Year    int
		Years   []int
		Targets []training.Target
	}{year, m.years(), ts}})
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
