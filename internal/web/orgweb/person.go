package web

import (
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
)

type personListData struct {
	People  []org.Person
	Regions []org.Region
	Pager   pager
}

func personFilterOf(r *http.Request) org.PersonFilter {
	q := r.URL.Query()
	return org.PersonFilter{OrgID: parseID(q.Get("org_id")), RegionCode: q.Get("region"), Text: q.Get("q"),
		IDNumber: q.Get("id_number"), Phone: q.Get("phone"), Title: q.Get("title"), Tier: q.Get("tier"),
		Stage: q.Get("stage"), Subject: q.Get("subject"), Researcher: q.Get("researcher") == "1",
		Expert: q.Get("expert") == "1", Inactive: q.Get("inactive") == "1"}
}

func (s *Server) personList(w http.ResponseWriter, r *http.Request) {
	f := personFilterOf(r)
	var page int
	f.Offset, page = pageOf(r)
	people, total, err := s.Org.FindPeople(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var regions []org.Region
	if actorOf(r).Can("region.view") {
		regions, _ = s.Org.FindRegions(r.Context(), actorOf(r))
	}
	s.render(w, r, http.StatusOK, "person_list", pageData("人员", personListData{People: people, Regions: regions,
		Pager: newPager(r.URL.Query(), page, total)}))
}

// personPick answers the person picker's search (htmx): up to 20 people
// in scope whose name matches.
func (s *Server) personPick(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var people []org.Person
	if q != "" {
		people, _, _ = s.Org.FindPeople(r.Context(), actorOf(r), org.PersonFilter{Text: q, Limit: 20})
	}
	s.render(w, r, http.StatusOK, "person_pick", page{Data: struct {
		People []org.Person
		Target string
	}{people, r.URL.Query().Get("target")}})
}

type personDetailData struct {
	Person     org.Person
	HasAccount bool
	AccountID  int64
}

func (s *Server) personDetail(w http.ResponseWriter, r *http.Request) {
	p, id, err := byID(r, s.Org.FindPersonByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := personDetailData{Person: p}
	if u, err := s.Auth.FindUserByPerson(r.Context(), actorOf(r), id); err == nil {
		d.HasAccount, d.AccountID = true, u.ID
	}
	s.render(w, r, http.StatusOK, "person_detail", page{Title: p.Name,
		Crumbs: []crumb{{"人员", "/people"}, {Name: p.Name}}, Data: d})
}

type personForm struct {
	Person  org.Person
	Orgs    []org.Org
	Offices []org.Org
	IsNew   bool
}

func (s *Server) personFormPage(r *http.Request, f personForm) page {
	a := actorOf(r)
	f.Orgs, _, _ = s.Org.FindOrgs(r.Context(), a, org.OrgFilter{Limit: 5000})
	for _, o := range f.Orgs {
		if o.Kind == org.KindResearchOffice || o.Kind == org.KindBureau {
			f.Offices = append(f.Offices, o)
		}
	}
	for len(f.Person.Honours) < 3 {
		f.Person.Honours = append(f.Person.Honours, org.Honour{})
	}
	title := "修改人员"
	if f.IsNew {
		title = "新增人员"
	}
	return page{Title: title, Crumbs: []crumb{{"人员", "/people"}, {Name: title}}, Data: f}
}

func (s *Server) personNew(w http.ResponseWriter, r *http.Request) {
	p := org.Person{OrgID: parseID(r.URL.Query().Get("org_id"))}
	s.render(w, r, http.StatusOK, "person_form", s.personFormPage(r, personForm{Person: p, IsNew: true}))
}

func personFromForm(r *http.Request) org.Person {
	r.ParseForm()
	p := org.Person{Name: formStr(r, "name"), Gender: formStr(r, "gender"), IDNumber: formStr(r, "id_number"),
		Phone: formStr(r, "phone"), OrgID: formInt64(r, "org_id"), Subjects: formList(r, "subjects"),
		Stages: formList(r, "stages"), Title: formStr(r, "title"), Education: formStr(r, "education"), Tier: formStr(r, "tier"),
		TeachingSince: formInt(r, "teaching_since"), ResearcherKind: formStr(r, "researcher_kind"),
		ResearcherSubject: formStr(r, "researcher_subject"), ResearcherStage: formStr(r, "researcher_stage"),
		OfficeID: formInt64(r, "office_id"), Expert: formBool(r, "expert"), Version: formInt(r, "version")}
	names, levels, years := r.Form["honour_name"], r.Form["honour_level"], r.Form["honour_year"]
	for i := range names {
		if strings.TrimSpace(names[i]) == "" || i >= len(levels) || i >= len(years) {
			continue
		}
		y, _ := strconv.Atoi(strings.TrimSpace(years[i]))
		p.Honours = append(p.Honours, org.Honour{Name: strings.TrimSpace(names[i]), Level: levels[i], Year: y})
	}
	return p
}

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) {
	in := personFromForm(r)
	id, err := s.Org.CreatePerson(r.Context(), actorOf(r), in)
	if err != nil {
		s.formError(w, r, "person_form", s.personFormPage(r, personForm{Person: in, IsNew: true}), err)
		return
	}
	redirect(w, r, "/people/"+itoa64(id)+"?saved=1")
}

func (s *Server) personEdit(w http.ResponseWriter, r *http.Request) {
	p, _, err := byID(r, s.Org.FindPersonByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person_form", s.personFormPage(r, personForm{Person: p}))
}

func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := personFromForm(r)
	in.ID = id
	if err := s.Org.UpdatePerson(r.Context(), actorOf(r), in); err != nil {
		if _, ferr := s.Org.FindPersonByID(r.Context(), actorOf(r), id); ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		s.formError(w, r, "person_form", s.personFormPage(r, personForm{Person: in}), err)
		return
	}
	redirect(w, r, "/people/"+itoa64(id)+"?saved=1")
}

func (s *Server) personActive(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Org.SetPersonActive(r.Context(), actorOf(r), id, formBool(r, "active"), formInt(r, "version"))
	}
	if err != nil {
		if c := app.ErrorCode(err); c == app.ECONFLICT || c == app.EINVALID {
			s.render(w, r, statusOf(c), "error", page{Title: "操作未完成", Error: app.ErrorMessage(err)})
			return
		}
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/people/"+itoa64(id)+"?saved=1")
}
