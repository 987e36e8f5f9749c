package orgweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type orgListData struct {
	Orgs    []org.Org
	Regions []org.Region
	Pager   web.Pager
}

func orgFilterOf(r *http.Request) org.OrgFilter {
	q := r.URL.Query()
	return org.OrgFilter{Kind: q.Get("kind"), RegionCode: q.Get("region"), Text: q.Get("q"), Stage: q.Get("stage"),
		Locale: q.Get("locale"), Weak: q.Get("weak") == "1", Inactive: q.Get("inactive") == "1"}
}

// orgList is 机构与学校, 50 a page by keyset: 下一页 continues after the
// last organisation shown; ?page=N alone (a deep link) walks the key index.
func (s *module) orgList(w http.ResponseWriter, r *http.Request) {
	f := org.OrgPageFilter{OrgFilter: orgFilterOf(r)}
	offset, page := web.PageOf(r)
	after, before := web.Cursors(r)
	f.After, f.Before = db.ParsePageKey(after), db.ParsePageKey(before)
	if f.After.IsZero() && f.Before.IsZero() {
		f.Offset = offset
	}
	pg, err := s.Org.FindOrgsPage(r.Context(), web.ActorOf(r), f, web.ExactCount(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	regions, err := s.Org.FindRegions(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "org_list", web.PageData("机构与学校", orgListData{Orgs: pg.Orgs, Regions: regions,
		Pager: web.NewKeysetPager(r.URL.Query(), web.KeysetPage{Page: page, Total: pg.Total, AtLeast: pg.AtLeast, More: pg.More,
			Less: pg.Less, First: pg.First.Encode(), Last: pg.Last.Encode()})}))
}

type orgDetailData struct {
	Org    org.Org
	People []org.Person
	Groups []org.Group
	Total  int
}

func (s *module) orgDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	a := web.ActorOf(r)
	var o org.Org
	if err == nil {
		o, err = s.Org.FindOrgByID(r.Context(), a, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := orgDetailData{Org: o}
	if a.Can(auth.PermPersonView) {
		d.People, d.Total, err = s.Org.FindPeople(r.Context(), a, org.PersonFilter{OrgID: id, Limit: 20})
	}
	if err == nil && a.Can(auth.PermGroupView) {
		d.Groups, _, err = s.Org.FindGroups(r.Context(), a, org.GroupFilter{OrgID: id})
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "org_detail", web.Page{Title: o.Name,
		Crumbs: []web.Crumb{{Name: "机构与学校", URL: "/orgs"}, {Name: o.Name}}, Data: d})
}

type orgForm struct {
	Org     org.Org
	Regions []org.Region
	Schools []org.Org
	IsNew   bool
}

func (s *module) orgFormPage(r *http.Request, f orgForm) (web.Page, error) {
	var err error
	if f.Regions, err = s.Org.FindRegions(r.Context(), web.ActorOf(r)); err != nil {
		return web.Page{}, err
	}
	if f.Schools, _, err = s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{Kind: org.KindSchool, Limit: 5000}); err != nil {
		return web.Page{}, err
	}
	title := "修改机构"
	if f.IsNew {
		title = "新增机构或学校"
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "机构与学校", URL: "/orgs"}, {Name: title}}, Data: f}, nil
}

func (s *module) orgNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o := org.Org{Kind: org.KindSchool, RegionCode: q.Get("region"), Locale: "urban"}
	if q.Get("kind") != "" {
		o.Kind = q.Get("kind")
	}
	o.ParentID = web.ParseID(q.Get("parent"))
	page, perr := s.orgFormPage(r, orgForm{Org: o, IsNew: true})
	web.RenderForm(w, r, "org_form", page, perr)
}

func orgFromForm(r *http.Request) org.Org {
	return org.Org{Name: web.FormStr(r, "name"), Kind: web.FormStr(r, "kind"), RegionCode: web.FormStr(r, "region_code"),
		ParentID: web.FormInt64(r, "parent_id"), SchoolCode: web.FormStr(r, "school_code"), Stages: web.FormList(r, "stages"),
		Locale: web.FormStr(r, "locale"), Weak: web.FormBool(r, "weak"), Address: web.FormStr(r, "address"), Version: web.FormInt(r, "version")}
}

func (s *module) orgCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	in := orgFromForm(r)
	id, err := s.Org.CreateOrg(r.Context(), web.ActorOf(r), in)
	if err != nil {
		page, perr := s.orgFormPage(r, orgForm{Org: in, IsNew: true})
		web.FormRetry(w, r, "org_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/orgs/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) orgEdit(w http.ResponseWriter, r *http.Request) {
	o, _, err := web.ByID(r, s.Org.FindOrgByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	page, perr := s.orgFormPage(r, orgForm{Org: o})
	web.RenderForm(w, r, "org_form", page, perr)
}

func (s *module) orgUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	in := orgFromForm(r)
	in.ID = id
	if err := s.Org.UpdateOrg(r.Context(), web.ActorOf(r), in); err != nil {
		old, ferr := s.Org.FindOrgByID(r.Context(), web.ActorOf(r), id)
		if ferr != nil {
			web.Fail(w, r, ferr)
			return
		}
		in.Kind, in.RegionCode, in.ParentID = old.Kind, old.RegionCode, old.ParentID
		page, perr := s.orgFormPage(r, orgForm{Org: in})
		web.FormRetry(w, r, "org_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/orgs/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) orgActive(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		err = s.Org.SetOrgActive(r.Context(), web.ActorOf(r), id, web.FormBool(r, "active"), web.FormInt(r, "version"))
	}
	if err != nil {
		if app.ErrorCode(err) == app.ECONFLICT || app.ErrorCode(err) == app.EINVALID {
			web.Render(w, r, web.StatusOf(app.ErrorCode(err)), "error", web.Page{Title: "操作未完成", Error: app.ErrorMessage(err)})
			return
		}
		web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/orgs/"+web.Itoa64(id)+"?saved=1")
}
