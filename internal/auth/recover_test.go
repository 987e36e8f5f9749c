package auth_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestAdminResetGeneratesAOneTimePassword: a county administrator resets a
// teacher of its county without typing a password; the teacher's session
// ends, the generated password signs in and must be changed, and the
// audit row does not hold it.
func TestAdminResetGeneratesAOneTimePassword(t *testing.T) {
	w := testutil.NewWorld(t)
	token, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.1", "ua")
	if err != nil {
		t.Fatal(err)
	}
	pw, err := w.Auth.ResetPasswordGenerated(ctx, w.CountyA, w.TeacherUserA.UserID)
	if err != nil || w.Auth.Policy.Rule.Check("teacher_a", pw) != nil {
		t.Fatalf("reset: %q %v", pw, err)
	}
	if _, _, err := w.Auth.Authenticate(ctx, token, "10.0.0.1", "ua"); app.ErrorCode(err) != app.EUNAUTH {
		t.Errorf("the teacher's session survived the reset: %v", err)
	}
	if _, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.1", "ua"); err == nil {
		t.Error("the old password still signs in")
	}
	token, err = w.Auth.Login(ctx, "teacher_a", pw, "10.0.0.1", "ua")
	if err != nil {
		t.Fatalf("the generated password does not sign in: %v", err)
	}
	if sess, _, _ := w.Auth.Authenticate(ctx, token, "10.0.0.1", "ua"); sess.Pending != auth.PendingPassword {
		t.Errorf("pending %q after a reset, want a forced change", sess.Pending)
	}
	rows := auditRows(t, w, "user.reset_password")
	if len(rows) != 1 || strings.Contains(rows[0], pw) {
		t.Errorf("reset audit rows %v", rows)
	}
}

// TestAdminResetRefusedOutsideScopeAndGrants: county A cannot reset a
// county-B teacher (not found) nor a peer county administrator (a role it
// may not grant), and nothing changes.
func TestAdminResetRefusedOutsideScopeAndGrants(t *testing.T) {
	w := testutil.NewWorld(t)
	tb := w.MustUser(t, w.TeacherB, "teacher_b", auth.RoleTeacher)
	if _, err := w.Auth.ResetPasswordGenerated(ctx, w.CountyA, tb.UserID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A reset a county-B teacher: %v", err)
	}
	if _, err := w.Auth.ResetPasswordGenerated(ctx, w.CityAdmin, w.CountyA.UserID); err != nil {
		t.Errorf("city admin may reset a county admin: %v", err)
	}
	if _, err := w.Auth.ResetPasswordGenerated(ctx, w.SchoolAdminA, w.CountyA.UserID); err == nil {
		t.Error("a school administrator reset its county administrator")
	}
	if _, err := w.Auth.ResetPasswordGenerated(ctx, w.CountyA, w.SchoolAdminA.UserID); err != nil {
		t.Errorf("county admin may reset a school admin of its county: %v", err)
	}
	peer := w.MustUser(t, w.MustPerson(t, org.Person{Name: "鹿城二管", OrgID: w.BureauA}), "county_a2", auth.RoleCountyAdmin)
	if _, err := w.Auth.ResetPasswordGenerated(ctx, w.CountyA, peer.UserID); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("county A reset a peer county administrator: %v", err)
	}
	if _, err := w.Auth.Login(ctx, "teacher_b", testutil.Password, "10.0.0.1", "ua"); err != nil {
		t.Errorf("teacher_b's password changed: %v", err)
	}
}

// TestCommandLineRecoversA三员Account: the security administrator cannot
// unlock or reset a system administrator, but the command line can: it
// resets the password (changed at next sign-in), unlocks, removes the
// second factor, ends the sessions, and is audited as the command line.
func TestCommandLineRecoversA三员Account(t *testing.T) {
	w := testutil.NewWorld(t)
	sys := w.MustUser(t, 0, "sys", auth.RoleSysAdmin)
	sec := w.MustUser(t, 0, "sec", auth.RoleSecAdmin)
	if err := w.Auth.Unlock(ctx, sec, sys.UserID); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("secadmin unlocked sysadmin: %v", err)
	}
	if err := w.DB.Exec(ctx, "UPDATE users SET locked_until = ?, failed_count = 3, totp_enabled = TRUE, totp_secret_enc = 'x' WHERE id = ?",
		time.Now().Add(time.Hour).UnixMilli(), sys.UserID); err != nil {
		t.Fatal(err)
	}
	done, err := w.Auth.Recover(ctx, "sys", auth.Recovery{Password: "Back#2026in", Unlock: true, TOTP: true})
	if err != nil || len(done) != 4 {
		t.Fatalf("recover: %v %v", done, err)
	}
	token, err := w.Auth.Login(ctx, "sys", "Back#2026in", "10.0.0.1", "ua")
	if err != nil {
		t.Fatalf("recovered account cannot sign in: %v", err)
	}
	if sess, _, _ := w.Auth.Authenticate(ctx, token, "10.0.0.1", "ua"); sess.Pending != auth.PendingTOTPSetup {
		t.Errorf("pending %q, want a new TOTP enrolment first", sess.Pending)
	}
	rows := auditRows(t, w, "user.recover")
	if len(rows) != 1 || !strings.Contains(rows[0], "命令行恢复账号 sys") || strings.Contains(rows[0], "Back#2026in") {
		t.Errorf("recover audit %v", rows)
	}
	if _, err := w.Auth.Recover(ctx, "sys", auth.Recovery{}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("recover without an action: %v", err)
	}
	if _, err := w.Auth.Recover(ctx, "nobody", auth.Recovery{Unlock: true}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("recover unknown account: %v", err)
	}
	if _, err := w.Auth.Recover(ctx, "sys", auth.Recovery{Password: "short"}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("recover with a weak password: %v", err)
	}
}

// TestPurgeSessionsDeletesOnlyExpiredOnes: an idle session and one past
// the absolute timeout go; a fresh one stays and still works.
func TestPurgeSessionsDeletesOnlyExpiredOnes(t *testing.T) {
	w := testutil.NewWorld(t)
	now := time.Now()
	w.Auth.Login(ctx, "county_a", testutil.Password, "10.0.0.1", "ua")
	w.Auth.Login(ctx, "school_a", testutil.Password, "10.0.0.1", "ua")
	w.DB.Exec(ctx, "UPDATE sessions SET seen_at = ? WHERE user_id = ?", now.Add(-31*time.Minute).UnixMilli(), w.CountyA.UserID)
	w.DB.Exec(ctx, "UPDATE sessions SET created_at = ? WHERE user_id = ?", now.Add(-13*time.Hour).UnixMilli(), w.SchoolAdminA.UserID)
	stale := sessionCount(t, w, "user_id IN (?, ?)", w.CountyA.UserID, w.SchoolAdminA.UserID)
	fresh, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.1", "ua")
	if err != nil {
		t.Fatal(err)
	}
	before := sessionCount(t, w, "1=1")
	n, err := w.Auth.PurgeSessions(ctx)
	if err != nil || n != stale || stale < 4 {
		t.Fatalf("purged %d (%v), want the %d stale ones", n, err, stale)
	}
	if got := sessionCount(t, w, "1=1"); got != before-stale {
		t.Errorf("%d sessions left, want %d", got, before-stale)
	}
	if _, _, err := w.Auth.Authenticate(ctx, fresh, "10.0.0.1", "ua"); err != nil {
		t.Errorf("a fresh session was purged: %v", err)
	}
}

func sessionCount(t *testing.T, w *testutil.World, where string, args ...any) int {
	n, err := db.ReadValue(ctx, w.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, "SELECT COUNT(*) FROM sessions WHERE "+where, args...)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
