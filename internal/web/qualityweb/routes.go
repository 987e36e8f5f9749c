// Package qualityweb serves 质量监测: exams with their papers, score imports
// and analyses as jobs, the stored reports by level in the user's scope with
// charts, a printable report per school, and the student pages under the
// privacy rules (no rank on any page a school can open).
package qualityweb

import (
	"context"
	"embed"
	"io/fs"

	"jiaoyan/internal/app"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Quality *quality.Service
	Rectify *rectify.Service
	Org     *org.Service
	Jobs    *jobs.Store // imports and analyses run as jobs
}

// Module is the quality pages over the quality service.
func Module(q *quality.Service, rs *rectify.Service, o *org.Service, j *jobs.Store) web.Module {
	return &module{Quality: q, Rectify: rs, Org: o, Jobs: j}
}

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/exams", Handler: s.examList, Perm: quality.PermView},
		{Method: "GET", Pattern: "/exams/export", Handler: s.examExport, Perm: quality.PermView},
		{Method: "GET", Pattern: "/exams/new", Handler: s.examNew, Perm: quality.PermManage},
		{Method: "POST", Pattern: "/exams", Handler: s.examCreate, Perm: quality.PermManage, Audited: true},
		{Method: "GET", Pattern: "/exams/{id}", Handler: s.examDetail, Perm: quality.PermView, Object: "exam"},
		{Method: "GET", Pattern: "/exams/{id}/edit", Handler: s.examEdit, Perm: quality.PermManage, Object: "exam"},
		{Method: "POST", Pattern: "/exams/{id}", Handler: s.examUpdate, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "POST", Pattern: "/exams/{id}/delete", Handler: s.examDelete, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "POST", Pattern: "/exams/{id}/paper", Handler: s.paperUpload, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "GET", Pattern: "/exams/{id}/papers/edit", Handler: s.paperEdit, Perm: quality.PermManage, Object: "exam"},
		{Method: "POST", Pattern: "/exams/{id}/papers", Handler: s.paperSave, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "POST", Pattern: "/exams/{id}/papers/remove", Handler: s.paperRemove, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "POST", Pattern: "/exams/{id}/scores", Handler: s.scoresUpload, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "POST", Pattern: "/exams/{id}/analyze", Handler: s.analyzeStart, Perm: quality.PermManage, Object: "exam", Audited: true},
		{Method: "GET", Pattern: "/exams/{id}/report", Handler: s.reportView, Perm: quality.PermView, Object: "exam"},
		{Method: "GET", Pattern: "/exams/{id}/report/export", Handler: s.reportExport, Perm: quality.PermView, Object: "exam"},
		{Method: "GET", Pattern: "/exams/{id}/report/print", Handler: s.reportPrint, Perm: quality.PermView, Object: "exam"},
		{Method: "GET", Pattern: "/exams/{id}/students", Handler: s.studentList, Perm: quality.PermView, Object: "exam"},
		{Method: "GET", Pattern: "/exams/{id}/ranks", Handler: s.rankList, Perm: quality.PermStudents, Object: "exam"},
		{Method: "GET", Pattern: "/quality/indicators", Handler: s.indicatorPage, Perm: quality.PermView},
		{Method: "POST", Pattern: "/quality/indicators", Handler: s.indicatorSave, Perm: quality.PermManage, Audited: true},
		// a paper's 命题人 sees its item warnings without quality.view: the
		// service decides what each user sees
		{Method: "GET", Pattern: "/warnings", Handler: s.warningList},
		{Method: "GET", Pattern: "/warnings/{id}", Handler: s.warningDetail, Object: "warning"},
		{Method: "POST", Pattern: "/warnings/{id}/rectify", Handler: s.warningRectify, Perm: rectify.PermEdit, Object: "warning", Audited: true},
		{Method: "GET", Pattern: "/rectifications", Handler: s.loopList, Perm: rectify.PermView},
		{Method: "GET", Pattern: "/rectifications/{id}", Handler: s.loopDetail, Perm: rectify.PermView, Object: "rectification"},
		{Method: "POST", Pattern: "/rectifications/{id}/interpret", Handler: s.loopStep(s.loopInterpret), Perm: rectify.PermEdit, Object: "rectification", Audited: true},
		{Method: "POST", Pattern: "/rectifications/{id}/investigate", Handler: s.loopStep(s.loopInvestigate), Perm: rectify.PermEdit, Object: "rectification", Audited: true},
		{Method: "POST", Pattern: "/rectifications/{id}/plan", Handler: s.loopStep(s.loopPlan), Perm: rectify.PermEdit, Object: "rectification", Audited: true},
		{Method: "POST", Pattern: "/rectifications/{id}/evidence", Handler: s.loopStep(s.loopEvidence), Perm: rectify.PermEdit, Object: "rectification", Audited: true},
		{Method: "POST", Pattern: "/rectifications/{id}/submit", Handler: s.loopStep(s.loopSubmit), Perm: rectify.PermEdit, Object: "rectification", Audited: true},
		{Method: "POST", Pattern: "/rectifications/{id}/files", Handler: s.loopAttach, Perm: rectify.PermEdit, Object: "rectification", Audited: true},
		{Method: "GET", Pattern: "/rectifications/{id}/files/{aid}", Handler: s.loopFile, Perm: rectify.PermView, Object: "rectification"},
		{Method: "POST", Pattern: "/rectifications/{id}/review", Handler: s.loopStep(s.loopReview), Perm: rectify.PermReview, Object: "rectification", Audited: true},
	}
}

// Menu is the module's side-menu group.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "质量监测", Items: []web.MenuItem{
		{Name: "考试与报告", URL: "/exams", Show: web.Can(quality.PermView, quality.PermManage)},
		{Name: "预警", URL: "/warnings", Show: s.seesWarnings},
		{Name: "学业质量指标", URL: "/quality/indicators", Show: web.Can(quality.PermView)},
		{Name: "整改", URL: "/rectifications", Show: web.Can(rectify.PermView)}}}}
}

// seesWarnings: the holders of quality.view, and the paper setters, who see
// their papers' item warnings without it.
func (s *module) seesWarnings(a app.Actor) bool {
	return a.Can(quality.PermView) || s.Quality.SetsPapers(context.Background(), a)
}

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges(),
		// multipart uploads and jobs that audit when they end: see upload_test.go
		Skip: []string{"POST /exams/{id}/paper", "POST /exams/{id}/scores", "POST /exams/{id}/analyze", "POST /rectifications/{id}/files"}}
}
