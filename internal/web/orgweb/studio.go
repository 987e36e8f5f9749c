package orgweb

import (
	"net/http"

	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type studioListData struct {
	Studios []org.Studio
	Pager   web.Pager
}

// studioList is 名师工作室, filtered by level and name, 50 a page by keyset
// over (organisation path, id).
func (s *module) studioList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := org.StudioFilter{Level: q.Get("level"), Text: q.Get("q")}
	offset, page := web.PageOf(r)
	after, before := web.Cursors(r)
	f.After, f.Before = db.ParsePageKey(after), db.ParsePageKey(before)
	if f.After.IsZero() && f.Before.IsZero() {
		f.Offset = offset
	}
	pg, err := s.Org.FindStudiosPage(r.Context(), web.ActorOf(r), f, web.ExactCount(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "studio_list", web.PageData("名师工作室", studioListData{pg.Rows, keysetPager(r, page, pg)}))
}

func (s *module) studioDetail(w http.ResponseWriter, r *http.Request) {
	st, _, err := web.ByID(r, s.Org.FindStudioByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "studio_detail", web.Page{Title: st.Name, Crumbs: []web.Crumb{{Name: "名师工作室", URL: "/studios"}, {Name: st.Name}}, Data: st})
}

type studioForm struct {
	Studio org.Studio
	Orgs   []org.Org
	Host   []org.Member
	IsNew  bool
}

func (s *module) studioFormPage(r *http.Request, f studioForm) (web.Page, error) {
	var err error
	if f.Orgs, _, err = s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{Limit: 5000}); err != nil {
		return web.Page{}, err
	}
	if f.Studio.HostID != 0 {
		f.Host = []org.Member{{ID: f.Studio.HostID, Name: f.Studio.HostName}}
	}
	title := "修改名师工作室"
	if f.IsNew {
		title = "新增名师工作室"
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "名师工作室", URL: "/studios"}, {Name: title}}, Data: f}, nil
}

func (s *module) studioNew(w http.ResponseWriter, r *http.Request) {
	page, perr := s.studioFormPage(r, studioForm{Studio: org.Studio{Level: "county"}, IsNew: true})
	web.RenderForm(w, r, "studio_form", page, perr)
}

func studioFromForm(r *http.Request) (org.Studio, []int64) {
	st := org.Studio{Name: web.FormStr(r, "name"), Level: web.FormStr(r, "level"), OrgID: web.FormInt64(r, "org_id"),
		Subject: web.FormStr(r, "subject"), Stage: web.FormStr(r, "stage"), FoundedYear: web.FormInt(r, "founded_year"), Version: web.FormInt(r, "version")}
	if ids := web.FormIDs(r, "host"); len(ids) > 0 {
		st.HostID = ids[0]
	}
	members := web.FormIDs(r, "members")
	for _, id := range members {
		st.Members = append(st.Members, org.Member{ID: id, Name: "#" + web.Itoa64(id)})
	}
	return st, members
}

func (s *module) studioCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	st, members := studioFromForm(r)
	id, err := s.Org.SaveStudio(r.Context(), web.ActorOf(r), st, members)
	if err != nil {
		page, perr := s.studioFormPage(r, studioForm{Studio: st, IsNew: true})
		web.FormRetry(w, r, "studio_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/studios/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) studioEdit(w http.ResponseWriter, r *http.Request) {
	st, _, err := web.ByID(r, s.Org.FindStudioByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	page, perr := s.studioFormPage(r, studioForm{Studio: st})
	web.RenderForm(w, r, "studio_form", page, perr)
}

func (s *module) studioUpdate(w http.ResponseWriter, r *http.Request) {
	_, id, err := web.ByID(r, s.Org.FindStudioByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	st, members := studioFromForm(r)
	st.ID = id
	if _, err := s.Org.SaveStudio(r.Context(), web.ActorOf(r), st, members); err != nil {
		page, perr := s.studioFormPage(r, studioForm{Studio: st})
		web.FormRetry(w, r, "studio_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/studios/"+web.Itoa64(id)+"?saved=1")
}
