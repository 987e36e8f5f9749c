// Package policyweb serves 规则与基础数据: a region's policy rules, the code tables (代码表) and the school calendar (校历).
package policyweb

import (
	"embed"
	"io/fs"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Org    *org.Service
	Policy *policy.Service
	Dict   *dict.Store
}

// Module is the 规则与基础数据 pages.
func Module(o *org.Service, p *policy.Service, d *dict.Store) web.Module {
	return &module{Org: o, Policy: p, Dict: d}
}

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	var all []web.Route
	for _, g := range [][]web.Route{s.routesRules()} {
		all = append(all, g...)
	}
	return all
}

// Menu is the module's side-menu groups.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "规则与基础数据", Items: []web.MenuItem{
		{Name: "政策规则", URL: "/policy", Show: web.Can(auth.PermRegionView, auth.PermOrgView, auth.PermPersonView)},
		{Name: "校历", URL: "/calendar", Show: web.Can(auth.PermRegionView)},
		{Name: "代码表", URL: "/dicts"}}}}
}

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// routesRules are the routes of 政策规则、代码表、校历.
func (s *module) routesRules() []web.Route {
	return []web.Route{
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

// ImportKinds: the module offers no /import/{kind} import.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges()}
}
