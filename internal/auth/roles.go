package auth

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Built-in role codes.
const (
	RoleSysAdmin    = "sysadmin"
	RoleSecAdmin    = "secadmin"
	RoleAuditor     = "auditor"
	RoleCityAdmin   = "city_admin"
	RoleCountyAdmin = "county_admin"
	RoleSchoolAdmin = "school_admin"
	RoleResearcher  = "researcher"
	RoleTeacher     = "teacher"
	RoleExpert      = "expert"
)

// Role is a set of permissions plus a data scope. Admin roles (三员) need a
// TOTP second factor and can be granted only by a PermRoleManage holder.
type Role struct {
	ID          int64
	Code        string
	Name        string
	Builtin     bool
	Admin       bool
	Scope       string // app.Scope*
	Permissions []app.Perm
	OrgIDs      []int64 // for app.ScopeCustom
	Version     int
}

// Has reports whether the role grants p.
func (r Role) Has(p app.Perm) bool {
	for _, q := range r.Permissions {
		if q == p {
			return true
		}
	}
	return false
}

// builtinRoles follow 三员分立: the system administrator runs the system but
// cannot read the audit log or grant administrator roles; the security
// administrator grants roles; the auditor only reads the audit log. No
// built-in role holds PermPersonSensitive (DESIGN §6): a security
// administrator grants it to a role explicitly.
var builtinRoles = []Role{
	{Code: RoleSysAdmin, Name: "系统管理员", Admin: true, Scope: app.ScopeAll, Permissions: []app.Perm{
		PermRegionView, PermRegionEdit, PermOrgView, PermOrgEdit, PermPersonView, PermPersonEdit,
		PermGroupView, PermGroupEdit, PermAccountManage, PermSystemConfig, PermVisitView, PermVisitEdit, PermLiaisonManage}},
	{Code: RoleSecAdmin, Name: "安全管理员", Admin: true, Scope: app.ScopeAll, Permissions: []app.Perm{
		PermRoleManage, PermAccountManage, PermPersonView, PermOrgView}},
	{Code: RoleAuditor, Name: "审计管理员", Admin: true, Scope: app.ScopeAll, Permissions: []app.Perm{PermAuditView}},
	{Code: RoleCityAdmin, Name: "市级管理员", Scope: app.ScopeSubtree, Permissions: []app.Perm{
		PermRegionView, PermRegionEdit, PermOrgView, PermOrgEdit, PermPersonView, PermPersonEdit,
		PermGroupView, PermGroupEdit, PermAccountManage, PermVisitView, PermLiaisonManage, PermNoticePublish}},
	{Code: RoleCountyAdmin, Name: "县级管理员", Scope: app.ScopeSubtree, Permissions: []app.Perm{
		PermRegionView, PermRegionEdit, PermOrgView, PermOrgEdit, PermPersonView, PermPersonEdit,
		PermGroupView, PermGroupEdit, PermAccountManage, PermVisitView, PermLiaisonManage, PermNoticePublish}},
	{Code: RoleSchoolAdmin, Name: "学校管理员", Scope: app.ScopeSubtree, Permissions: []app.Perm{
		PermOrgView, PermPersonView, PermPersonEdit, PermGroupView, PermGroupEdit, PermAccountManage,
		PermVisitView, PermNoticePublish}},
	{Code: RoleResearcher, Name: "教研员", Scope: app.ScopeSubtree, Permissions: []app.Perm{
		PermOrgView, PermPersonView, PermGroupView, PermVisitView, PermVisitEdit}},
	{Code: RoleTeacher, Name: "教师", Scope: app.ScopeSelf, Permissions: []app.Perm{PermPersonView}},
	{Code: RoleExpert, Name: "专家", Scope: app.ScopeSelf, Permissions: []app.Perm{PermPersonView}},
}

// EnsureBuiltinRoles inserts the built-in roles that are missing, and grants
// each built-in role the built-in permissions it has never been given (a
// permission added by a newer release). A permission a security
// administrator removed is not granted again: role_defaults remembers what
// was handed out. A permission built-in roles no longer hold by default
// (retiredDefaults) is taken back once; see revokeRetiredDefaults.
func EnsureBuiltinRoles(ctx context.Context, d *db.DB) error {
	return d.Write(ctx, func(tx *db.Tx) error {
		for _, r := range builtinRoles {
			_, err := tx.Exec(ctx, `INSERT INTO roles (code, name, builtin, admin, scope, permissions)
				VALUES (?, ?, TRUE, ?, ?, '') ON CONFLICT (code) DO NOTHING`, r.Code, r.Name, r.Admin, r.Scope)
			if err != nil {
				return err
			}
			if err := grantNewDefaults(ctx, tx, r); err != nil {
				return err
			}
			if err := revokeRetiredDefaults(ctx, tx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

func grantNewDefaults(ctx context.Context, tx *db.Tx, r Role) error {
	var perms string
	if err := tx.QueryRow(ctx, "SELECT permissions FROM roles WHERE code = ?", r.Code).Scan(&perms); err != nil {
		return err
	}
	have := SplitPerms(perms)
	changed := false
	for _, p := range r.Permissions {
		res, err := tx.Exec(ctx, "INSERT INTO role_defaults (role_code, permission) VALUES (?, ?) ON CONFLICT DO NOTHING", r.Code, p)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 && !slices.Contains(have, p) {
			have, changed = append(have, p), true
		}
	}
	if !changed {
		return nil
	}
	_, err := tx.Exec(ctx, "UPDATE roles SET permissions = ? WHERE code = ?", JoinPerms(have), r.Code)
	return err
}
