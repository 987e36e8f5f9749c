package reviewweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// The pool manager looks after an outside expert's account day to day: a
// lost password is reset from the expert page (shown once, the old one and
// its sessions stop working, a change is forced, one audit row); another
// county cannot reset it; and when the expert leaves the pool the account
// is disabled at once, its session ends, and it cannot be reset again.
func TestPoolManagerResetsAndRetiresAnOutsideAccount(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewOutsideFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageAssigned)
	expert := fmt.Sprintf("/experts/%d", f.Expert)
	c := s.As("county_a")
	if _, body := c.Get(expert); !strings.Contains(body, `action="`+expert+`/account/reset"`) {
		t.Fatal("the expert page offers no 重置密码")
	}

	old := webtest.NewClient(t, s.URL)
	if res, _ := old.Post("/login", url.Values{"username": {f.ExpertUser}, "password": {testutil.Password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in before the reset: %d", res.StatusCode)
	}
	if res, _ := s.As("county_b").Post(expert+"/account/reset", nil); res.StatusCode != 404 && res.StatusCode != 403 {
		t.Fatalf("county B reset county A's expert: %d", res.StatusCode)
	}
	audits := s.AuditCount()
	res, body := c.Post(expert+"/account/reset", nil)
	m := oneTimePassword.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil || res.Header.Get("Cache-Control") != "no-store" || !strings.Contains(body, "下次登录须修改密码") ||
		!strings.Contains(body, f.ExpertUser) {
		t.Fatalf("reset page: %d\n%s", res.StatusCode, body)
	}
	if n := s.AuditCount() - audits; n != 1 {
		t.Fatalf("the reset wrote %d audit rows, want 1", n)
	}
	if res, _ := old.Get("/reviews"); res.StatusCode == 200 {
		t.Fatal("the session from before the reset still works")
	}
	e := webtest.NewClient(t, s.URL)
	if res, _ := e.Post("/login", url.Values{"username": {f.ExpertUser}, "password": {testutil.Password}}); res.StatusCode == http.StatusSeeOther {
		t.Fatal("the old password still signs in")
	}
	if res, _ := e.Post("/login", url.Values{"username": {f.ExpertUser}, "password": {m[1]}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in with the new password: %d", res.StatusCode)
	}
	if res, _ := e.Get("/reviews"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/password" {
		t.Fatalf("the reset does not force a change: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = e.Post("/account/password", url.Values{"old_password": {m[1]}, "new_password": {"Wzu#2026zhou"}, "confirm": {"Wzu#2026zhou"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d", res.StatusCode)
	}
	if res, _ := e.Get("/reviews"); res.StatusCode != 200 {
		t.Fatalf("/reviews after the change: %d", res.StatusCode)
	}

	if res, _ := c.Post(expert+"/leave", url.Values{"reason": {"聘期届满"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("leave: %d", res.StatusCode)
	}
	if res, _ := e.Get("/reviews"); res.StatusCode == 200 {
		t.Fatal("the expert's session survives leaving the pool")
	}
	again := webtest.NewClient(t, s.URL)
	if res, _ := again.Post("/login", url.Values{"username": {f.ExpertUser}, "password": {"Wzu#2026zhou"}}); res.StatusCode == http.StatusSeeOther {
		t.Fatal("an expert who left the pool still signs in")
	}
	if _, body := c.Post(expert+"/account/reset", nil); oneTimePassword.MatchString(body) {
		t.Fatal("the account of an expert who left the pool was reset")
	}
	var summary string
	if err := s.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT summary FROM audit_log WHERE action = 'expert.leave' ORDER BY seq DESC LIMIT 1").Scan(&summary)
	}); err != nil || !strings.Contains(summary, "其外部专家账号已停用") {
		t.Fatalf("the leave audit row does not say the account was disabled: %q %v", summary, err)
	}
}
