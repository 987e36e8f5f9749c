package auth_test

import (
	"slices"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// TestNoBuiltinRoleSeesFullNumbers: on a fresh database no built-in role
// holds 查看完整身份证号与手机号.
func TestNoBuiltinRoleSeesFullNumbers(t *testing.T) {
	w := testutil.NewWorld(t)
	roles, err := w.Auth.FindRoles(ctx, testutil.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if r.Builtin && r.Has(auth.PermPersonSensitive) {
			t.Errorf("built-in role %s holds 查看完整身份证号与手机号", r.Name)
		}
	}
	if auth.PermName(auth.PermPersonSensitive) != "查看完整身份证号与手机号" {
		t.Errorf("the permission is named %q", auth.PermName(auth.PermPersonSensitive))
	}
}

// TestSensitivePermissionRevokedOnceFromUpgradedRoles: a database where the
// built-in administrators got the permission by default loses it on the
// next start, with an audit row; once a security administrator grants it
// again, later starts keep it.
func TestSensitivePermissionRevokedOnceFromUpgradedRoles(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, code := range []string{auth.RoleCityAdmin, auth.RoleCountyAdmin, auth.RoleSchoolAdmin} {
		setPerms(t, w, code, append(rolePerms(t, w, code), auth.PermPersonSensitive))
		if err := w.DB.Exec(ctx, "INSERT INTO role_defaults (role_code, permission) VALUES (?, ?)", code, string(auth.PermPersonSensitive)); err != nil {
			t.Fatal(err)
		}
	}
	if err := auth.EnsureBuiltinRoles(ctx, w.DB); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{auth.RoleCityAdmin, auth.RoleCountyAdmin, auth.RoleSchoolAdmin} {
		if slices.Contains(rolePerms(t, w, code), auth.PermPersonSensitive) {
			t.Errorf("an upgraded %s still holds 查看完整身份证号与手机号", code)
		}
	}
	var n int
	err := w.DB.Read(ctx, func(tx *db.Tx) (err error) {
		n, err = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke_default'")
		return err
	})
	if err != nil || n != 3 {
		t.Errorf("revocations audited: %d (%v), want 3", n, err)
	}
	sec := w.MustUser(t, 0, "sec", auth.RoleSecAdmin)
	r := role(t, w, auth.RoleCountyAdmin)
	in := auth.RoleInput{Name: r.Name, Scope: r.Scope, Permissions: append(r.Permissions, auth.PermPersonSensitive), Version: r.Version}
	if _, err := w.Auth.SaveRole(ctx, sec, r.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := auth.EnsureBuiltinRoles(ctx, w.DB); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rolePerms(t, w, auth.RoleCountyAdmin), auth.PermPersonSensitive) {
		t.Error("the security administrator's grant was revoked again on the next start")
	}
}
