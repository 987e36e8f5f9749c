package orgweb

import (
	"net/http"

	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type groupListData struct {
	Groups []org.Group
	Pager  web.Pager
}

// groupList is 教研组, 50 a page by keyset over (organisation path, id).
func (s *module) groupList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := org.GroupFilter{OrgID: web.ParseID(q.Get("org_id")), Kind: q.Get("kind"), Text: q.Get("q")}
	offset, page := web.PageOf(r)
	after, before := web.Cursors(r)
	f.After, f.Before = db.ParsePageKey(after), db.ParsePageKey(before)
	if f.After.IsZero() && f.Before.IsZero() {
		f.Offset = offset
	}
	pg, err := s.Org.FindGroupsPage(r.Context(), web.ActorOf(r), f, web.ExactCount(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "group_list", web.PageData("教研组", groupListData{pg.Rows, keysetPager(r, page, pg)}))
}

// keysetPager is the pager of one page of a keyed organisation list.
func keysetPager[T any](r *http.Request, page int, pg org.ListPage[T]) web.Pager {
	return web.NewKeysetPager(r.URL.Query(), web.KeysetPage{Page: page, Total: pg.Total, AtLeast: pg.AtLeast, More: pg.More,
		Less: pg.Less, First: pg.First.Encode(), Last: pg.Last.Encode()})
}

func (s *module) groupDetail(w http.ResponseWriter, r *http.Request) {
	g, _, err := web.ByID(r, s.Org.FindGroupByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "group_detail", web.Page{Title: g.Name, Crumbs: []web.Crumb{{Name: "教研组", URL: "/groups"}, {Name: g.Name}}, Data: g})
}

type groupForm struct {
	Group   org.Group
	Schools []org.Org
	Leader  []org.Member
	IsNew   bool
}

func (s *module) groupFormPage(r *http.Request, f groupForm) (web.Page, error) {
	var err error
	if f.Schools, _, err = s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{SchoolOnly: true, Limit: 5000}); err != nil {
		return web.Page{}, err
	}
	if f.Group.LeaderID != 0 {
		f.Leader = []org.Member{{ID: f.Group.LeaderID, Name: f.Group.LeaderName}}
	}
	title := "修改教研组"
	if f.IsNew {
		title = "报备教研组"
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "教研组", URL: "/groups"}, {Name: title}}, Data: f}, nil
}

func (s *module) groupNew(w http.ResponseWriter, r *http.Request) {
	g := org.Group{OrgID: web.ParseID(r.URL.Query().Get("org_id")), Kind: "subject"}
	page, perr := s.groupFormPage(r, groupForm{Group: g, IsNew: true})
	web.RenderForm(w, r, "group_form", page, perr)
}

func groupFromForm(r *http.Request) (org.Group, []int64) {
	g := org.Group{OrgID: web.FormInt64(r, "org_id"), Name: web.FormStr(r, "name"), Kind: web.FormStr(r, "kind"),
		Subject: web.FormStr(r, "subject"), Stage: web.FormStr(r, "stage"), FiledOn: web.FormStr(r, "filed_on"), Note: web.FormStr(r, "note"),
		Version: web.FormInt(r, "version")}
	if ids := web.FormIDs(r, "leader"); len(ids) > 0 {
		g.LeaderID = ids[0]
	}
	members := web.FormIDs(r, "members")
	for _, id := range members {
		g.Members = append(g.Members, org.Member{ID: id, Name: "#" + web.Itoa64(id)})
	}
	return g, members
}

func (s *module) groupCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	g, members := groupFromForm(r)
	id, err := s.Org.SaveGroup(r.Context(), web.ActorOf(r), g, members)
	if err != nil {
		page, perr := s.groupFormPage(r, groupForm{Group: g, IsNew: true})
		web.FormRetry(w, r, "group_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/groups/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) groupEdit(w http.ResponseWriter, r *http.Request) {
	g, _, err := web.ByID(r, s.Org.FindGroupByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	page, perr := s.groupFormPage(r, groupForm{Group: g})
	web.RenderForm(w, r, "group_form", page, perr)
}

func (s *module) groupUpdate(w http.ResponseWriter, r *http.Request) {
	_, id, err := web.ByID(r, s.Org.FindGroupByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	g, members := groupFromForm(r)
	g.ID = id
	if _, err := s.Org.SaveGroup(r.Context(), web.ActorOf(r), g, members); err != nil {
		page, perr := s.groupFormPage(r, groupForm{Group: g})
		web.FormRetry(w, r, "group_form", page, perr, err)
		return
	}
	web.Redirect(w, r, "/groups/"+web.Itoa64(id)+"?saved=1")
}
