package web

import (
	"encoding/base64"
	"html/template"
	"net/http"

	"rsc.io/qr"

	"jiaoyan/internal/auth"
)

type totpData struct {
	Secret, URI string
	QR          template.URL // data:image/png;base64,… of URI; empty if it could not be drawn
}

// QRPNG draws text as a QR code PNG (error correction level M, 8 pixels per
// module, 4-module quiet zone), the image an authenticator app scans.
func QRPNG(text string) ([]byte, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, err
	}
	return c.PNG(), nil
}

// qrDataURI is QRPNG as a data: address for an <img> (the CSP allows
// img-src data:), or "" when the text cannot be drawn.
func qrDataURI(text string) template.URL {
	png, err := QRPNG(text)
	if err != nil {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}

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
	uri := auth.TOTPURI("教研平台", ActorOf(r).Username, secret)
	Render(w, r, http.StatusOK, "totp_setup", Page{Title: "绑定双因素认证",
		Data: totpData{Secret: secret, URI: uri, QR: qrDataURI(uri)}})
}

func (s *Server) totpSetupSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.ConfirmTOTP(r.Context(), ActorOf(r), tokenOf(r), FormStr(r, "code")); err != nil {
		FormError(w, r, "totp_start", Page{Title: "绑定双因素认证"}, err)
		return
	}
	http.Redirect(w, r, "/?saved=1", http.StatusSeeOther)
}
