package web

import (
	"net/http"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
)

func (s *Server) roleList(w http.ResponseWriter, r *http.Request) {
	roles, err := s.Auth.FindRoles(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "role_list", pageData("角色与权限", roles))
}

type roleForm struct {
	ID    int64
	Role  auth.RoleInput
	Orgs  []org.Org
	IsNew bool
}

func (s *Server) roleFormPage(r *http.Request, f roleForm) page {
	f.Orgs, _, _ = s.Org.FindOrgs(r.Context(), actorOf(r), org.OrgFilter{Limit: 5000})
	title := "修改角色"
	if f.IsNew {
		title = "新增角色"
	}
	return page{Title: title, Crumbs: []crumb{{"角色与权限", "/roles"}, {Name: title}}, Data: f}
}

func (s *Server) roleNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "role_form", s.roleFormPage(r, roleForm{IsNew: true, Role: auth.RoleInput{Scope: "subtree"}}))
}

func (s *Server) roleEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	roles, err := s.Auth.FindRoles(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, ro := range roles {
		if ro.ID == id {
			in := auth.RoleInput{Code: ro.Code, Name: ro.Name, Scope: ro.Scope, Permissions: ro.Permissions, OrgIDs: ro.OrgIDs, Version: ro.Version}
			s.render(w, r, http.StatusOK, "role_form", s.roleFormPage(r, roleForm{ID: id, Role: in}))
			return
		}
	}
	s.fail(w, r, errNotFound("角色"))
}

func roleFromForm(r *http.Request) auth.RoleInput {
	r.ParseForm()
	return auth.RoleInput{Code: formStr(r, "code"), Name: formStr(r, "name"), Scope: formStr(r, "scope"),
		Permissions: r.Form["permissions"], OrgIDs: formIDs(r, "orgs"), Version: formInt(r, "version")}
}

func (s *Server) roleCreate(w http.ResponseWriter, r *http.Request) {
	in := roleFromForm(r)
	if _, err := s.Auth.SaveRole(r.Context(), actorOf(r), 0, in); err != nil {
		s.formError(w, r, "role_form", s.roleFormPage(r, roleForm{Role: in, IsNew: true}), err)
		return
	}
	redirect(w, r, "/roles?saved=1")
}

func (s *Server) roleUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := roleFromForm(r)
	if _, err := s.Auth.SaveRole(r.Context(), actorOf(r), id, in); err != nil {
		s.formError(w, r, "role_form", s.roleFormPage(r, roleForm{ID: id, Role: in}), err)
		return
	}
	redirect(w, r, "/roles?saved=1")
}
