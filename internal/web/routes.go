package web

import (
	"net/http"

	"jiaoyan/internal/auth"
)

// route is one page action. Object names the kind of {id} the route acts
// on, so the scope test can try every route against an object the user must
// not see; Audited marks a state change that must leave one audit row.
type route struct {
	Method, Pattern string
	Handler         http.HandlerFunc
	Public          bool   // no sign-in needed
	AllowPending    bool   // reachable before the pending step is cleared
	Perm            string // required permission; "" = any signed-in user
	Object          string // region, org, person, group, studio, user, role
	Audited         bool
}

// routes lists every page action, grouped by module.
func (s *Server) routes() []route {
	var all []route
	for _, group := range [][]route{s.routesSignIn(), s.routesRegions(), s.routesOrgs(), s.routesPeople(), s.routesGroups(), s.routesExchange(), s.routesRules(), s.routesAdmin(), s.routesVisits(), s.routesRounds()} {
		all = append(all, group...)
	}
	return all
}

// routesSignIn are the routes of 登录与账号安全.
func (s *Server) routesSignIn() []route {
	return []route{
		{Method: "GET", Pattern: "/healthz", Handler: s.healthz, Public: true},
		{Method: "GET", Pattern: "/login", Handler: s.loginForm, Public: true},
		{Method: "POST", Pattern: "/login", Handler: s.loginSubmit, Public: true, Audited: true},
		{Method: "POST", Pattern: "/logout", Handler: s.logout, AllowPending: true, Audited: true},
		{Method: "GET", Pattern: "/login/totp", Handler: s.totpVerifyForm, AllowPending: true},
		{Method: "POST", Pattern: "/login/totp", Handler: s.totpVerifySubmit, AllowPending: true, Audited: true},
		{Method: "GET", Pattern: "/account/totp", Handler: s.totpSetupForm, AllowPending: true},
		{Method: "POST", Pattern: "/account/totp/begin", Handler: s.totpBegin, AllowPending: true, Audited: true},
		{Method: "POST", Pattern: "/account/totp", Handler: s.totpSetupSubmit, AllowPending: true, Audited: true},
		{Method: "GET", Pattern: "/account/password", Handler: s.passwordForm, AllowPending: true},
		{Method: "POST", Pattern: "/account/password", Handler: s.passwordSubmit, AllowPending: true, Audited: true},
		{Method: "GET", Pattern: "/{$}", Handler: s.home},
	}
}

// routesRegions are the routes of 行政区域.
func (s *Server) routesRegions() []route {
	return []route{
		{Method: "GET", Pattern: "/regions", Handler: s.regionList, Perm: auth.PermRegionView},
		{Method: "GET", Pattern: "/regions/new", Handler: s.regionNew, Perm: auth.PermRegionEdit},
		{Method: "POST", Pattern: "/regions", Handler: s.regionCreate, Perm: auth.PermRegionEdit, Audited: true},
		{Method: "GET", Pattern: "/regions/{code}/edit", Handler: s.regionEdit, Perm: auth.PermRegionEdit, Object: "region"},
		{Method: "POST", Pattern: "/regions/{code}", Handler: s.regionUpdate, Perm: auth.PermRegionEdit, Object: "region", Audited: true},
	}
}

// routesOrgs are the routes of 机构与学校.
func (s *Server) routesOrgs() []route {
	return []route{
		{Method: "GET", Pattern: "/orgs", Handler: s.orgList, Perm: auth.PermOrgView},
		{Method: "GET", Pattern: "/orgs/new", Handler: s.orgNew, Perm: auth.PermOrgEdit},
		{Method: "POST", Pattern: "/orgs", Handler: s.orgCreate, Perm: auth.PermOrgEdit, Audited: true},
		{Method: "GET", Pattern: "/orgs/{id}", Handler: s.orgDetail, Perm: auth.PermOrgView, Object: "org"},
		{Method: "GET", Pattern: "/orgs/{id}/edit", Handler: s.orgEdit, Perm: auth.PermOrgEdit, Object: "org"},
		{Method: "POST", Pattern: "/orgs/{id}", Handler: s.orgUpdate, Perm: auth.PermOrgEdit, Object: "org", Audited: true},
		{Method: "POST", Pattern: "/orgs/{id}/active", Handler: s.orgActive, Perm: auth.PermOrgEdit, Object: "org", Audited: true},
	}
}

// routesPeople are the routes of 人员.
func (s *Server) routesPeople() []route {
	return []route{
		{Method: "GET", Pattern: "/people", Handler: s.personList, Perm: auth.PermPersonView},
		{Method: "GET", Pattern: "/people/pick", Handler: s.personPick, Perm: auth.PermPersonView},
		{Method: "GET", Pattern: "/people/new", Handler: s.personNew, Perm: auth.PermPersonEdit},
		{Method: "POST", Pattern: "/people", Handler: s.personCreate, Perm: auth.PermPersonEdit, Audited: true},
		{Method: "GET", Pattern: "/people/{id}", Handler: s.personDetail, Perm: auth.PermPersonView, Object: "person"},
		{Method: "GET", Pattern: "/people/{id}/edit", Handler: s.personEdit, Perm: auth.PermPersonEdit, Object: "person"},
		{Method: "POST", Pattern: "/people/{id}", Handler: s.personUpdate, Perm: auth.PermPersonEdit, Object: "person", Audited: true},
		{Method: "POST", Pattern: "/people/{id}/active", Handler: s.personActive, Perm: auth.PermPersonEdit, Object: "person", Audited: true},
		{Method: "GET", Pattern: "/people/{id}/account/new", Handler: s.accountNew, Perm: auth.PermAccountManage, Object: "person"},
		{Method: "POST", Pattern: "/people/{id}/account", Handler: s.accountCreate, Perm: auth.PermAccountManage, Object: "person", Audited: true},
	}
}

// routesGroups are the routes of 教研组与名师工作室.
func (s *Server) routesGroups() []route {
	return []route{
		{Method: "GET", Pattern: "/groups", Handler: s.groupList, Perm: auth.PermGroupView},
		{Method: "GET", Pattern: "/groups/new", Handler: s.groupNew, Perm: auth.PermGroupEdit},
		{Method: "POST", Pattern: "/groups", Handler: s.groupCreate, Perm: auth.PermGroupEdit, Audited: true},
		{Method: "GET", Pattern: "/groups/{id}", Handler: s.groupDetail, Perm: auth.PermGroupView, Object: "group"},
		{Method: "GET", Pattern: "/groups/{id}/edit", Handler: s.groupEdit, Perm: auth.PermGroupEdit, Object: "group"},
		{Method: "POST", Pattern: "/groups/{id}", Handler: s.groupUpdate, Perm: auth.PermGroupEdit, Object: "group", Audited: true},
		{Method: "GET", Pattern: "/studios", Handler: s.studioList, Perm: auth.PermGroupView},
		{Method: "GET", Pattern: "/studios/new", Handler: s.studioNew, Perm: auth.PermGroupEdit},
		{Method: "POST", Pattern: "/studios", Handler: s.studioCreate, Perm: auth.PermGroupEdit, Audited: true},
		{Method: "GET", Pattern: "/studios/{id}", Handler: s.studioDetail, Perm: auth.PermGroupView, Object: "studio"},
		{Method: "GET", Pattern: "/studios/{id}/edit", Handler: s.studioEdit, Perm: auth.PermGroupEdit, Object: "studio"},
		{Method: "POST", Pattern: "/studios/{id}", Handler: s.studioUpdate, Perm: auth.PermGroupEdit, Object: "studio", Audited: true},
	}
}

// routesExchange are the routes of 导入导出与后台任务.
func (s *Server) routesExchange() []route {
	return []route{
		{Method: "GET", Pattern: "/import/{kind}", Handler: s.importForm},
		{Method: "GET", Pattern: "/import/{kind}/template", Handler: s.importTemplate},
		{Method: "POST", Pattern: "/import/{kind}", Handler: s.importSubmit, Audited: true},
		{Method: "GET", Pattern: "/jobs/{id}", Handler: s.jobView, Object: "job"},
		{Method: "GET", Pattern: "/jobs/{id}/report", Handler: s.jobReport, Object: "job"},
		{Method: "GET", Pattern: "/export/people", Handler: s.exportPeople, Perm: auth.PermPersonView},
		{Method: "GET", Pattern: "/export/orgs", Handler: s.exportOrgs, Perm: auth.PermOrgView},
		{Method: "GET", Pattern: "/export/regions", Handler: s.exportRegions, Perm: auth.PermRegionView},
		{Method: "GET", Pattern: "/export/groups", Handler: s.exportGroups, Perm: auth.PermGroupView},
		{Method: "GET", Pattern: "/export/studios", Handler: s.exportStudios, Perm: auth.PermGroupView},
	}
}

// routesRules are the routes of 政策规则、代码表、校历.
func (s *Server) routesRules() []route {
	return []route{
		{Method: "GET", Pattern: "/policy", Handler: s.policyPage},
		{Method: "POST", Pattern: "/policy/preset", Handler: s.policyPreset, Perm: auth.PermRegionEdit, Audited: true},
		{Method: "POST", Pattern: "/policy/rule", Handler: s.policyRule, Perm: auth.PermRegionEdit, Audited: true},
		{Method: "GET", Pattern: "/dicts", Handler: s.dictList},
		{Method: "GET", Pattern: "/dicts/{table}", Handler: s.dictTable},
		{Method: "POST", Pattern: "/dicts/{table}", Handler: s.dictSave, Perm: auth.PermSystemConfig, Audited: true},
		{Method: "GET", Pattern: "/calendar", Handler: s.calendarPage, Perm: auth.PermRegionView},
		{Method: "POST", Pattern: "/calendar", Handler: s.calendarSave, Perm: auth.PermRegionEdit, Audited: true},
	}
}

// routesAdmin are the routes of 账号、角色、审计.
func (s *Server) routesAdmin() []route {
	return []route{
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
