package auth

import (
	"context"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Permissions: a page or an action. Roles are sets of these plus a scope.
const (
	PermRegionView      = "region.view"
	PermRegionEdit      = "region.edit"
	PermOrgView         = "org.view"
	PermOrgEdit         = "org.edit"
	PermPersonView      = "person.view"
	PermPersonEdit      = "person.edit"
	PermPersonSensitive = "person.sensitive" // sees 身份证号 and phone unmasked
	PermGroupView       = "group.view"
	PermGroupEdit       = "group.edit"
	PermAccountManage   = "account.manage" // accounts for people in scope, business roles only
	PermRoleManage      = "role.manage"    // 安全管理员: roles, administrator grants, unlocks
	PermAuditView       = "audit.view"     // 审计管理员
	PermSystemConfig    = "system.config"
	PermVisitView       = "visit.view"     // 到校记录、培训记录、教研员工作量
	PermVisitEdit       = "visit.edit"     // 记录本人的到校与培训
	PermLiaisonManage   = "liaison.manage" // 联系学校轮次、蹲点视导安排、代他人记录
)

// PermNames are the Chinese names shown on the role pages, in display order.
var PermNames = []struct{ Code, Name string }{
	{PermRegionView, "查看行政区域"}, {PermRegionEdit, "维护行政区域"},
	{PermOrgView, "查看机构与学校"}, {PermOrgEdit, "维护机构与学校"},
	{PermPersonView, "查看人员"}, {PermPersonEdit, "维护人员"}, {PermPersonSensitive, "查看完整身份证号与手机号"},
	{PermGroupView, "查看教研组与工作室"}, {PermGroupEdit, "维护教研组与工作室"},
	{PermAccountManage, "管理账号（业务角色）"}, {PermRoleManage, "管理角色与授权（安全管理）"},
	{PermAuditView, "查看审计日志"}, {PermSystemConfig, "系统配置"},
	{PermVisitView, "查看到校记录与教研员工作量"}, {PermVisitEdit, "记录本人到校与培训"},
	{PermLiaisonManage, "管理联系学校与蹲点视导"},
}

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
	Permissions []string
	OrgIDs      []int64 // for app.ScopeCustom
	Version     int
}

// Has reports whether the role grants p.
func (r Role) Has(p string) bool {
	for _, q := range r.Permissions {
		if q == p {
			return true
		}
	}
	return false
}

// builtinRoles follow 三员分立: the system administrator runs the system but
// cannot read the audit log or grant administrator roles; the security
// administrator grants roles; the auditor only reads the audit log.
var builtinRoles = []Role{
	{Code: RoleSysAdmin, Name: "系统管理员", Admin: true, Scope: app.ScopeAll, Permissions: []string{
		PermRegionView, PermRegionEdit, PermOrgView, PermOrgEdit, PermPersonView, PermPersonEdit,
		PermGroupView, PermGroupEdit, PermAccountManage, PermSystemConfig, PermVisitView, PermVisitEdit, PermLiaisonManage}},
	{Code: RoleSecAdmin, Name: "安全管理员", Admin: true, Scope: app.ScopeAll, Permissions: []string{
		PermRoleManage, PermAccountManage, PermPersonView, PermOrgView}},
	{Code: RoleAuditor, Name: "审计管理员", Admin: true, Scope: app.ScopeAll, Permissions: []string{PermAuditView}},
	{Code: RoleCityAdmin, Name: "市级管理员", Scope: app.ScopeSubtree, Permissions: []string{
		PermRegionView, PermRegionEdit, PermOrgView, PermOrgEdit, PermPersonView, PermPersonEdit, PermPersonSensitive,
		PermGroupView, PermGroupEdit, PermAccountManage, PermVisitView, PermLiaisonManage}},
	{Code: RoleCountyAdmin, Name: "县级管理员", Scope: app.ScopeSubtree, Permissions: []string{
		PermRegionView, PermRegionEdit, PermOrgView, PermOrgEdit, PermPersonView, PermPersonEdit, PermPersonSensitive,
		PermGroupView, PermGroupEdit, PermAccountManage, PermVisitView, PermLiaisonManage}},
	{Code: RoleSchoolAdmin, Name: "学校管理员", Scope: app.ScopeSubtree, Permissions: []string{
		PermOrgView, PermPersonView, PermPersonEdit, PermPersonSensitive, PermGroupView, PermGroupEdit, PermAccountManage,
		PermVisitView}},
	{Code: RoleResearcher, Name: "教研员", Scope: app.ScopeSubtree, Permissions: []string{
		PermOrgView, PermPersonView, PermGroupView, PermVisitView, PermVisitEdit}},
	{Code: RoleTeacher, Name: "教师", Scope: app.ScopeSelf, Permissions: []string{PermPersonView}},
	{Code: RoleExpert, Name: "专家", Scope: app.ScopeSelf, Permissions: []string{PermPersonView}},
}

// EnsureBuiltinRoles inserts the built-in roles that are missing, and grants
// each built-in role the built-in permissions it has never been given (a
// permission added by a newer release). A permission a security
// administrator removed is not granted again: role_defaults remembers what
// was handed out.
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
		}
		return nil
	})
}

func grantNewDefaults(ctx context.Context, tx *db.Tx, r Role) error {
	var perms string
	if err := tx.QueryRow(ctx, "SELECT permissions FROM roles WHERE code = ?", r.Code).Scan(&perms); err != nil {
		return err
	}
	have := strings.Split(perms, ",")
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
	_, err := tx.Exec(ctx, "UPDATE roles SET permissions = ? WHERE code = ?", strings.Trim(strings.Join(have, ","), ","), r.Code)
	return err
}
