package orgweb

import (
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type personListData struct {
	People  []org.Person
	Regions []org.Region
	Pager   web.Pager
}

func personFilterOf(r *http.Request) org.PersonFilter {
	q := r.URL.Query()
	return org.PersonFilter{OrgID: web.ParseID(q.Get("org_id")), RegionCode: q.Get("region"), Text: q.Get("q"),
		IDNumber: q.Get("id_number"), Phone: q.Get("phone"), Title: q.Get("title"), Tier: q.Get("tier"),
		Stage: q.Get("stage"), Subject: q.Get("subject"), Researcher: q.Get("researcher") == "1",
		Expert: q.Get("expert") == "1", Inactive: q.Get("inactive") == "1"}
}

func (s *module) personList(w http.ResponseWriter, r *http.Request) {
	f := personFilterOf(r)
	offset, page := web.PageOf(r)
	after, before := web.Cursors(r)
	f.After, f.Before = db.ParsePageKey(after), db.ParsePageKey(before)
	if f.After.IsZero() && f.Before.IsZero() {
		f.Offset = offset // a deep link ?page=N: a walk of the key index
	}
	count := org.CountCheap
	if web.ExactCount(r) {
		count = org.CountExact
	}
	pg, err := s.Org.FindPeoplePage(r.Context(), web.ActorOf(r), f, count)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var regions []org.Region
	if web.ActorOf(r).Can(auth.PermRegionView) {
		if regions, err = s.Org.FindRegions(r.Context(), web.ActorOf(r)); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	web.Render(w, r, http.StatusOK, "person_list", web.PageData("人员", personListData{People: pg.People, Regions: regions,
		Pager: web.NewKeysetPager(r.URL.Query(), web.KeysetPage{Page: page, Total: pg.Total, Estimated: pg.Estimated,
			AtLeast: pg.AtLeast, More: pg.More, Less: pg.Less, First: pg.First.Encode(), Last: pg.Last.Encode()})}))
}

// personPick answers the person picker's search (htmx): up to 20 people
// in scope whose name matches.
func (s *module) personPick(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var people []org.Person
	if q != "" {
		var err error
		if people, _, err = s.Org.FindPeople(r.Context(), web.ActorOf(r), org.PersonFilter{Text: q, Limit: 20}); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	web.Render(w, r, http.StatusOK, "person_pick", web.Page{Data: struct {
		People []org.Person
		Target string
	}{people, r.URL.Query().Get("target")}})
}

type personDetailData struct {
	Person     org.Person
	HasAccount bool
	AccountID  int64
	Panels     []web.ShownPanel // other modules' sections (web.PersonPanel)
}

func (s *module) personDetail(w http.ResponseWriter, r *http.Request) {
	p, id, err := web.ByID(r, s.Org.FindPersonByID)
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
	if d.Panels, err = web.PersonPanels(r, id); err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "person_detail", web.Page{Title: p.Name,
		Crumbs: []web.Crumb{{Name: "人员", URL: "/people"}, {Name: p.Name}}, Data: d})
}

type personForm struct {
	Person  org.Person
	Orgs    []org.Org
	Offices []org.Org
	IsNew   bool
}

func (s *module) personFormPage(r *http.Request, f personForm) (web.Page, error) {
	a := web.ActorOf(r)
	var err error
	if f.Orgs, _, err = s.Org.FindOrgs(r.Context(), a, org.OrgFilter{Limit: 5000}); err != nil {
		return web.Page{}, err
	}
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
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "人员", URL: "/people"}, {Name: title}}, Data: f}, nil
}

func (s *module) personNew(w http.ResponseWriter, r *http.Request) {
	p := org.Person{OrgID: web.ParseID(r.URL.Query().Get("org_id"))}
	page, perr := s.personFormPage(r, personForm{Person: p, IsNew: true})
	web.RenderForm(w, r, "person_form", page, perr)
}

func personFromForm(r *http.Request) org.Person {
	p := org.Person{Name: web.FormStr(r, "name"), Gender: web.FormStr(r, "gender"), IDNumber: web.FormStr(r, "id_number"),
		Phone: web.FormStr(r, "phone"), OrgID: web.FormInt64(r, "org_id"), Subjects: web.FormList(r, "subjects"),
		Stages: web.FormList(r, "stages"), Title: web.FormStr(r, "title"), Education: web.FormStr(r, "education"), Tier: web.FormStr(r, "tier"),
		TeachingSince: web.FormInt(r, "teaching_since"), WorkStart: web.FormStr(r, "work_start"), ResearcherKind: web.FormStr(r, "researcher_kind"),
		ResearcherSubject: web.FormStr(r, "researcher_subject"), ResearcherStage: web.FormStr(r, "researcher_stage"),
		OfficeID: web.FormInt64(r, "office_id"), Expert: web.FormBool(r, "expert"), Version: web.FormInt(r, "version")}
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

func (s *module) personCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	in := personFromForm(r)
	id, err := s.Org.CreatePerson(r.Context(), web.ActorOf(r), in)
	if err != nil {
		page, perr := s.personFormPage(r, personForm{Person: in, IsNew: true})
		web.FormRetry(w, r, "person_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/people/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) personEdit(w http.ResponseWriter, r *http.Request) {
	p, _, err := web.ByID(r, s.Org.FindPersonByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	page, perr := s.personFormPage(r, personForm{Person: p})
	web.RenderForm(w, r, "person_form", page, perr)
}

func (s *module) personUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	in := personFromForm(r)
	in.ID = id
	if err := s.Org.UpdatePerson(r.Context(), web.ActorOf(r), in); err != nil {
		if _, ferr := s.Org.FindPersonByID(r.Context(), web.ActorOf(r), id); ferr != nil {
			web.Fail(w, r, ferr)
			return
		}
		page, perr := s.personFormPage(r, personForm{Person: in})
		web.FormRetry(w, r, "person_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/people/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) personActive(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		err = s.Org.SetPersonActive(r.Context(), web.ActorOf(r), id, web.FormBool(r, "active"), web.FormInt(r, "version"))
	}
	if err != nil {
		if c := app.ErrorCode(err); c == app.ECONFLICT || c == app.EINVALID {
			web.Render(w, r, web.StatusOf(c), "error", web.Page{Title: "操作未完成", Error: app.ErrorMessage(err)})
			return
		}
		web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/people/"+web.Itoa64(id)+"?saved=1")
}
