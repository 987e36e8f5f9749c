package auth

import (
	"fmt"
	"slices"

	"jiaoyan/internal/app"
)

// GrantByDefault makes a module's permissions part of a built-in role's
// defaults, so that EnsureBuiltinRoles hands them out once (a security
// administrator may take them away again, and they stay away). Call it from
// the module's init, after RegisterPerms. It panics on an unknown role or
// permission, on the security administrator and the auditor (三员分立: their
// duties are fixed), and on 查看完整身份证号与手机号, which no built-in role
// holds.
func GrantByDefault(role string, perms ...app.Perm) {
	permMu.Lock()
	defer permMu.Unlock()
	i := slices.IndexFunc(builtinRoles, func(r Role) bool { return r.Code == role })
	switch {
	case i < 0:
		panic(fmt.Sprintf("auth.GrantByDefault: no built-in role %q", role))
	case role == RoleSecAdmin || role == RoleAuditor:
		panic(fmt.Sprintf("auth.GrantByDefault: role %q takes no module permission", role))
	}
	for _, p := range perms {
		if p == PermPersonSensitive {
			panic("auth.GrantByDefault: no built-in role holds " + string(p))
		}
		if !slices.ContainsFunc(PermNames, func(d app.PermDef) bool { return d.Code == p }) {
			panic(fmt.Sprintf("auth.GrantByDefault: permission %q is not registered", p))
		}
		if !slices.Contains(builtinRoles[i].Permissions, p) {
			builtinRoles[i].Permissions = append(builtinRoles[i].Permissions, p)
		}
	}
}
