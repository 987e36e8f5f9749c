package auth_test

import (
	"slices"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// A module's default permissions on a built-in role (auth.GrantByDefault)
// do not stop a granter the grant table allows, though it holds none of
// them; a permission a security administrator adds to that role does.
func TestModuleDefaultsFollowTheGrantTableButAddedPermissionsAreChecked(t *testing.T) {
	p := app.Perm("granttest.claim")
	auth.RegisterPerms(app.PermDef{Code: p, Name: "测试：申报"})
	auth.GrantByDefault(auth.RoleTeacher, p)
	w := newGrantWorld(t)
	if w.SchoolAdminA.Can(p) {
		t.Fatal("the school admin holds the module permission; the test proves nothing")
	}
	if err := w.Auth.SetRoles(ctx, w.SchoolAdminA, w.target(t), []string{"base", auth.RoleTeacher}); err != nil {
		t.Fatalf("school admin refused the teacher role for a module default it does not hold: %v", err)
	}
	if err := w.Auth.SetRoles(ctx, w.granters[auth.RoleSysAdmin], w.target(t), []string{"base", auth.RoleTeacher}); err != nil {
		t.Fatalf("system admin refused the teacher role: %v", err)
	}
	sec := w.granters[auth.RoleSecAdmin]
	roles, err := w.Auth.FindRoles(ctx, sec)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(roles, func(r auth.Role) bool { return r.Code == auth.RoleTeacher })
	r := roles[i]
	_, err = w.Auth.SaveRole(ctx, sec, r.ID, auth.RoleInput{Name: r.Name, Scope: r.Scope,
		Permissions: append(r.Permissions, auth.PermRegionEdit), Version: r.Version})
	if err != nil {
		t.Fatal(err)
	}
	id := w.target(t)
	if err := w.Auth.SetRoles(ctx, w.SchoolAdminA, id, []string{"base", auth.RoleTeacher}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("school admin granted a teacher role widened with 维护行政区域: %v", err)
	}
	if got := roleCodes(t, w.Env, id); !slices.Equal(got, []string{"base"}) {
		t.Errorf("a refused grant changed the roles to %v", got)
	}
}
