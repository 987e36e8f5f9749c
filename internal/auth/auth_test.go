package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

func TestFiveFailuresLockTheAccount(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := 1; i <= 5; i++ {
		_, err := w.Auth.Login(ctx, "teacher_a", "wrong-Password1", "10.0.0.9", "ua")
		if err == nil {
			t.Fatal("wrong password accepted")
		}
		if i == 4 && !strings.Contains(app.ErrorMessage(err), "再错 1 次") {
			t.Errorf("4th failure message: %s", app.ErrorMessage(err))
		}
	}
	_, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.9", "ua")
	if err == nil || !strings.Contains(app.ErrorMessage(err), "已锁定") {
		t.Fatalf("right password during lockout: %v", err)
	}
	w.Auth.Now = func() time.Time { return time.Now().Add(31 * time.Minute) }
	if _, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.9", "ua"); err != nil {
		t.Fatalf("after 31 minutes: %v", err)
	}
}

func TestPerAddressLimit(t *testing.T) {
	w := testutil.NewWorld(t)
	w.Auth.Policy.IPFailures = 3
	for i := 0; i < 3; i++ {
		w.Auth.Login(ctx, "nobody"+string(rune('a'+i)), "x", "10.0.0.7", "ua")
	}
	_, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.7", "ua")
	if err == nil || !strings.Contains(app.ErrorMessage(err), "网络地址") {
		t.Fatalf("limited address signed in: %v", err)
	}
	if _, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.0.8", "ua"); err != nil {
		t.Fatalf("other address refused: %v", err)
	}
}

func TestSessionStepsIdleTimeoutAndLogout(t *testing.T) {
	w := testutil.NewWorld(t)
	tok, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "1.1.1.1", "ua")
	if err != nil {
		t.Fatal(err)
	}
	sess, actor, err := w.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua")
	if err != nil || sess.Pending != auth.PendingPassword {
		t.Fatalf("first sign-in must force a password change: %+v %v", sess, err)
	}
	if err := w.Auth.ChangePassword(ctx, actor, tok, testutil.Password, "Jiaoyan@2026x"); err != nil {
		t.Fatal(err)
	}
	if sess, _, _ = w.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua"); sess.Pending != auth.PendingNone {
		t.Fatalf("pending after change: %q", sess.Pending)
	}
	if err := w.Auth.ChangePassword(ctx, actor, tok, "Jiaoyan@2026x", testutil.Password); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("reused a recent password: %v", err)
	}
	w.Auth.Now = func() time.Time { return time.Now().Add(31 * time.Minute) }
	if _, _, err := w.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua"); app.ErrorCode(err) != app.EUNAUTH {
		t.Fatalf("idle session still valid: %v", err)
	}
	w.Auth.Now = nil
	tok2, _ := w.Auth.Login(ctx, "teacher_a", "Jiaoyan@2026x", "1.1.1.1", "ua")
	if tok2 == tok {
		t.Fatal("token reused across sign-ins")
	}
	_, a2, _ := w.Auth.Authenticate(ctx, tok2, "1.1.1.1", "ua")
	w.Auth.Logout(ctx, a2, tok2)
	if _, _, err := w.Auth.Authenticate(ctx, tok2, "1.1.1.1", "ua"); err == nil {
		t.Fatal("session valid after logout")
	}
}

func TestPasswordRule(t *testing.T) {
	r := auth.PasswordRule{MinLen: 8, Classes: 3}
	bad := []string{"Ab1!", "abcdefgh1", "Password1!", "Zhang@2026zhang", "Qwertyuiop1", "Abc12345"}
	for _, pw := range bad {
		if r.Check("zhang", pw) == nil {
			t.Errorf("%q accepted", pw)
		}
	}
	if err := r.Check("zhang", "Wz#7kLp2q"); err != nil {
		t.Errorf("good password refused: %v", err)
	}
}

func TestAdminNeedsTOTPAndCodesAreSingleUse(t *testing.T) {
	w := testutil.NewEnv(t)
	if _, err := w.Auth.CreateAdmin(ctx, "root", testutil.Password, auth.RoleSysAdmin); err != nil {
		t.Fatal(err)
	}
	tok, _ := w.Auth.Login(ctx, "root", testutil.Password, "1.1.1.1", "ua")
	sess, actor, _ := w.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua")
	if sess.Pending != auth.PendingTOTPSetup {
		t.Fatalf("admin without TOTP: pending %q, want enrolment before the password change", sess.Pending)
	}
	secret, err := w.Auth.BeginTOTP(ctx, actor)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Auth.ConfirmTOTP(ctx, actor, tok, "000000"); err == nil {
		t.Fatal("wrong code accepted")
	}
	code, _ := auth.TOTPCode(secret, auth.TOTPStep(time.Now()))
	if err := w.Auth.ConfirmTOTP(ctx, actor, tok, code); err != nil {
		t.Fatal(err)
	}
	if sess, _, _ = w.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua"); sess.Pending != auth.PendingPassword {
		t.Fatalf("after enrolment pending %q, want the forced password change", sess.Pending)
	}
	if err := w.Auth.ChangePassword(ctx, actor, tok, testutil.Password, "Adm#2026pass"); err != nil {
		t.Fatal(err)
	}
	if sess, _, _ = w.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua"); sess.Pending != auth.PendingNone {
		t.Fatalf("after the password change pending %q", sess.Pending)
	}
	tok2, _ := w.Auth.Login(ctx, "root", "Adm#2026pass", "1.1.1.1", "ua")
	if sess, _, _ = w.Auth.Authenticate(ctx, tok2, "1.1.1.1", "ua"); sess.Pending != auth.PendingTOTP {
		t.Fatalf("new session skipped the code: %q", sess.Pending)
	}
	if err := w.Auth.VerifyTOTP(ctx, actor, tok2, code); err == nil {
		t.Fatal("a used code was accepted again")
	}
}

func TestSeparationOfDutiesAndGrantRules(t *testing.T) {
	w := testutil.NewWorld(t)
	sys := w.MustUser(t, 0, "sys", auth.RoleSysAdmin)
	aud := w.MustUser(t, 0, "aud", auth.RoleAuditor)
	if sys.Can(auth.PermAuditView) {
		t.Fatal("system administrator can read the audit log")
	}
	for p := range aud.Perms {
		if p != auth.PermAuditView {
			t.Fatalf("auditor holds %s", p)
		}
	}
	err := w.Auth.SetRoles(ctx, w.CountyA, w.ActorOf(t, "teacher_a").UserID, []string{auth.RoleSysAdmin})
	if app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("county admin granted sysadmin: %v", err)
	}
	err = w.Auth.SetRoles(ctx, w.CountyB, w.ActorOf(t, "teacher_a").UserID, []string{auth.RoleTeacher})
	if app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B changed county A's account: %v", err)
	}
	if err := w.Auth.SetRoles(ctx, w.CountyA, w.ActorOf(t, "teacher_a").UserID, []string{auth.RoleTeacher, auth.RoleExpert}); err != nil {
		t.Fatal(err)
	}
}

func TestNewBuiltinPermissionsAreGrantedOnceOnly(t *testing.T) {
	w := testutil.NewEnv(t)
	sec := app.System("sec", auth.PermRoleManage)
	roles, _ := w.Auth.FindRoles(ctx, sec)
	var researcher auth.Role
	for _, r := range roles {
		if r.Code == auth.RoleResearcher {
			researcher = r
		}
	}
	if !researcher.Has(auth.PermVisitEdit) {
		t.Fatalf("researcher lacks %s: %v", auth.PermVisitEdit, researcher.Permissions)
	}
	in := auth.RoleInput{Name: researcher.Name, Scope: researcher.Scope, Version: researcher.Version,
		Permissions: []app.Perm{auth.PermOrgView, auth.PermPersonView}}
	if _, err := w.Auth.SaveRole(ctx, sec, researcher.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := auth.EnsureBuiltinRoles(ctx, w.DB); err != nil { // the next start
		t.Fatal(err)
	}
	roles, _ = w.Auth.FindRoles(ctx, sec)
	for _, r := range roles {
		if r.Code == auth.RoleResearcher && r.Has(auth.PermVisitEdit) {
			t.Fatal("a permission the security administrator removed came back at start-up")
		}
	}
}
