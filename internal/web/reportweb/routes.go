// Package reportweb serves the pages that combine several domains (report):
// a researcher's yearly workload card and the 工作量看板 with its export. The
// URLs are those the liaison pages always had.
package reportweb

import (
	"embed"
	"io/fs"
	"jiaoyan/internal/liaison"
	"net/http"
	"strconv"

	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Report *report.Service
	Org    *org.Service
	Policy *policy.Service
	Jobs   *jobs.Store // the site's job store (WithJobs); nil adds rebuild jobs over the report's database
}

func init() { web.RegisterJobTitle(report.KindRebuild, "看板重新计算任务") }

// WithJobs hands the report pages the site's job store, for the dashboard
// rebuild jobs; a module of another kind is left alone.
func WithJobs(m web.Module, j *jobs.Store) {
	if s, ok := m.(*module); ok {
		s.Jobs = j
	}
}

// Module is the report pages over the report service.
func Module(rep *report.Service, o *org.Service, p *policy.Service) web.Module {
	return &module{Report: rep, Org: o, Policy: p}
}

// Routes lists the module's pages; all read, none writes.
func (s *module) Routes() []web.Route {
	v := liaison.PermVisitView
	return []web.Route{
		{Method: "GET", Pattern: "/researchers/{id}/card", Handler: s.researcherCard, Perm: v, Object: "researcher"},
		{Method: "GET", Pattern: "/liaison/dashboard", Handler: s.dashboard, Perm: v},
		{Method: "GET", Pattern: "/liaison/dashboard/export", Handler: s.dashboardExport, Perm: v},
	}
}

// Menu: the 工作量看板 link sits in the liaison pages' 教研员 group.
func (s *module) Menu() []web.MenuGroup { return nil }

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// ImportKinds: the module offers no import.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// Fixtures: the researcher object is registered by the liaison pages.
func (s *module) Fixtures() web.Fixtures { return web.Fixtures{} }

// yearOf reads ?year=, else the current 学年.
func (s *module) yearOf(r *http.Request) int {
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return s.Policy.CurrentSchoolYear()
}

// researcherCard is a researcher's yearly workload card.
func (s *module) researcherCard(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	var c report.Card
	if err == nil {
		c, err = s.Report.Card(r.Context(), web.ActorOf(r), id, s.yearOf(r))
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	title := c.Researcher.Name + " " + c.YearName() + "工作量"
	web.Render(w, r, http.StatusOK, "researcher_card", web.Page{Title: title,
		Crumbs: []web.Crumb{{Name: "教研员名册", URL: "/researchers"}, {Name: title}}, Data: c})
}
