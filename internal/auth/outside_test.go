package auth_test

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// An outside account is bound to no person: it holds the expert role only,
// has no organisation and no scope, must change its password first and is
// locked like any other; a teacher or a school administrator (who may not
// grant the expert role) cannot open one; a failing bind opens nothing.
func TestOutsideAccountHoldsNoRegionAndFollowsTheRules(t *testing.T) {
	w := testutil.NewWorld(t)
	bound := int64(0)
	acc, err := w.Auth.OpenOutsideAccount(ctx, w.CountyA, "prof_zhou", "周教授（温州大学）", func(_ context.Context, _ *db.Tx, id int64) error {
		bound = id
		return nil
	})
	if err != nil || bound != acc.UserID || len(acc.Password) < 12 {
		t.Fatalf("open: %+v %v (bound %d)", acc, err, bound)
	}
	tok, err := w.Auth.Login(ctx, "prof_zhou", acc.Password, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	sess, a, err := w.Auth.Authenticate(ctx, tok, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if sess.Pending != auth.PendingPassword {
		t.Errorf("first sign-in pending %q, want the password change", sess.Pending)
	}
	if a.PersonID != 0 || a.OrgID != 0 || a.OrgPath != "" || a.Scope.All || len(a.Scope.Prefixes) > 0 || len(a.Scope.OrgIDs) > 0 ||
		a.Scope.SelfPersonID != 0 || len(a.Roles) != 1 || a.Roles[0] != auth.RoleExpert {
		t.Errorf("outside actor: %+v", a)
	}
	if where, _ := auth.ScopeWhere(a, "o.path", "o.id", "p.id"); where != "(1=0)" {
		t.Errorf("scope condition %q admits rows", where)
	}
	if rows := auditRows(t, w, "user.create"); !strings.Contains(rows[len(rows)-1], "为外部专家 周教授（温州大学） 开通账号 prof_zhou") ||
		strings.Contains(rows[len(rows)-1], acc.Password) {
		t.Errorf("audit row: %s", rows[len(rows)-1])
	}
	for i := 0; i < 5; i++ {
		w.Auth.Login(ctx, "prof_zhou", "Wrong#pass123", "127.0.0.2", "test")
	}
	if _, err := w.Auth.Login(ctx, "prof_zhou", acc.Password, "127.0.0.3", "test"); err == nil {
		t.Error("five wrong passwords did not lock the outside account")
	}

	for name, actor := range map[string]app.Actor{"teacher": w.TeacherUserA, "school admin": w.SchoolAdminA} {
		_, err := w.Auth.OpenOutsideAccount(ctx, actor, "prof_"+strings.ReplaceAll(name, " ", ""), "某教授", func(context.Context, *db.Tx, int64) error { return nil })
		if app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("%s opened an outside account: %v", name, err)
		}
	}
	_, err = w.Auth.OpenOutsideAccount(ctx, w.CountyA, "prof_li", "李教授", func(context.Context, *db.Tx, int64) error {
		return app.Invalid("username", "已开通账号")
	})
	if err == nil {
		t.Fatal("a failing bind opened the account")
	}
	if _, err := w.Auth.Login(ctx, "prof_li", "x", "127.0.0.4", "test"); err == nil {
		t.Fatal("signed in")
	}
	n, _ := db.ReadValue(ctx, w.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, "SELECT COUNT(*) FROM users WHERE username = 'prof_li'")
	})
	if n != 0 {
		t.Fatal("a failing bind left the account behind")
	}
}
