package liaisonweb

import (
	"net/http"

	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

type trainingData struct {
	ResearcherID int64
	Name         string
	Entries      []liaison.Training
	Entry        liaison.Training // the form
	Kinds        map[string]string
	Total        int // training hours listed
}

// trainingPage renders a researcher's training entries and the add form.
func (s *module) trainingPage(w http.ResponseWriter, r *http.Request, entry liaison.Training, formErr error) {
	id, err := web.PathID(r)
	var list []liaison.Training
	if err == nil {
		list, err = s.Liaison.FindTraining(r.Context(), web.ActorOf(r), id, 0)
	}
	var res liaison.Researcher
	if err == nil {
		res, err = s.Liaison.FindResearcherByID(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := trainingData{ResearcherID: id, Name: res.Name, Entries: list, Entry: entry, Kinds: liaison.KindNames}
	for _, t := range list {
		if t.Kind == liaison.KindTraining {
			d.Total += t.Hours
		}
	}
	title := d.Name + " 培训与教研活动"
	p := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "教研员名册", URL: "/researchers"}, {Name: title}}, Data: d}
	if formErr != nil {
		web.FormError(w, r, "training_list", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "training_list", p)
}

// trainingList shows the entries with a blank form dated today.
func (s *module) trainingList(w http.ResponseWriter, r *http.Request) {
	s.trainingPage(w, r, liaison.Training{Kind: liaison.KindTraining, Date: s.today()}, nil)
}

// trainingAdd records an entry for the researcher in the path.
func (s *module) trainingAdd(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	t := liaison.Training{ResearcherID: id, Kind: web.FormStr(r, "kind"), Program: web.FormStr(r, "program"), Hours: web.FormInt(r, "hours"),
		Date: web.FormStr(r, "date")}
	if _, err := s.Liaison.SaveTraining(r.Context(), web.ActorOf(r), t); err != nil {
		s.trainingPage(w, r, t, err)
		return
	}
	web.Redirect(w, r, "/researchers/"+web.Itoa64(id)+"/training?saved=1")
}
