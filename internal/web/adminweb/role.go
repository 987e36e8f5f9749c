package adminweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

func (s *module) roleList(w http.ResponseWriter, r *http.Request) {
	roles, err := s.Auth.FindRoles(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "role_list", web.PageData("角色与权限", roles))
}

type roleForm struct {
	ID    int64
	Role  auth.RoleInput
	Orgs  []org.Org
	IsNew bool
}

func (s *module) roleFormPage(r *http.Request, f roleForm) web.Page {
	f.Orgs, _, _ = s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{Limit: 5000})
	title := "修改角色"
	if f.IsNew {
		title = "新增角色"
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "角色与权限", URL: "/roles"}, {Name: title}}, Data: f}
}

func (s *module) roleNew(w http.ResponseWriter, r *http.Request) {
	web.Render(w, r, http.StatusOK, "role_form", s.roleFormPage(r, roleForm{IsNew: true, Role: auth.RoleInput{Scope: "subtree"}}))
}

func (s *module) roleEdit(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	roles, err := s.Auth.FindRoles(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	for _, ro := range roles {
		if ro.ID == id {
			in := auth.RoleInput{Code: ro.Code, Name: ro.Name, Scope: ro.Scope, Permissions: ro.Permissions, OrgIDs: ro.OrgIDs, Version: ro.Version}
			web.Render(w, r, http.StatusOK, "role_form", s.roleFormPage(r, roleForm{ID: id, Role: in}))
			return
		}
	}
	web.Fail(w, r, web.ErrNotFound("角色"))
}

func roleFromForm(r *http.Request) auth.RoleInput {
	r.ParseForm()
	return auth.RoleInput{Code: web.FormStr(r, "code"), Name: web.FormStr(r, "name"), Scope: web.FormStr(r, "scope"),
		Permissions: formPerms(r), OrgIDs: web.FormIDs(r, "orgs"), Version: web.FormInt(r, "version")}
}

func (s *module) roleCreate(w http.ResponseWriter, r *http.Request) {
	in := roleFromForm(r)
	if _, err := s.Auth.SaveRole(r.Context(), web.ActorOf(r), 0, in); err != nil {
		web.FormError(w, r, "role_form", s.roleFormPage(r, roleForm{Role: in, IsNew: true}), err)
		return
	}
	web.Redirect(w, r, "/roles?saved=1")
}

func (s *module) roleUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	in := roleFromForm(r)
	if _, err := s.Auth.SaveRole(r.Context(), web.ActorOf(r), id, in); err != nil {
		web.FormError(w, r, "role_form", s.roleFormPage(r, roleForm{ID: id, Role: in}), err)
		return
	}
	web.Redirect(w, r, "/roles?saved=1")
}

// formPerms reads the checked permissions; unknown keys are left for
// auth's validation to refuse.
func formPerms(r *http.Request) []app.Perm {
	var out []app.Perm
	for _, p := range r.Form["permissions"] {
		out = append(out, app.Perm(p))
	}
	return out
}
