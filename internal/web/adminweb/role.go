package adminweb

import (
	"net/http"
	"slices"

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

// Has reports whether the edited role holds p, to tick its box.
func (f roleForm) Has(p app.Perm) bool { return slices.Contains(f.Role.Permissions, p) }

func (s *module) roleFormPage(r *http.Request, f roleForm) (web.Page, error) {
	var err error
	if f.Orgs, _, err = s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{Limit: 5000}); err != nil {
		return web.Page{}, err
	}
	title := "修改角色"
	if f.IsNew {
		title = "新增角色"
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "角色与权限", URL: "/roles"}, {Name: title}}, Data: f}, nil
}

func (s *module) roleNew(w http.ResponseWriter, r *http.Request) {
	page, perr := s.roleFormPage(r, roleForm{IsNew: true, Role: auth.RoleInput{Scope: "subtree"}})
	web.RenderForm(w, r, "role_form", page, perr)
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
			page, perr := s.roleFormPage(r, roleForm{ID: id, Role: in})
			web.RenderForm(w, r, "role_form", page, perr)
			return
		}
	}
	web.Fail(w, r, web.ErrNotFound("角色"))
}

func roleFromForm(r *http.Request) auth.RoleInput {
	return auth.RoleInput{Code: web.FormStr(r, "code"), Name: web.FormStr(r, "name"), Scope: web.FormStr(r, "scope"),
		Permissions: formPerms(r), OrgIDs: web.FormIDs(r, "orgs"), Version: web.FormInt(r, "version")}
}

func (s *module) roleCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	in := roleFromForm(r)
	if _, err := s.Auth.SaveRole(r.Context(), web.ActorOf(r), 0, in); err != nil {
		page, perr := s.roleFormPage(r, roleForm{Role: in, IsNew: true})
		web.FormRetry(w, r, "role_form", page, perr, err)
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
	if !web.ParseForm(w, r) {
		return
	}
	in := roleFromForm(r)
	if _, err := s.Auth.SaveRole(r.Context(), web.ActorOf(r), id, in); err != nil {
		page, perr := s.roleFormPage(r, roleForm{ID: id, Role: in})
		web.FormRetry(w, r, "role_form", page, perr, err)
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
