package web

import (
	"net/http"

	"jiaoyan/internal/org"
)

type groupListData struct {
	Groups []org.Group
	Pager  pager
}

func (s *Server) groupList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := org.GroupFilter{OrgID: parseID(q.Get("org_id")), Kind: q.Get("kind"), Text: q.Get("q")}
	var page int
	f.Offset, page = pageOf(r)
	groups, total, err := s.Org.FindGroups(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_list", pageData("教研组", groupListData{groups, newPager(q, page, total)}))
}

func (s *Server) groupDetail(w http.ResponseWriter, r *http.Request) {
	g, _, err := byID(r, s.Org.FindGroupByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_detail", page{Title: g.Name, Crumbs: []crumb{{"教研组", "/groups"}, {Name: g.Name}}, Data: g})
}

type groupForm struct {
	Group   org.Group
	Schools []org.Org
	Leader  []org.Member
	IsNew   bool
}

func (s *Server) groupFormPage(r *http.Request, f groupForm) page {
	f.Schools, _, _ = s.Org.FindOrgs(r.Context(), actorOf(r), org.OrgFilter{SchoolOnly: true, Limit: 5000})
	if f.Group.LeaderID != 0 {
		f.Leader = []org.Member{{ID: f.Group.LeaderID, Name: f.Group.LeaderName}}
	}
	title := "修改教研组"
	if f.IsNew {
		title = "报备教研组"
	}
	return page{Title: title, Crumbs: []crumb{{"教研组", "/groups"}, {Name: title}}, Data: f}
}

func (s *Server) groupNew(w http.ResponseWriter, r *http.Request) {
	g := org.Group{OrgID: parseID(r.URL.Query().Get("org_id")), Kind: "subject"}
	s.render(w, r, http.StatusOK, "group_form", s.groupFormPage(r, groupForm{Group: g, IsNew: true}))
}

func groupFromForm(r *http.Request) (org.Group, []int64) {
	r.ParseForm()
	g := org.Group{OrgID: formInt64(r, "org_id"), Name: formStr(r, "name"), Kind: formStr(r, "kind"),
		Subject: formStr(r, "subject"), Stage: formStr(r, "stage"), FiledOn: formStr(r, "filed_on"), Note: formStr(r, "note"),
		Version: formInt(r, "version")}
	if ids := formIDs(r, "leader"); len(ids) > 0 {
		g.LeaderID = ids[0]
	}
	members := formIDs(r, "members")
	for _, id := range members {
		g.Members = append(g.Members, org.Member{ID: id, Name: "#" + itoa64(id)})
	}
	return g, members
}

func (s *Server) groupCreate(w http.ResponseWriter, r *http.Request) {
	g, members := groupFromForm(r)
	id, err := s.Org.SaveGroup(r.Context(), actorOf(r), g, members)
	if err != nil {
		s.formError(w, r, "group_form", s.groupFormPage(r, groupForm{Group: g, IsNew: true}), err)
		return
	}
	redirect(w, r, "/groups/"+itoa64(id)+"?saved=1")
}

func (s *Server) groupEdit(w http.ResponseWriter, r *http.Request) {
	g, _, err := byID(r, s.Org.FindGroupByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_form", s.groupFormPage(r, groupForm{Group: g}))
}

func (s *Server) groupUpdate(w http.ResponseWriter, r *http.Request) {
	_, id, err := byID(r, s.Org.FindGroupByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	g, members := groupFromForm(r)
	g.ID = id
	if _, err := s.Org.SaveGroup(r.Context(), actorOf(r), g, members); err != nil {
		s.formError(w, r, "group_form", s.groupFormPage(r, groupForm{Group: g}), err)
		return
	}
	redirect(w, r, "/groups/"+itoa64(id)+"?saved=1")
}
