package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

var pathVar = regexp.MustCompile(`\{[a-z_]+\}`)

// fillAny puts "1" into every {name} of a route pattern.
func fillAny(pattern string) string {
	return pathVar.ReplaceAllString(strings.TrimSuffix(pattern, "{$}"), "1")
}

// withTOTP gives username an enrolled authenticator and returns its secret.
func withTOTP(t *testing.T, s *webtest.Site, username string) string {
	secret := auth.NewTOTPSecret()
	if err := s.DB.Exec(context.Background(), "UPDATE users SET totp_enabled = TRUE, totp_secret_enc = ? WHERE username = ?",
		s.Keys.Encrypt(secret), username); err != nil {
		t.Fatal(err)
	}
	return secret
}

// walkPending sends every route of the site from c, whose session is at a
// pending step: only the routes in allowed (and sign-out) may run; every
// other one must send the browser to page and change nothing.
func walkPending(t *testing.T, s *webtest.Site, c *webtest.Client, page string, allowed []string) {
	t.Helper()
	for _, rt := range s.Server.Routes() {
		key := rt.Method + " " + rt.Pattern
		if rt.Public || rt.Pattern == "/logout" || slices.Contains(allowed, key) {
			continue
		}
		n := s.AuditCount()
		var res *http.Response
		if rt.Method == "GET" {
			res, _ = c.Get(fillAny(rt.Pattern))
		} else {
			res, _ = c.Post(fillAny(rt.Pattern), url.Values{"old_password": {testutil.Password}, "new_password": {"Evil#2026pw"},
				"confirm": {"Evil#2026pw"}, "code": {"123456"}, "roles": {"teacher"}})
		}
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page {
			t.Errorf("%s while %s is pending: %d → %q", key, page, res.StatusCode, res.Header.Get("Location"))
		}
		if s.AuditCount() != n {
			t.Errorf("%s while %s is pending changed something", key, page)
		}
	}
}

// TestCodePendingSessionReachesOnlyTheCodePage replays finding 3: with the
// password alone, POST /account/password and every other route is refused
// until the code is entered.
func TestCodePendingSessionReachesOnlyTheCodePage(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "sys", auth.RoleSysAdmin)
	secret := withTOTP(t, s, "sys")
	c := s.As("sys")
	walkPending(t, s, c, "/login/totp", []string{"GET /login/totp", "POST /login/totp"})
	if _, err := s.Auth.Login(context.Background(), "sys", testutil.Password, "10.9.9.9", "ua"); err != nil {
		t.Fatalf("owner's password changed by a half-signed-in session: %v", err)
	}
	code, _ := auth.TOTPCode(secret, auth.TOTPStep(time.Now()))
	if res, body := c.Post("/login/totp", url.Values{"code": {code}}); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("right code: %d %s", res.StatusCode, body)
	}
	if res, _ := c.Get("/accounts"); res.StatusCode != http.StatusOK {
		t.Fatalf("after the code: %d", res.StatusCode)
	}
}

func TestEnrolmentPendingSessionReachesOnlyEnrolment(t *testing.T) {
	s := webtest.New(t)
	s.Auth.Policy.RequireAdminTOTP = true
	s.Admin(t, "sys", auth.RoleSysAdmin)
	s.DB.Exec(context.Background(), "UPDATE users SET must_change = TRUE WHERE username = 'sys'")
	c := s.As("sys")
	walkPending(t, s, c, "/account/totp", []string{"GET /account/totp", "POST /account/totp/begin", "POST /account/totp"})
}

func TestPasswordPendingSessionReachesOnlyThePasswordPage(t *testing.T) {
	s := webtest.New(t)
	s.DB.Exec(context.Background(), "UPDATE users SET must_change = TRUE WHERE username = 'county_a'")
	c := s.As("county_a")
	walkPending(t, s, c, "/account/password", []string{"GET /account/password", "POST /account/password"})
}

// TestWrongCodesLockOverHTTP: the 5th wrong code locks the account, a right
// code is refused afterwards, and each failure is in the audit log.
func TestWrongCodesLockOverHTTP(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "sys", auth.RoleSysAdmin)
	secret := withTOTP(t, s, "sys")
	c := s.As("sys")
	var body string
	for i := 0; i < 5; i++ {
		_, body = c.Post("/login/totp", url.Values{"code": {"000000"}})
	}
	if !strings.Contains(body, "已锁定") {
		t.Fatalf("5th wrong code: %s", body)
	}
	code, _ := auth.TOTPCode(secret, auth.TOTPStep(time.Now()))
	if res, _ := c.Post("/login/totp", url.Values{"code": {code}}); res.Header.Get("Location") == "/" {
		t.Fatal("right code accepted after the lockout")
	}
	if res, _ := c.Get("/accounts"); res.StatusCode == http.StatusOK {
		t.Fatal("locked session still works")
	}
	c2 := s.Anon()
	if _, body := c2.Post("/login", url.Values{"username": {"sys"}, "password": {testutil.Password}}); !strings.Contains(body, "已锁定") {
		t.Fatalf("sign-in while locked: %s", body)
	}
	var n int
	s.DB.Read(context.Background(), func(tx *db.Tx) error {
		n, _ = tx.Count(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.totp_failed'")
		return nil
	})
	if n < 5 {
		t.Fatalf("%d second-factor failures audited, want at least 5", n)
	}
}

var flashErr = regexp.MustCompile(`<div class="flash err" role="alert">([^<]*)</div>`)

// TestSignInAnswersAlikeForUnknownNames replays finding 6 over HTTP.
func TestSignInAnswersAlikeForUnknownNames(t *testing.T) {
	s := webtest.New(t)
	real, none := s.Anon(), s.Anon()
	for i := 1; i <= 7; i++ {
		r1, b1 := real.Post("/login", url.Values{"username": {"teacher_a"}, "password": {"Wrong#2026x"}})
		r2, b2 := none.Post("/login", url.Values{"username": {"teacher_zz"}, "password": {"Wrong#2026x"}})
		m1, m2 := flashErr.FindStringSubmatch(b1), flashErr.FindStringSubmatch(b2)
		if m1 == nil || m2 == nil || r1.StatusCode != r2.StatusCode || m1[1] != m2[1] {
			t.Fatalf("attempt %d: real %d %v, unknown %d %v", i, r1.StatusCode, m1, r2.StatusCode, m2)
		}
	}
}
