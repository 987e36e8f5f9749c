// Package orgweb serves 组织与人员: regions, organisations and schools, people (with the person picker), teaching groups and 名师工作室, their exports and imports.
package orgweb

import (
	"embed"
	"io/fs"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Org  *org.Service
	Auth *auth.Service
}

// Module is the 组织与人员 pages over the org service; auth is asked only
// whether a person already has an account.
func Module(o *org.Service, a *auth.Service) web.Module { return &module{Org: o, Auth: a} }

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	var all []web.Route
	for _, g := range [][]web.Route{s.routesRegions(), s.routesOrgs(), s.routesPeople(), s.routesGroups(), s.routesExchange()} {
		all = append(all, g...)
	}
	return all
}

// Menu is the module's side-menu groups.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "组织与人员", Items: []web.MenuItem{
		{Name: "行政区域", URL: "/regions", Show: web.Can(auth.PermRegionView)},
		{Name: "机构与学校", URL: "/orgs", Show: web.Can(auth.PermOrgView)},
		{Name: "人员", URL: "/people", Show: web.Can(auth.PermPersonView)},
		{Name: "教研组", URL: "/groups", Show: web.Can(auth.PermGroupView)},
		{Name: "名师工作室", URL: "/studios", Show: web.Can(auth.PermGroupView)}}}}
}

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// routesRegions are the routes of 行政区域.
func (s *module) routesRegions() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/regions", Handler: s.regionList, Perm: auth.PermRegionView},
		{Method: "GET", Pattern: "/regions/new", Handler: s.regionNew, Perm: auth.PermRegionEdit},
		{Method: "POST", Pattern: "/regions", Handler: s.regionCreate, Perm: auth.PermRegionEdit, Audited: true},
		{Method: "GET", Pattern: "/regions/{code}/edit", Handler: s.regionEdit, Perm: auth.PermRegionEdit, Object: "region"},
		{Method: "POST", Pattern: "/regions/{code}", Handler: s.regionUpdate, Perm: auth.PermRegionEdit, Object: "region", Audited: true},
	}
}

// routesOrgs are the routes of 机构与学校.
func (s *module) routesOrgs() []web.Route {
	return []web.Route{
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
func (s *module) routesPeople() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/people", Handler: s.personList, Perm: auth.PermPersonView},
		{Method: "GET", Pattern: "/people/pick", Handler: s.personPick, Perm: auth.PermPersonView},
		{Method: "GET", Pattern: "/people/new", Handler: s.personNew, Perm: auth.PermPersonEdit},
		{Method: "POST", Pattern: "/people", Handler: s.personCreate, Perm: auth.PermPersonEdit, Audited: true},
		{Method: "GET", Pattern: "/people/{id}", Handler: s.personDetail, Perm: auth.PermPersonView, Object: "person"},
		{Method: "GET", Pattern: "/people/{id}/edit", Handler: s.personEdit, Perm: auth.PermPersonEdit, Object: "person"},
		{Method: "POST", Pattern: "/people/{id}", Handler: s.personUpdate, Perm: auth.PermPersonEdit, Object: "person", Audited: true},
		{Method: "POST", Pattern: "/people/{id}/active", Handler: s.personActive, Perm: auth.PermPersonEdit, Object: "person", Audited: true},
		{Method: "POST", Pattern: "/people/{id}/reveal", Handler: s.personReveal, Perm: auth.PermPersonView, Object: "person", Audited: true},
	}
}

// routesGroups are the routes of 教研组与名师工作室.
func (s *module) routesGroups() []web.Route {
	return []web.Route{
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

// routesExchange are the exports of 组织与人员.
func (s *module) routesExchange() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/export/people", Handler: s.exportPeople, Perm: auth.PermPersonView},
		{Method: "POST", Pattern: "/export/people/full", Handler: s.exportPeopleFull, Perm: auth.PermPersonSensitive, Audited: true},
		{Method: "GET", Pattern: "/export/orgs", Handler: s.exportOrgs, Perm: auth.PermOrgView},
		{Method: "GET", Pattern: "/export/regions", Handler: s.exportRegions, Perm: auth.PermRegionView},
		{Method: "GET", Pattern: "/export/groups", Handler: s.exportGroups, Perm: auth.PermGroupView},
		{Method: "GET", Pattern: "/export/studios", Handler: s.exportStudios, Perm: auth.PermGroupView},
	}
}

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	// The two audited reads answer with the page or the file, not a
	// redirect: person_reveal_test.go checks their audit rows.
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges(),
		Skip: []string{"POST /people/{id}/reveal", "POST /export/people/full"}}
}
