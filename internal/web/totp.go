package web

import (
	"net/http"

	"jiaoyan/internal/auth"
)

type totpData struct{ Secret, URI string }

func (s *Server) totpVerifyForm(w http.ResponseWriter, r *http.Request) {
	Render(w, r, http.StatusOK, "totp_verify", Page{Title: "双因素认证"})
}

func (s *Server) totpVerifySubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.VerifyTOTP(r.Context(), ActorOf(r), tokenOf(r), FormStr(r, "code")); err != nil {
		FormError(w, r, "totp_verify", Page{Title: "双因素认证"}, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// totpSetupForm explains the enrolment; the secret is made by a POST so
// that a page load never changes state.
func (s *Server) totpSetupForm(w http.ResponseWriter, r *http.Request) {
	Render(w, r, http.StatusOK, "totp_start", Page{Title: "绑定双因素认证"})
}

func (s *Server) totpBegin(w http.ResponseWriter, r *http.Request) {
	secret, err := s.Auth.BeginTOTP(r.Context(), ActorOf(r))
	if err != nil {
		Fail(w, r, err)
		return
	}
	Render(w, r, http.StatusOK, "totp_setup", Page{Title: "绑定双因素认证",
		Data: totpData{Secret: secret, URI: auth.TOTPURI("教研平台", ActorOf(r).Username, secret)}})
}

func (s *Server) totpSetupSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.ConfirmTOTP(r.Context(), ActorOf(r), tokenOf(r), FormStr(r, "code")); err != nil {
		FormError(w, r, "totp_start", Page{Title: "绑定双因素认证"}, err)
		return
	}
	http.Redirect(w, r, "/?saved=1", http.StatusSeeOther)
}
