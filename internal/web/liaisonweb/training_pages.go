package web

import (
	"net/http"

	"jiaoyan/internal/liaison"
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
func (s *Server) trainingPage(w http.ResponseWriter, r *http.Request, entry liaison.Training, formErr error) {
	id, err := pathID(r)
	var list []liaison.Training
	if err == nil {
		list, err = s.Liaison.FindTraining(r.Context(), actorOf(r), id, 0)
	}
	var c liaison.Card
	if err == nil {
		c, err = s.Liaison.Card(r.Context(), actorOf(r), id, s.yearOf(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := trainingData{ResearcherID: id, Name: c.Researcher.Name, Entries: list, Entry: entry, Kinds: liaison.KindNames}
	for _, t := range list {
		if t.Kind == liaison.KindTraining {
			d.Total += t.Hours
		}
	}
	title := d.Name + " 培训与教研活动"
	p := page{Title: title, Crumbs: []crumb{{"教研员名册", "/researchers"}, {Name: title}}, Data: d}
	if formErr != nil {
		s.formError(w, r, "training_list", p, formErr)
		return
	}
	s.render(w, r, http.StatusOK, "training_list", p)
}

// trainingList shows the entries with a blank form dated today.
func (s *Server) trainingList(w http.ResponseWriter, r *http.Request) {
	s.trainingPage(w, r, liaison.Training{Kind: liaison.KindTraining, Date: s.today()}, nil)
}

// trainingAdd records an entry for the researcher in the path.
func (s *Server) trainingAdd(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	t := liaison.Training{ResearcherID: id, Kind: formStr(r, "kind"), Program: formStr(r, "program"), Hours: formInt(r, "hours"),
		Date: formStr(r, "date")}
	if _, err := s.Liaison.SaveTraining(r.Context(), actorOf(r), t); err != nil {
		s.trainingPage(w, r, t, err)
		return
	}
	redirect(w, r, "/researchers/"+itoa64(id)+"/training?saved=1")
}
