// Package liaisonweb serves the researchers' work (liaison): the researcher roll, visits with attachments, training hours, 联系学校 rounds and links, 蹲点视导 stations and coverage, dashboards and a researcher's own pages.
package liaisonweb

import (
	"embed"
	"io/fs"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Liaison *liaison.Service
	Org     *org.Service
	Policy  *policy.Service

	observations ObservationsFunc // the visit's 听课评课 records (activity), wired by the site
}

// Module is the liaison pages over the liaison service.
func Module(l *liaison.Service, o *org.Service, p *policy.Service) web.Module {
	return &module{Liaison: l, Org: o, Policy: p}
}

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	var all []web.Route
	for _, g := range [][]web.Route{s.routesVisits(), s.routesRounds()} {
		all = append(all, g...)
	}
	return all
}

// Menu is the module's side-menu groups.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{
		{Name: "教研员", Items: []web.MenuItem{
			{Name: "我的学校", URL: "/my", Show: hasPerson},
			{Name: "到校记录", URL: "/visits", Show: web.Can(liaison.PermVisitView)},
			{Name: "教研员名册", URL: "/researchers", Show: web.Can(liaison.PermVisitView)},
			{Name: "工作量看板", URL: "/liaison/dashboard", Show: web.Can(liaison.PermVisitView)}}},
		{Name: "联系学校与蹲点", Items: []web.MenuItem{
			{Name: "联系学校轮次", URL: "/rounds", Show: planners},
			{Name: "蹲点视导", URL: "/stations", Show: planners},
			{Name: "覆盖情况", URL: "/stations/coverage", Show: web.Can(liaison.PermVisitView)}}},
	}
}

// hasPerson: 我的学校 is a researcher's own page; an account of no person
// (the 三员) has no schools.
func hasPerson(a app.Actor) bool { return a.PersonID != 0 }

// planners see the round and station plans: the bureaus that make them and
// the researchers who work in them, not school administrators, whose
// school's visits are under 到校记录.
var planners = web.Can(liaison.PermLiaisonManage, liaison.PermVisitEdit)

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// ImportKinds: the module offers no /import/{kind} import.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges(),
		Skip: []string{"POST /visits/{id}/attachments"}} // multipart: see visit_attachment_test.go
}
