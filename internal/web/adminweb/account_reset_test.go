package adminweb_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

var oneTimeRE = regexp.MustCompile(`id="one-time-password" class="secret">([^<]+)<`)

// TestAdminResetShowsAOneTimePasswordOnce: a county administrator resets a
// teacher's password leaving the box empty; the answer shows a generated
// password once; the teacher's open session ends; the new password signs
// in to a forced change; the account page does not show it again.
func TestAdminResetShowsAOneTimePasswordOnce(t *testing.T) {
	s := webtest.New(t)
	teacher := s.As("teacher_a")
	c := s.As("county_a")
	id := s.UserID("teacher_a")
	n := s.AuditCount()
	res, body := c.Post("/accounts/"+id+"/reset", url.Values{"password": {""}})
	m := oneTimeRE.FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("reset: %d\n%s", res.StatusCode, body)
	}
	pw := html.UnescapeString(m[1])
	if s.AuditCount() != n+1 {
		t.Errorf("reset wrote %d audit rows, want 1", s.AuditCount()-n)
	}
	if res, _ := teacher.Get("/"); !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("the teacher's session survived the reset: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if where := signIn(t, s, "teacher_a", pw); where != "/account/password" {
		t.Errorf("after a reset the teacher goes to %q, want the forced password change", where)
	}
	if _, again := c.Get("/accounts/" + id); strings.Contains(again, html.EscapeString(pw)) {
		t.Error("the account page shows the one-time password again")
	}
}

// TestAdminResetRefusedOutsideScopeOrGrants: county A may not reset a
// county-B teacher (404) or a peer county administrator (refused), a school
// administrator not its county's administrator (out of scope); the
// security administrator may not reset a 三员 account; nothing changes.
func TestAdminResetRefusedOutsideScopeOrGrants(t *testing.T) {
	s := webtest.New(t)
	web.TestUser(t, s.World, s.TeacherB, "teacher_b", auth.RoleTeacher)
	peer := s.MustPerson(t, org.Person{Name: "鹿城二管", OrgID: s.BureauA})
	web.TestUser(t, s.World, peer, "county_a2", auth.RoleCountyAdmin)
	s.Admin(t, "sys", auth.RoleSysAdmin)
	s.Admin(t, "sec", auth.RoleSecAdmin)
	cases := []struct {
		by, target string
		status     int
	}{
		{"county_a", "teacher_b", http.StatusNotFound},
		{"county_a", "county_a2", http.StatusForbidden},
		{"school_a", "county_a", http.StatusNotFound},
		{"sec", "sys", http.StatusForbidden},
	}
	for _, tc := range cases {
		res, body := s.As(tc.by).Post("/accounts/"+s.UserID(tc.target)+"/reset", url.Values{"password": {""}})
		if res.StatusCode != tc.status || oneTimeRE.MatchString(body) {
			t.Errorf("%s resetting %s: %d, want %d", tc.by, tc.target, res.StatusCode, tc.status)
		}
		if where := signIn(t, s, tc.target, testutil.Password); where == "/login" {
			t.Errorf("%s's password changed", tc.target)
		}
	}
}

// TestRolePagesNameTheNoticePermission: the role list names 发布通知公告与查看回执
// among the built-in administrators' permissions.
func TestRolePagesNameTheNoticePermission(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "sec", auth.RoleSecAdmin)
	_, body := s.As("sec").Get("/roles")
	if !strings.Contains(body, "发布通知公告与查看回执") {
		t.Errorf("the role list does not name the notice permission:\n%s", body)
	}
}

// TestRoleFormTicksTheRolesPermissions: editing the built-in county
// administrator shows its permissions ticked, 发布通知公告 among them.
func TestRoleFormTicksTheRolesPermissions(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "sec", auth.RoleSecAdmin)
	res, body := s.As("sec").Get("/roles/5/edit")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `value="notice.publish" checked`) {
		t.Errorf("role form %d does not tick the county administrator's notice permission:\n%s", res.StatusCode, body)
	}
}
