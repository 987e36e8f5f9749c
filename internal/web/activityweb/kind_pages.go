package activityweb

import (
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
)

type kindData struct {
	Kinds   []activity.KindRow
	Editing string // the kind whose row shows the error, "" for the add form
	Name    string // the name typed where the error is
}

// kindPage lists the activity kinds with a rename form and retire, restore
// or delete buttons per row, and the form to add one.
func (s *module) kindPage(w http.ResponseWriter, r *http.Request, d kindData, err error) {
	var e error
	if d.Kinds, e = s.Activity.FindKinds(r.Context(), web.ActorOf(r)); e != nil {
		web.Fail(w, r, e)
		return
	}
	p := web.Page{Title: "活动类型", Crumbs: []web.Crumb{{Name: "教研活动", URL: "/activities"}, {Name: "活动类型"}}, Data: d}
	if err != nil {
		web.FormError(w, r, "activity_kinds", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "activity_kinds", p)
}

func (s *module) kinds(w http.ResponseWriter, r *http.Request) { s.kindPage(w, r, kindData{}, nil) }

// kindAdd adds a kind by its name.
func (s *module) kindAdd(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	name := web.FormStr(r, "name")
	if _, err := s.Activity.AddKind(r.Context(), web.ActorOf(r), name); err != nil {
		s.kindPage(w, r, kindData{Name: name}, err)
		return
	}
	web.Redirect(w, r, "/activity-kinds?saved=1")
}

// kindEdit renames, retires, restores or deletes one kind.
func (s *module) kindEdit(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	e := activity.KindEdit{Code: r.PathValue("code"), Op: web.FormStr(r, "op"), Name: web.FormStr(r, "name"), Version: web.FormInt(r, "version")}
	if err := s.Activity.EditKind(r.Context(), web.ActorOf(r), e); err != nil {
		s.kindPage(w, r, kindData{Editing: e.Code, Name: e.Name}, err)
		return
	}
	web.Redirect(w, r, "/activity-kinds?saved=1")
}
