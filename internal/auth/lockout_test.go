package auth_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/testutil"
)

const adminPass = "Adm#2026pass"

// enrolledAdmin creates a system administrator that has enrolled TOTP and
// changed its password, and returns its secret.
func enrolledAdmin(t *testing.T, e *testutil.Env, username string) string {
	t.Helper()
	if _, err := e.Auth.CreateAdmin(ctx, username, testutil.Password, auth.RoleSysAdmin); err != nil {
		t.Fatal(err)
	}
	tok, _ := e.Auth.Login(ctx, username, testutil.Password, "1.1.1.1", "ua")
	_, actor, _ := e.Auth.Authenticate(ctx, tok, "1.1.1.1", "ua")
	secret, err := e.Auth.BeginTOTP(ctx, actor)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := auth.TOTPCode(secret, auth.TOTPStep(time.Now())-1)
	if err := e.Auth.ConfirmTOTP(ctx, actor, tok, code); err != nil {
		t.Fatal(err)
	}
	if err := e.Auth.ChangePassword(ctx, actor, tok, testutil.Password, adminPass); err != nil {
		t.Fatal(err)
	}
	return secret
}

// halfSignedIn signs username in with the password alone.
func halfSignedIn(t *testing.T, e *testutil.Env, username, ip string) (string, app.Actor) {
	t.Helper()
	tok, err := e.Auth.Login(ctx, username, adminPass, ip, "ua")
	if err != nil {
		t.Fatal(err)
	}
	sess, actor, err := e.Auth.Authenticate(ctx, tok, ip, "ua")
	if err != nil || sess.Pending != auth.PendingTOTP {
		t.Fatalf("pending %q, %v", sess.Pending, err)
	}
	return tok, actor
}

func TestWrongCodesLockTheAccountLikeWrongPasswords(t *testing.T) {
	e := testutil.NewEnv(t)
	secret := enrolledAdmin(t, e, "root")
	tok, actor := halfSignedIn(t, e, "root", "10.0.0.5")
	for i := 1; i <= 5; i++ {
		err := e.Auth.VerifyTOTP(ctx, actor, tok, "000000")
		if err == nil {
			t.Fatal("wrong code accepted")
		}
		if i == 4 && !strings.Contains(app.ErrorMessage(err), "再错 1 次") {
			t.Errorf("4th wrong code: %s", app.ErrorMessage(err))
		}
		if i == 5 && !strings.Contains(app.ErrorMessage(err), "已锁定") {
			t.Fatalf("5th wrong code did not lock: %s", app.ErrorMessage(err))
		}
	}
	code, _ := auth.TOTPCode(secret, auth.TOTPStep(time.Now()))
	if err := e.Auth.VerifyTOTP(ctx, actor, tok, code); err == nil {
		t.Fatal("right code accepted while locked")
	}
	if _, err := e.Auth.Login(ctx, "root", adminPass, "10.0.0.6", "ua"); err == nil {
		t.Fatal("password accepted while locked")
	}
	if _, _, err := e.Auth.Authenticate(ctx, tok, "10.0.0.5", "ua"); err == nil {
		t.Error("the half-signed-in session survived the lockout")
	}
	if n := auditCount(t, e, "auth.totp_failed", actor.UserID); n != 6 {
		t.Errorf("audit holds %d second-factor failures, want 5 wrong codes and 1 refused while locked", n)
	}
	e.Auth.Now = func() time.Time { return time.Now().Add(31 * time.Minute) }
	tok, actor = halfSignedIn(t, e, "root", "10.0.0.5")
	code, _ = auth.TOTPCode(secret, auth.TOTPStep(e.Auth.Now()))
	if err := e.Auth.VerifyTOTP(ctx, actor, tok, code); err != nil {
		t.Fatalf("after the lockout expired: %v", err)
	}
}

// TestPasswordAndCodeFailuresShareOneCount: a known password does not
// wipe the count of wrong codes, and wrong passwords and codes add up.
func TestPasswordAndCodeFailuresShareOneCount(t *testing.T) {
	e := testutil.NewEnv(t)
	enrolledAdmin(t, e, "root")
	for i := 0; i < 2; i++ {
		e.Auth.Login(ctx, "root", "Wrong#2026x", "10.0.0.5", "ua")
	}
	for i := 0; i < 2; i++ { // a fresh sign-in each time: the password is known
		tok, actor := halfSignedIn(t, e, "root", "10.0.0.5")
		e.Auth.VerifyTOTP(ctx, actor, tok, "000000")
	}
	tok, actor := halfSignedIn(t, e, "root", "10.0.0.5")
	if err := e.Auth.VerifyTOTP(ctx, actor, tok, "000000"); !strings.Contains(app.ErrorMessage(err), "已锁定") {
		t.Fatalf("2 wrong passwords + 3 wrong codes did not lock: %v", err)
	}
}

func TestWrongCodesCountAgainstTheAddress(t *testing.T) {
	e := testutil.NewEnv(t)
	secret := enrolledAdmin(t, e, "root")
	e.Auth.Policy.IPFailures = 3
	tok, actor := halfSignedIn(t, e, "root", "10.0.0.7")
	for i := 0; i < 3; i++ {
		e.Auth.VerifyTOTP(ctx, actor, tok, "000000")
	}
	code, _ := auth.TOTPCode(secret, auth.TOTPStep(time.Now()))
	if err := e.Auth.VerifyTOTP(ctx, actor, tok, code); !strings.Contains(app.ErrorMessage(err), "网络地址") {
		t.Fatalf("limited address passed the second factor: %v", err)
	}
}

// TestConcurrentGuessesAllCount fires wrong passwords at once: each one
// counts, so the burst locks the account.
func TestConcurrentGuessesAllCount(t *testing.T) {
	w := testutil.NewWorld(t)
	w.Auth.Policy.LockoutFailures = 8
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Auth.Login(ctx, "teacher_a", "Wrong#2026x", "10.0.1.1", "ua")
		}()
	}
	wg.Wait()
	if _, err := w.Auth.Login(ctx, "teacher_a", testutil.Password, "10.0.1.2", "ua"); !strings.Contains(app.ErrorMessage(err), "已锁定") {
		t.Fatalf("8 simultaneous wrong passwords did not lock: %v", err)
	}
}

// TestHalfSignedInSessionCannotChangePassword replays finding 3: with the
// password alone the session may not change the password, and its actor
// holds no permission.
func TestHalfSignedInSessionCannotChangePassword(t *testing.T) {
	e := testutil.NewEnv(t)
	enrolledAdmin(t, e, "root")
	tok, actor := halfSignedIn(t, e, "root", "10.0.0.5")
	if err := e.Auth.ChangePassword(ctx, actor, tok, adminPass, "Evil#2026pass"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("password changed before the second factor: %v", err)
	}
	if len(actor.Perms) != 0 || !actor.Scope.Empty() {
		t.Errorf("half-signed-in actor holds %v, scope %+v", actor.Perms, actor.Scope)
	}
	if _, err := e.Auth.Login(ctx, "root", adminPass, "10.0.0.5", "ua"); err != nil {
		t.Fatalf("owner locked out: %v", err)
	}
}

// TestUnknownNamesAnswerLikeRealOnes replays finding 6: the same answers,
// attempt by attempt, for a real account and a name that does not exist,
// through the lockout and beyond.
func TestUnknownNamesAnswerLikeRealOnes(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := 1; i <= 7; i++ {
		_, errReal := w.Auth.Login(ctx, "teacher_a", "Wrong#2026x", "10.0.2.1", "ua")
		_, errNone := w.Auth.Login(ctx, "teacher_zz", "Wrong#2026x", "10.0.2.2", "ua")
		if app.ErrorCode(errReal) != app.ErrorCode(errNone) || app.ErrorMessage(errReal) != app.ErrorMessage(errNone) {
			t.Fatalf("attempt %d: real %q, unknown %q", i, app.ErrorMessage(errReal), app.ErrorMessage(errNone))
		}
	}
}

func BenchmarkLoginWrongPassword(b *testing.B) {
	w := testutil.NewWorld(b)
	w.Auth.Policy.LockoutFailures, w.Auth.Policy.IPFailures = 1<<30, 1<<30
	w.Auth.Hasher = auth.NewHasher(65536, 2, 2) // the production cost, for the real account's hash too
	if err := w.Auth.ResetPassword(ctx, testutil.Root, w.TeacherUserA.UserID, testutil.Password); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"teacher_a", "teacher_zz"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				w.Auth.Login(ctx, name, "Wrong#2026x", "10.0.3.1", "ua")
			}
		})
	}
}
