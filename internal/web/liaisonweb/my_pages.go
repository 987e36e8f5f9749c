package liaisonweb

import (
	"net/http"

	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// myTerm is the researcher's phone home: 我的学校（本学期）.
func (s *module) myTerm(w http.ResponseWriter, r *http.Request) {
	m, err := s.Liaison.MyTerm(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "my_term", web.PageData("我的学校（本学期）", m))
}

type myVisitData struct {
	My       liaison.MyTerm
	Visit    liaison.Visit
	Query    string    // the school search, as typed
	Found    []org.Org // schools in scope matching Query that are not the researcher's own
	Picked   *org.Org  // the chosen school when it is not one of the researcher's own
	Phases   map[string]string
	Purposes map[string]string
}

// myVisitPage renders the quick visit form. The school is picked from the
// researcher's own schools or found by a search (?school_q=, which also
// works without script: the 搜索 button submits the form to this page).
func (s *module) myVisitPage(w http.ResponseWriter, r *http.Request, v *liaison.Visit, formErr error) {
	m, err := s.Liaison.MyTerm(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := myVisitData{My: m, Phases: liaison.PhaseNames, Purposes: liaison.PurposeNames, Query: web.FormStr(r, "school_q")}
	if v == nil {
		d.Visit = m.Prefill(web.ParseID(r.URL.Query().Get("school_id")))
	} else {
		d.Visit = *v
	}
	d.Found = s.otherSchools(r, m, d.Query)
	d.Picked = s.pickedSchool(r, m, d.Visit.SchoolID)
	p := web.Page{Title: "记录到校", Crumbs: []web.Crumb{{Name: "我的学校", URL: "/my"}, {Name: "记录到校"}}, Data: d}
	if formErr != nil {
		web.FormError(w, r, "my_visit", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "my_visit", p)
}

// myVisitForm opens the quick form, the school preselected by ?school_id=.
func (s *module) myVisitForm(w http.ResponseWriter, r *http.Request) { s.myVisitPage(w, r, nil, nil) }

// myVisitSave records the actor's own visit and returns to 我的学校. The
// link or station is taken from the researcher's schools, not the form.
func (s *module) myVisitSave(w http.ResponseWriter, r *http.Request) {
	v, ok := visitOf(w, r)
	if !ok {
		return
	}
	v.ResearcherID, v.LinkID, v.StationID, v.Version = web.ActorOf(r).PersonID, 0, 0, 0
	if m, err := s.Liaison.MyTerm(r.Context(), web.ActorOf(r)); err == nil {
		if mine, ok := m.Find(v.SchoolID); ok && mine.Purpose == v.Purpose {
			v.LinkID, v.StationID = mine.LinkID, mine.StationID
		}
	}
	if _, err := s.Liaison.SaveVisit(r.Context(), web.ActorOf(r), v, nil); err != nil {
		s.myVisitPage(w, r, &v, err)
		return
	}
	web.Redirect(w, r, "/my?saved=1")
}
