package liaisonweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// schoolSearchLimit is how many matches the phone school search shows.
const schoolSearchLimit = 20

// otherSchools are the schools in the actor's scope whose name (or school
// code) contains q, without the researcher's own; none for an empty q.
func (s *module) otherSchools(r *http.Request, m liaison.MyTerm, q string) []org.Org {
	if q == "" {
		return nil
	}
	found, _, err := s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{SchoolOnly: true, Text: q, Limit: schoolSearchLimit + len(m.Schools)})
	if err != nil {
		web.Log(r).Warn("school search", "err", err)
		return nil
	}
	var out []org.Org
	for _, o := range found {
		if _, mine := m.Find(o.ID); !mine && len(out) < schoolSearchLimit {
			out = append(out, o)
		}
	}
	return out
}

// pickedSchool is the school id names when it is in scope and not one of
// the researcher's own (those are listed anyway), else nil.
func (s *module) pickedSchool(r *http.Request, m liaison.MyTerm, id int64) *org.Org {
	if _, mine := m.Find(id); id == 0 || mine {
		return nil
	}
	o, err := s.Org.FindOrgByID(r.Context(), web.ActorOf(r), id)
	if err != nil {
		return nil
	}
	return &o
}

// mySchoolSearch answers the quick visit form's school search as you type
// (htmx): the matching schools as choices of the form's school_id.
func (s *module) mySchoolSearch(w http.ResponseWriter, r *http.Request) {
	m, err := s.Liaison.MyTerm(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	q := web.FormStr(r, "school_q")
	web.Render(w, r, http.StatusOK, "my_school_results", web.Page{Title: "查找学校",
		Data: myVisitData{Query: q, Found: s.otherSchools(r, m, q)}})
}

// schoolsNamed are up to schoolSearchLimit schools in the actor's scope
// whose name (or school code) contains q; none for an empty q.
func (s *module) schoolsNamed(r *http.Request, q string) ([]org.Org, error) {
	if q == "" {
		return nil, nil
	}
	found, _, err := s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{SchoolOnly: true, Text: q, Limit: schoolSearchLimit})
	return found, err
}

// visitSchool is the school a visit names, for the full form's choice; nil
// for none. A school outside the actor's scope (an edit of a visit by a
// researcher from elsewhere) is kept by id so a save never drops it.
func (s *module) visitSchool(r *http.Request, id int64) (*org.Org, error) {
	if id == 0 {
		return nil, nil
	}
	o, err := s.Org.FindOrgByID(r.Context(), web.ActorOf(r), id)
	if app.ErrorCode(err) == app.ENOTFOUND || app.ErrorCode(err) == app.EFORBIDDEN {
		return &org.Org{ID: id, Name: "（原学校）"}, nil
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// visitSchoolSearch answers the full visit form's school search as you
// type (htmx): the matching schools as choices of the form's school_id.
func (s *module) visitSchoolSearch(w http.ResponseWriter, r *http.Request) {
	q := web.FormStr(r, "school_q")
	found, err := s.schoolsNamed(r, q)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "my_school_results", web.Page{Title: "查找学校",
		Data: myVisitData{Query: q, Found: found}})
}
