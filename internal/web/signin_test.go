package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/web/webtest"
)

// TestAdminTOTPFlowOverHTTP enrols an administrator's authenticator and
// signs in with a code; each of the three steps writes one audit row.
func TestAdminTOTPFlowOverHTTP(t *testing.T) {
	s := webtest.New(t)
	s.Auth.Policy.RequireAdminTOTP = true
	s.Admin(t, "sys", auth.RoleSysAdmin)
	c := s.As("sys")
	if res, _ := c.Get("/"); res.Header.Get("Location") != "/account/totp" {
		t.Fatalf("admin without TOTP not sent to enrolment: %s", res.Header.Get("Location"))
	}
	n := s.AuditCount()
	_, body := c.Post("/account/totp/begin", nil)
	m := regexp.MustCompile(`id="totp-secret" class="secret">([A-Z2-7]+)<`).FindStringSubmatch(body)
	if m == nil || s.AuditCount() != n+1 {
		t.Fatalf("no secret shown or not audited: %s", body)
	}
	step := auth.TOTPStep(time.Now())
	code, _ := auth.TOTPCode(m[1], step)
	if res, body := c.Post("/account/totp", url.Values{"code": {code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", res.StatusCode, body)
	}
	c2 := s.As("sys")
	if res, _ := c2.Get("/people"); res.Header.Get("Location") != "/login/totp" {
		t.Fatalf("second sign-in skipped the code: %s", res.Header.Get("Location"))
	}
	n = s.AuditCount()
	next, _ := auth.TOTPCode(m[1], step+1)
	if res, body := c2.Post("/login/totp", url.Values{"code": {next}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("verify: %d %s", res.StatusCode, body)
	}
	if s.AuditCount() != n+1 {
		t.Fatal("code verification not audited")
	}
	if res, _ := c2.Get("/people"); res.StatusCode != http.StatusOK {
		t.Fatalf("after code: %d", res.StatusCode)
	}
}

func TestHealthzReportsSchemaVersion(t *testing.T) {
	s := webtest.New(t)
	res, body := s.Anon().Get("/healthz")
	if res.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`"schema_version":%d`, db.LatestVersion(s.DB.Dialect))) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
}

func TestHomeShortcutsFollowRole(t *testing.T) {
	s := webtest.New(t)
	_, body := s.As("teacher_a").Get("/")
	if !strings.Contains(body, fmt.Sprintf(`href="/people/%d"`, s.TeacherA)) || strings.Contains(body, `href="/my/visit"`) {
		t.Fatal("a teacher's home should link their own record and no researcher pages")
	}
	if _, body := s.As("county_a").Get("/"); !strings.Contains(body, `href="/liaison/dashboard"`) {
		t.Fatal("a county admin's home lacks the dashboard shortcut")
	}
}
