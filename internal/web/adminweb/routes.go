// Package adminweb serves 系统管理: accounts, roles and permissions, and the audit log with its chain check.
package adminweb

import (
	"embed"
	"io/fs"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Auth  *auth.Service
	Org   *org.Service
	Audit *audit.Service
}

// Module is the 系统管理 pages.
func Module(a *auth.Service, o *org.Service, au *audit.Service) web.Module {
	return &module{Auth: a, Org: o, Audit: au}
}

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	var all []web.Route
	for _, g := range [][]web.Route{s.routesAdmin()} {
		all = append(all, g...)
	}
	return all
}

// Menu is the module's side-menu groups.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "系统管理", Items: []web.MenuItem{
		{Name: "账号", URL: "/accounts", Show: web.Can(auth.PermAccountManage, auth.PermRoleManage)},
		{Name: "角色与权限", URL: "/roles", Show: web.Can(auth.PermAccountManage, auth.PermRoleManage)},
		{Name: "审计日志", URL: "/audit", Show: web.Can(auth.PermAuditView)}}}}
}

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// routesAdmin are the routes of 账号、角色、审计.
func (s *module) routesAdmin() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/people/{id}/account/new", Handler: s.accountNew, Perm: auth.PermAccountManage, Object: "person"},
		{Method: "POST", Pattern: "/people/{id}/account", Handler: s.accountCreate, Perm: auth.PermAccountManage, Object: "person", Audited: true},
		{Method: "GET", Pattern: "/orgs/{id}/accounts/bulk", Handler: s.accountBulkForm, Perm: auth.PermAccountManage, Object: "org"},
		{Method: "POST", Pattern: "/orgs/{id}/accounts/bulk", Handler: s.accountBulkOpen, Perm: auth.PermAccountManage, Object: "org", Audited: true},
		{Method: "GET", Pattern: "/accounts", Handler: s.accountList},
		{Method: "GET", Pattern: "/accounts/{id}", Handler: s.accountDetail, Object: "user"},
		{Method: "POST", Pattern: "/accounts/{id}/roles", Handler: s.accountRoles, Object: "user", Audited: true},
		{Method: "POST", Pattern: "/accounts/{id}/reset", Handler: s.accountReset, Object: "user", Audited: true},
		{Method: "POST", Pattern: "/accounts/{id}/unlock", Handler: s.accountUnlock, Object: "user", Audited: true},
		{Method: "POST", Pattern: "/accounts/{id}/active", Handler: s.accountActive, Object: "user", Audited: true},
		{Method: "POST", Pattern: "/accounts/{id}/totp-reset", Handler: s.accountTOTPReset, Perm: auth.PermRoleManage, Object: "user", Audited: true},
		{Method: "GET", Pattern: "/roles", Handler: s.roleList},
		{Method: "GET", Pattern: "/roles/new", Handler: s.roleNew, Perm: auth.PermRoleManage},
		{Method: "POST", Pattern: "/roles", Handler: s.roleCreate, Perm: auth.PermRoleManage, Audited: true},
		{Method: "GET", Pattern: "/roles/{id}/edit", Handler: s.roleEdit, Perm: auth.PermRoleManage, Object: "role"},
		{Method: "POST", Pattern: "/roles/{id}", Handler: s.roleUpdate, Perm: auth.PermRoleManage, Object: "role", Audited: true},
		{Method: "GET", Pattern: "/audit", Handler: s.auditList, Perm: auth.PermAuditView},
		{Method: "GET", Pattern: "/audit/export", Handler: s.auditExport, Perm: auth.PermAuditView},
		{Method: "GET", Pattern: "/audit/verify", Handler: s.auditVerify, Perm: auth.PermAuditView},
	}
}

// ImportKinds: the module offers no /import/{kind} import.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	// Bulk opening answers with the slips (200, not a redirect) and writes
	// one audit row per account: account_bulk_test.go checks it.
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges(), Skip: []string{"POST /orgs/{id}/accounts/bulk"}}
}
