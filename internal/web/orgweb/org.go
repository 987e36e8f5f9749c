package web

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
)

type orgListData struct {
	Orgs    []org.Org
	Regions []org.Region
	Pager   pager
}

func orgFilterOf(r *http.Request) org.OrgFilter {
	q := r.URL.Query()
	return org.OrgFilter{Kind: q.Get("kind"), RegionCode: q.Get("region"), Text: q.Get("q"), Stage: q.Get("stage"),
		Locale: q.Get("locale"), Weak: q.Get("weak") == "1", Inactive: q.Get("inactive") == "1"}
}

func (s *Server) orgList(w http.ResponseWriter, r *http.Request) {
	f := orgFilterOf(r)
	var page int
	f.Offset, page = pageOf(r)
	orgs, total, err := s.Org.FindOrgs(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	regions, _ := s.Org.FindRegions(r.Context(), actorOf(r))
	s.render(w, r, http.StatusOK, "org_list", pageData("机构与学校", orgListData{Orgs: orgs, Regions: regions,
		Pager: newPager(r.URL.Query(), page, total)}))
}

func pageData(title string, data any) page {
	return page{Title: title, Crumbs: []crumb{{Name: title}}, Data: data}
}

type orgDetailData struct {
	Org    org.Org
	People []org.Person
	Groups []org.Group
	Total  int
}

func (s *Server) orgDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	a := actorOf(r)
	var o org.Org
	if err == nil {
		o, err = s.Org.FindOrgByID(r.Context(), a, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := orgDetailData{Org: o}
	if a.Can("person.view") {
		d.People, d.Total, _ = s.Org.FindPeople(r.Context(), a, org.PersonFilter{OrgID: id, Limit: 20})
	}
	if a.Can("group.view") {
		d.Groups, _, _ = s.Org.FindGroups(r.Context(), a, org.GroupFilter{OrgID: id})
	}
	s.render(w, r, http.StatusOK, "org_detail", page{Title: o.Name,
		Crumbs: []crumb{{"机构与学校", "/orgs"}, {Name: o.Name}}, Data: d})
}

type orgForm struct {
	Org     org.Org
	Regions []org.Region
	Schools []org.Org
	IsNew   bool
}

func (s *Server) orgFormPage(r *http.Request, f orgForm) page {
	f.Regions, _ = s.Org.FindRegions(r.Context(), actorOf(r))
	f.Schools, _, _ = s.Org.FindOrgs(r.Context(), actorOf(r), org.OrgFilter{Kind: org.KindSchool, Limit: 5000})
	title := "修改机构"
	if f.IsNew {
		title = "新增机构或学校"
	}
	return page{Title: title, Crumbs: []crumb{{"机构与学校", "/orgs"}, {Name: title}}, Data: f}
}

func (s *Server) orgNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o := org.Org{Kind: org.KindSchool, RegionCode: q.Get("region"), Locale: "urban"}
	if q.Get("kind") != "" {
		o.Kind = q.Get("kind")
	}
	o.ParentID = parseID(q.Get("parent"))
	s.render(w, r, http.StatusOK, "org_form", s.orgFormPage(r, orgForm{Org: o, IsNew: true}))
}

func orgFromForm(r *http.Request) org.Org {
	r.ParseForm()
	return org.Org{Name: formStr(r, "name"), Kind: formStr(r, "kind"), RegionCode: formStr(r, "region_code"),
		ParentID: formInt64(r, "parent_id"), SchoolCode: formStr(r, "school_code"), Stages: formList(r, "stages"),
		Locale: formStr(r, "locale"), Weak: formBool(r, "weak"), Address: formStr(r, "address"), Version: formInt(r, "version")}
}

func (s *Server) orgCreate(w http.ResponseWriter, r *http.Request) {
	in := orgFromForm(r)
	id, err := s.Org.CreateOrg(r.Context(), actorOf(r), in)
	if err != nil {
		s.formError(w, r, "org_form", s.orgFormPage(r, orgForm{Org: in, IsNew: true}), err)
		return
	}
	redirect(w, r, "/orgs/"+itoa64(id)+"?saved=1")
}

func (s *Server) orgEdit(w http.ResponseWriter, r *http.Request) {
	o, _, err := byID(r, s.Org.FindOrgByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "org_form", s.orgFormPage(r, orgForm{Org: o}))
}

func (s *Server) orgUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := orgFromForm(r)
	in.ID = id
	if err := s.Org.UpdateOrg(r.Context(), actorOf(r), in); err != nil {
		old, ferr := s.Org.FindOrgByID(r.Context(), actorOf(r), id)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		in.Kind, in.RegionCode, in.ParentID = old.Kind, old.RegionCode, old.ParentID
		s.formError(w, r, "org_form", s.orgFormPage(r, orgForm{Org: in}), err)
		return
	}
	redirect(w, r, "/orgs/"+itoa64(id)+"?saved=1")
}

func (s *Server) orgActive(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Org.SetOrgActive(r.Context(), actorOf(r), id, formBool(r, "active"), formInt(r, "version"))
	}
	if err != nil {
		if app.ErrorCode(err) == app.ECONFLICT || app.ErrorCode(err) == app.EINVALID {
			s.render(w, r, statusOf(app.ErrorCode(err)), "error", page{Title: "操作未完成", Error: app.ErrorMessage(err)})
			return
		}
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/orgs/"+itoa64(id)+"?saved=1")
}
