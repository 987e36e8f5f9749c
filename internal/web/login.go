package web

import (
	"fmt"
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

type loginData struct {
	Username, Next        string
	Failures, LockMinutes int
}

func (s *Server) loginPage(r *http.Request, username string) Page {
	return Page{Title: "登录", Data: loginData{Username: username, Next: SafeNext(r.FormValue("next")),
		Failures: s.Auth.Policy.LockoutFailures, LockMinutes: int(s.Auth.Policy.LockoutDuration.Minutes())}}
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	Render(w, r, http.StatusOK, "login", s.loginPage(r, ""))
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	username := FormStr(r, "username")
	token, err := s.Auth.Login(r.Context(), username, r.FormValue("password"), s.clientIP(r), r.UserAgent())
	if err != nil {
		p := s.loginPage(r, username)
		p.Error = app.ErrorMessage(err)
		Render(w, r, StatusOf(app.ErrorCode(err)), "login", p)
		return
	}
	s.setSessionCookie(w, r, token, int(s.Auth.Policy.AbsoluteTimeout.Seconds()))
	http.Redirect(w, r, SafeNext(r.FormValue("next")), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.Logout(r.Context(), ActorOf(r), tokenOf(r)); err != nil {
		Fail(w, r, err)
		return
	}
	s.setSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	v, err := s.Health(r)
	if err != nil {
		http.Error(w, "数据库不可用", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"status":"ok","schema_version":%d}`, v) // errcheck: the client went away; nothing to tell it
}

type passwordData struct {
	Forced                      string
	MinLen, Classes, MaxAgeDays int
}

func (s *Server) passwordPage(r *http.Request) Page {
	sess, _ := r.Context().Value(sessionKey).(auth.Session)
	d := passwordData{MinLen: s.Auth.Policy.Rule.MinLen, Classes: s.Auth.Policy.Rule.Classes,
		MaxAgeDays: int(s.Auth.Policy.PasswordMaxAge.Hours() / 24)}
	if sess.Pending == auth.PendingPassword {
		d.Forced = "首次登录或密码已到期，请先修改密码再继续使用。"
	}
	return Page{Title: "修改密码", Crumbs: []Crumb{{Name: "修改密码"}}, Data: d}
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	Render(w, r, http.StatusOK, "password", s.passwordPage(r))
}

func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	if r.FormValue("new_password") != r.FormValue("confirm") {
		FormError(w, r, "password", s.passwordPage(r), app.Invalid("confirm", "两次输入的新密码不一致"))
		return
	}
	err := s.Auth.ChangePassword(r.Context(), ActorOf(r), tokenOf(r), r.FormValue("old_password"), r.FormValue("new_password"))
	if err != nil {
		FormError(w, r, "password", s.passwordPage(r), err)
		return
	}
	http.Redirect(w, r, "/?saved=1", http.StatusSeeOther)
}
