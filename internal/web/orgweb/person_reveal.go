package orgweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

// personReveal is 显示完整号码 on the detail page: the same page with this
// person's full ID number and phone, in this response only (the service
// records the look in the audit log). A reload shows them masked again.
func (s *module) personReveal(w http.ResponseWriter, r *http.Request) {
	p, id, err := web.ByID(r, s.Org.RevealPerson)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := personDetailData{Person: p}
	switch u, err := s.Auth.FindUserByPerson(r.Context(), web.ActorOf(r), id); {
	case err == nil:
		d.HasAccount, d.AccountID = true, u.ID
	case app.ErrorCode(err) != app.ENOTFOUND && app.ErrorCode(err) != app.EFORBIDDEN:
		web.Fail(w, r, err)
		return
	}
	if d.Panels, err = web.PersonPanels(r, p.ID); err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	web.Render(w, r, http.StatusOK, "person_detail", web.Page{Title: p.Name,
		Crumbs: []web.Crumb{{Name: "人员", URL: "/people"}, {Name: p.Name}}, Data: d})
}
