package web

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
)

type accountListData struct {
	Users []auth.User
	Pager pager
}

func (s *Server) accountList(w http.ResponseWriter, r *http.Request) {
	offset, page := pageOf(r)
	users, total, err := s.Auth.FindUsers(r.Context(), actorOf(r), auth.UserFilter{Text: r.URL.Query().Get("q"), Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account_list", pageData("账号", accountListData{users, newPager(r.URL.Query(), page, total)}))
}

type accountData struct {
	User  auth.User
	Roles []auth.Role
}

func (s *Server) accountDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var d accountData
	if err == nil {
		d.User, err = s.Auth.FindUserByID(r.Context(), actorOf(r), id)
	}
	if err == nil {
		d.Roles, err = s.Auth.FindRoles(r.Context(), actorOf(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account_detail", page{Title: "账号 " + d.User.Username,
		Crumbs: []crumb{{"账号", "/accounts"}, {Name: d.User.Username}}, Data: d})
}

// accountAction runs one account operation from the detail page and shows
// the page again, with the result or the error.
func (s *Server) accountAction(w http.ResponseWriter, r *http.Request, do func(app.Actor, int64) error) {
	id, err := pathID(r)
	if err == nil {
		err = do(actorOf(r), id)
	}
	if err != nil {
		if c := app.ErrorCode(err); c == app.EINVALID || c == app.EFORBIDDEN && id != 0 {
			s.render(w, r, statusOf(c), "error", page{Title: "操作未完成", Error: app.ErrorMessage(err)})
			return
		}
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/accounts/"+itoa64(id)+"?saved=1")
}

func (s *Server) accountRoles(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	s.accountAction(w, r, func(a app.Actor, id int64) error { return s.Auth.SetRoles(r.Context(), a, id, r.Form["roles"]) })
}

func (s *Server) accountReset(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error {
		return s.Auth.ResetPassword(r.Context(), a, id, r.FormValue("password"))
	})
}

func (s *Server) accountUnlock(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error { return s.Auth.Unlock(r.Context(), a, id) })
}

func (s *Server) accountActive(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error {
		return s.Auth.SetActive(r.Context(), a, id, formBool(r, "active"))
	})
}

func (s *Server) accountTOTPReset(w http.ResponseWriter, r *http.Request) {
	s.accountAction(w, r, func(a app.Actor, id int64) error { return s.Auth.ResetTOTP(r.Context(), a, id) })
}

type accountForm struct {
	Person   org.Person
	Roles    []auth.Role
	Username string
	Chosen   []string
}

func (s *Server) accountFormPage(r *http.Request, f accountForm) (page, error) {
	id, err := pathID(r)
	if err == nil {
		f.Person, err = s.Org.FindPersonByID(r.Context(), actorOf(r), id)
	}
	if err == nil {
		f.Roles, err = s.Auth.FindRoles(r.Context(), actorOf(r))
	}
	return page{Title: "开通账号", Crumbs: []crumb{{"人员", "/people"}, {f.Person.Name, "/people/" + itoa64(id)}, {Name: "开通账号"}}, Data: f}, err
}

func (s *Server) accountNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.accountFormPage(r, accountForm{Chosen: []string{auth.RoleTeacher}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account_form", p)
}

func (s *Server) accountCreate(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f := accountForm{Username: formStr(r, "username"), Chosen: r.Form["roles"]}
	p, err := s.accountFormPage(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := s.Auth.CreateAccount(r.Context(), actorOf(r), auth.AccountInput{PersonID: p.Data.(accountForm).Person.ID,
		Username: f.Username, Password: r.FormValue("password"), Roles: f.Chosen})
	if err != nil {
		if app.ErrorCode(err) == app.EFORBIDDEN {
			err = app.Invalid("roles", "%s", app.ErrorMessage(err))
		}
		s.formError(w, r, "account_form", p, err)
		return
	}
	redirect(w, r, "/accounts/"+itoa64(id)+"?saved=1")
}
