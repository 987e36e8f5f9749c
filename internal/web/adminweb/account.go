package adminweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type accountListData struct {
	Users []auth.User
	Pager web.Pager
}

func (s *module) accountList(w http.ResponseWriter, r *http.Request) {
	offset, page := web.PageOf(r)
	users, total, err := s.Auth.FindUsers(r.Context(), web.ActorOf(r), auth.UserFilter{Text: r.URL.Query().Get("q"), Offset: offset})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "account_list", web.PageData("账号", accountListData{users, web.NewPager(r.URL.Query(), page, total)}))
}

type accountData struct {
	User      auth.User
	Roles     []auth.Role
	Grantable map[string]bool // role codes the signed-in user may grant
}

// grantable maps the codes of roles that actor may grant.
func grantable(actor app.Actor, roles []auth.Role) map[string]bool {
	out := map[string]bool{}
	for _, r := range roles {
		out[r.Code] = auth.CanGrant(actor, r)
	}
	return out
}

func (s *module) accountDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	var d accountData
	if err == nil {
		d.User, err = s.Auth.FindUserByID(r.Context(), web.ActorOf(r), id)
	}
	if err == nil {
		d.Roles, err = s.Auth.FindRoles(r.Context(), web.ActorOf(r))
		d.Grantable = grantable(web.ActorOf(r), d.Roles)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "account_detail", web.Page{Title: "账号 " + d.User.Username,
		Crumbs: []web.Crumb{{Name: "账号", URL: "/accounts"}, {Name: d.User.Username}}, Data: d})
}

// accountAction runs one account operation from the detail page and shows
// the page again, with the result or the error.
func (s *module) accountAction(w http.ResponseWriter, r *http.Request, do func(app.Actor, int64) error) {
	id, err := web.PathID(r)
	if err == nil {
		err = do(web.ActorOf(r), id)
	}
	if err != nil {
		if c := app.ErrorCode(err); c == app.EINVALID || c == app.EFORBIDDEN && id != 0 {
			web.Render(w, r, web.StatusOf(c), "error", web.Page{Title: "操作未完成", Error: app.ErrorMessage(err)})
			return
		}
		web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/accounts/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) accountRoles(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	s.accountAction(w, r, func(a app.Actor, id int64) error { return s.Auth.SetRoles(r.Context(), a, id, r.Form["roles"]) })
}

// accountReset sets the password the administrator typed, or, when the
// box is left empty, a generated one-time password that this response
// alone shows (see accountResetGenerated).
func (s *module) accountReset(w http.ResponseWriter, r *http.Request) {
	if r.FormValue("password") == "" {
		s.accountResetGenerated(w, r)
		return
	}
	s.accountAction(w, r, func(a app.Actor, id int64) error {
		return s.Auth.ResetPassword(r.Context(), a, id, r.FormValue("password"))
	})
}

type resetData struct {
	User     auth.User
	Password string
	LoginURL string
}

// accountResetGenerated answers with the generated password once; the
// page is not cached and the password is stored nowhere.
func (s *module) accountResetGenerated(w http.ResponseWriter, r *http.Request) {
	var d resetData
	id, err := web.PathID(r)
	if err == nil {
		d.Password, err = s.Auth.ResetPasswordGenerated(r.Context(), web.ActorOf(r), id)
	}
	if err == nil {
		d.User, err = s.Auth.FindUserByID(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		s.accountAction(w, r, func(app.Actor, int64) error { return err })
		return
	}
	d.LoginURL = loginURL(r)
	web.Render(w, r, http.StatusOK, "account_reset_done", web.Page{Title: "密码已重置", Crumbs: []web.Crumb{{Name: "账号", URL: "/accounts"},
		{Name: d.User.Username, URL: "/accounts/" + web.Itoa64(id)}, {Name: "密码已重置"}}, Data: d})
}

func (s *module) accountUnlock(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error { return s.Auth.Unlock(r.Context(), a, id) })
}

func (s *module) accountActive(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error {
		return s.Auth.SetActive(r.Context(), a, id, web.FormBool(r, "active"))
	})
}

func (s *module) accountTOTPReset(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error { return s.Auth.ResetTOTP(r.Context(), a, id) })
}

type accountForm struct {
	Person    org.Person
	Roles     []auth.Role
	Grantable map[string]bool
	Username  string
	Chosen    []string
}

func (s *module) accountFormPage(r *http.Request, f accountForm) (web.Page, error) {
	id, err := web.PathID(r)
	if err == nil {
		f.Person, err = s.Org.FindPersonByID(r.Context(), web.ActorOf(r), id)
	}
	if err == nil {
		f.Roles, err = s.Auth.FindRoles(r.Context(), web.ActorOf(r))
		f.Grantable = grantable(web.ActorOf(r), f.Roles)
	}
	return web.Page{Title: "开通账号", Crumbs: []web.Crumb{{Name: "人员", URL: "/people"}, {Name: f.Person.Name, URL: "/people/" + web.Itoa64(id)}, {Name: "开通账号"}}, Data: f}, err
}

func (s *module) accountNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.accountFormPage(r, accountForm{Chosen: []string{auth.RoleTeacher}})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "account_form", p)
}

func (s *module) accountCreate(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f := accountForm{Username: web.FormStr(r, "username"), Chosen: r.Form["roles"]}
	p, err := s.accountFormPage(r, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	id, err := s.Auth.CreateAccount(r.Context(), web.ActorOf(r), auth.AccountInput{PersonID: p.Data.(accountForm).Person.ID,
		Username: f.Username, Password: r.FormValue("password"), Roles: f.Chosen})
	if err != nil {
		if app.ErrorCode(err) == app.EFORBIDDEN {
			err = app.Invalid("roles", "%s", app.ErrorMessage(err))
		}
		web.FormError(w, r, "account_form", p, err)
		return
	}
	web.Redirect(w, r, "/accounts/"+web.Itoa64(id)+"?saved=1")
}
