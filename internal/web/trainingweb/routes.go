// Package trainingweb serves the training module's pages: my credits and
// the standing of a scope (/credits), a person's transcript with its
// print and Excel forms, the region's per-category credit rules, and
// claims with their two-level approval (/credits/claims).
package trainingweb

import (
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the service its pages call.
type module struct {
	Svc *training.Service
}

// Module is the training pages over the training service.
func Module(s *training.Service) web.Module { return &module{Svc: s} }

// Routes lists the module's page actions.
func (m *module) Routes() []web.Route {
	var out []web.Route
	for _, rs := range [][]web.Route{m.routesCredits(), m.routesClaims(), m.routesPlans(), m.routesTalent(), m.routesPrograms(),
		m.routesSessions(), m.routesSurveys(), m.routesEnrol(), m.routesProgress()} {
		out = append(out, rs...)
	}
	return out
}

func (m *module) routesCredits() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/credits", Handler: m.creditsHome, Perm: training.PermCreditView},
		{Method: "GET", Pattern: "/credits/export", Handler: m.standingExport, Perm: training.PermCreditView},
		{Method: "GET", Pattern: "/credits/people/{id}", Handler: m.transcriptPage, Perm: training.PermCreditView, Object: "person"},
		{Method: "GET", Pattern: "/credits/people/{id}/print", Handler: m.transcriptPrint, Perm: training.PermCreditView, Object: "person"},
		{Method: "GET", Pattern: "/credits/people/{id}/export", Handler: m.transcriptExport, Perm: training.PermCreditView, Object: "person"},
		{Method: "GET", Pattern: "/credits/rules", Handler: m.rulesPage, Perm: training.PermCreditRules},
		{Method: "POST", Pattern: "/credits/rules", Handler: m.rulesSave, Perm: training.PermCreditRules, Audited: true},
	}
}

// Menu is the module's side-menu group.
func (m *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "学分与培训", Items: []web.MenuItem{
		{Name: "学分", URL: "/credits", Show: web.Can(training.PermCreditView)},
		{Name: "培训项目", URL: "/programs", Show: web.Can(training.PermCreditView)},
		{Name: "问卷", URL: "/surveys", Show: web.Can(training.PermCreditView)},
		{Name: "学分认定", URL: "/credits/claims", Show: web.Can(training.PermClaimCreate, training.PermClaimApprove)},
		{Name: "学分规则", URL: "/credits/rules", Show: web.Can(training.PermCreditRules)},
		{Name: "校本研修方案", URL: "/school-plans", Show: web.Can(training.PermPlanEdit, training.PermPlanReview)},
		{Name: "研修档案进度", URL: "/school-plans/progress", Show: web.Can(training.PermPlanReview)},
		{Name: "人才梯队", URL: "/talent", Show: web.Can(training.PermTalentEdit)},
	}}}
}

// Templates are the module's pages.
func (m *module) Templates() fs.FS { return templates }

// ImportKinds: certificates from the national and provincial platforms.
func (m *module) ImportKinds() []web.ImportKind {
	return []web.ImportKind{{Key: training.CertificateKind, Title: "培训证书", Back: "/credits", Perm: training.PermCreditImport,
		Spec: training.CertificateSpec, Import: m.Svc.ImportCertificates}}
}

// yearOf reads ?year= (a 学年), the current one when missing or bad.
func (m *module) yearOf(r *http.Request) int {
	y, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || y < 2000 || y > 2100 {
		return m.Svc.CurrentYear()
	}
	return y
}

// years are the 学年 a year picker offers: this one and the four before.
func (m *module) years() []int {
	cur := m.Svc.CurrentYear()
	return []int{cur, cur - 1, cur - 2, cur - 3, cur - 4}
}

// manager: the standing of a scope is for those who approve claims.
func manager(a app.Actor) bool { return a.Can(training.PermClaimApprove) }
