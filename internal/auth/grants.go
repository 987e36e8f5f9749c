package auth

import (
	"slices"

	"jiaoyan/internal/app"
)

// grantTable says which built-in roles a holder of each built-in role may
// grant to (or take from) another account. A role missing from the table
// grants nothing. No role grants a 三员 role: those accounts are created from
// the command line only. Peers never grant their own level, so nobody can
// mint a second administrator of their rank; the security administrator
// does that. A business administrator grants only roles whose permissions
// it holds itself (教研员 records visits, which no business administrator
// does), so the researcher role comes from the system or security
// administrator.
var grantTable = map[string][]string{
	RoleSecAdmin:    {RoleCityAdmin, RoleCountyAdmin, RoleSchoolAdmin, RoleResearcher, RoleTeacher, RoleExpert},
	RoleSysAdmin:    {RoleResearcher, RoleTeacher, RoleExpert},
	RoleCityAdmin:   {RoleCountyAdmin, RoleSchoolAdmin, RoleTeacher, RoleExpert},
	RoleCountyAdmin: {RoleSchoolAdmin, RoleTeacher, RoleExpert},
	RoleSchoolAdmin: {RoleTeacher},
}

// reservedPerms belong to the 三员 roles alone and never enter a business role.
var reservedPerms = []app.Perm{PermRoleManage, PermAuditView, PermSystemConfig}

// MayGrantBuiltin reports whether the grant table lets a holder of role
// granter grant the built-in role granted to another account.
func MayGrantBuiltin(granter, granted string) bool {
	return slices.Contains(grantTable[granter], granted)
}

// isGranter reports whether any of codes may grant some role.
func isGranter(codes []string) bool {
	for _, c := range codes {
		if len(grantTable[c]) > 0 {
			return true
		}
	}
	return false
}

// scopeRank orders scope kinds from narrow to wide.
var scopeRank = map[string]int{app.ScopeSelf: 0, app.ScopeOrg: 1, app.ScopeSubtree: 2, app.ScopeCustom: 3, app.ScopeAll: 4}

// actorRank is the widest scope kind an actor's resolved scope contains. A
// custom scope resolves to prefixes, so it ranks as 本级及下级.
func actorRank(a app.Actor) int {
	switch s := a.Scope; {
	case s.All:
		return scopeRank[app.ScopeAll]
	case len(s.Prefixes) > 0:
		return scopeRank[app.ScopeSubtree]
	case len(s.OrgIDs) > 0:
		return scopeRank[app.ScopeOrg]
	}
	return scopeRank[app.ScopeSelf]
}

// mayHandOut reports whether actor may put permission p into a role or onto
// an account: its own permissions, and for the security administrator every
// permission that is not reserved to the 三员 roles; so may the machine
// itself (an actor without a user: command line, start-up).
func mayHandOut(actor app.Actor, p app.Perm) bool {
	if slices.Contains(reservedPerms, p) {
		return false
	}
	return actor.Can(p) || actor.HasRole(RoleSecAdmin) || actor.UserID == 0
}

// grantRefusal returns why actor may not grant or revoke r on another
// account, or nil. A built-in role follows grantTable; a custom role may be
// granted by any role in the table. Either way the role's data scope may be
// no wider than the actor's, and when adding, every permission in it must
// be one the actor may hand out, except a built-in role's own defaults (its
// release permissions, modules' included): grantTable already says who may
// hand those out. A permission a security administrator added to a
// built-in role is checked like any other.
func grantRefusal(actor app.Actor, r Role, adding bool) error {
	allowed := false
	for _, g := range actor.Roles {
		allowed = allowed || (r.Builtin && MayGrantBuiltin(g, r.Code))
	}
	if !r.Builtin && !r.Admin {
		allowed = isGranter(actor.Roles)
	}
	if !allowed {
		return app.Errorf(app.EFORBIDDEN, "您的角色不能授予或收回角色「%s」", r.Name)
	}
	if scopeRank[r.Scope] > actorRank(actor) || (r.Scope == app.ScopeCustom && !actor.Scope.All) {
		return app.Errorf(app.EFORBIDDEN, "角色「%s」的数据范围大于您本人的数据范围", r.Name)
	}
	if !adding {
		return nil
	}
	for _, p := range r.Permissions {
		if r.Builtin && builtinDefault(r.Code, p) {
			continue
		}
		if !mayHandOut(actor, p) {
			return app.Errorf(app.EFORBIDDEN, "角色「%s」包含您不能授予的权限「%s」", r.Name, permName(p))
		}
	}
	return nil
}

// checkExclusive enforces 三员分立 on one account's role set: a 三员 role is
// held alone, never with another 三员 role or any business role.
func checkExclusive(roles []Role) error {
	for _, r := range roles {
		if r.Admin && len(roles) > 1 {
			return app.Errorf(app.EFORBIDDEN, "三员分立：「%s」不能与其他角色同时授予一个账号", r.Name)
		}
	}
	return nil
}

func permName(code app.Perm) string {
	if n := PermName(code); n != "" {
		return n
	}
	return string(code)
}

// roleDelta returns the roles in next but not in cur (added) and in cur but
// not in next (removed), compared by code.
func roleDelta(cur, next []Role) (added, removed []Role) {
	has := func(rs []Role, code string) bool {
		return slices.ContainsFunc(rs, func(r Role) bool { return r.Code == code })
	}
	for _, r := range next {
		if !has(cur, r.Code) {
			added = append(added, r)
		}
	}
	for _, r := range cur {
		if !has(next, r.Code) {
			removed = append(removed, r)
		}
	}
	return added, removed
}

// CanGrant reports whether actor may grant r to another account in its
// scope, for pages that offer only the roles a user may choose.
func CanGrant(actor app.Actor, r Role) bool {
	if actor.UserID == 0 {
		return !r.Admin
	}
	return grantRefusal(actor, r, true) == nil
}

// builtinDefault reports whether p is one of the built-in role code's
// default permissions (builtinRoles, with GrantByDefault's additions).
func builtinDefault(code string, p app.Perm) bool {
	permMu.Lock()
	defer permMu.Unlock()
	i := slices.IndexFunc(builtinRoles, func(r Role) bool { return r.Code == code })
	return i >= 0 && slices.Contains(builtinRoles[i].Permissions, p)
}
