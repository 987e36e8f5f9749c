package auth

import (
	"slices"
	"testing"

	"jiaoyan/internal/app"
)

func TestGrantByDefaultAddsToTheRoleOnce(t *testing.T) {
	p := app.Perm("moduletest.view")
	RegisterPerms(app.PermDef{Code: p, Name: "测试模块查看"})
	GrantByDefault(RoleTeacher, p)
	GrantByDefault(RoleTeacher, p)
	i := slices.IndexFunc(builtinRoles, func(r Role) bool { return r.Code == RoleTeacher })
	n := 0
	for _, q := range builtinRoles[i].Permissions {
		if q == p {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("teacher holds %q %d times, want once", p, n)
	}
	builtinRoles[i].Permissions = slices.DeleteFunc(builtinRoles[i].Permissions, func(q app.Perm) bool { return q == p })
}

func TestGrantByDefaultRefusesWhatItMustNotGive(t *testing.T) {
	p := app.Perm("moduletest.edit")
	RegisterPerms(app.PermDef{Code: p, Name: "测试模块维护"})
	for name, f := range map[string]func(){
		"auditor":      func() { GrantByDefault(RoleAuditor, p) },
		"secadmin":     func() { GrantByDefault(RoleSecAdmin, p) },
		"unknown role": func() { GrantByDefault("nobody", p) },
		"unregistered": func() { GrantByDefault(RoleTeacher, "nosuch.perm") },
		"sensitive":    func() { GrantByDefault(RoleCityAdmin, PermPersonSensitive) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: GrantByDefault did not refuse", name)
				}
			}()
			f()
		}()
	}
}
