// Package reviewweb serves expert review (review): the 专家库, campaigns
// from the call to the final list, recommendations and 形式审查, the
// assignment job, the experts' own task pages (phone first) with the
// 回避声明 and an autosaving score form, results with 公示, and the
// public certificate check.
package reviewweb

import (
	"embed"
	"io/fs"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

type module struct {
	Review *review.Service
	Jobs   *jobs.Store
}

// Module is the review pages over the review service; jobs runs the
// assignment job.
func Module(r *review.Service, j *jobs.Store) web.Module {
	if r.Jobs == nil {
		r.Jobs = j
	}
	return &module{Review: r, Jobs: j}
}

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	manage, recommend, submit, score, experts := review.PermCampaignManage, review.PermRecommend, review.PermSubmit, review.PermScore, review.PermExpertManage
	return []web.Route{
		{Method: "GET", Pattern: "/campaigns", Handler: s.campaignList},
		{Method: "POST", Pattern: "/campaigns", Handler: s.campaignCreate, Perm: manage, Audited: true},
		{Method: "POST", Pattern: "/campaigns/contest-round", Handler: s.contestRound, Perm: manage, Audited: true},
		{Method: "GET", Pattern: "/campaigns/{id}", Handler: s.campaignDetail, Object: "review_campaign"},
		{Method: "GET", Pattern: "/campaigns/{id}/export", Handler: s.campaignExport, Perm: manage, Object: "review_campaign"},
		{Method: "POST", Pattern: "/campaigns/{id}/files", Handler: s.callFileAdd, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "GET", Pattern: "/campaigns/{id}/files/{aid}", Handler: s.callFile, Object: "review_campaign"},
		{Method: "POST", Pattern: "/campaigns/{id}/drafts", Handler: s.draftCreate, Perm: submit, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/recommend", Handler: s.recommend, Perm: recommend, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/rubric", Handler: s.rubric, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/assign", Handler: s.assign, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/reassign", Handler: s.reassign, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/aggregate", Handler: s.aggregate, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/publicity", Handler: s.publicity, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/finalize", Handler: s.finalize, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "POST", Pattern: "/campaigns/{id}/establish", Handler: s.establish, Perm: manage, Object: "review_campaign", Audited: true},
		{Method: "GET", Pattern: "/projects", Handler: s.projectList},
		{Method: "GET", Pattern: "/projects/export", Handler: s.projectExport},
		{Method: "GET", Pattern: "/projects/{id}", Handler: s.projectDetail, Object: "review_project"},
		{Method: "POST", Pattern: "/projects/{id}/advance", Handler: s.projectAdvance, Perm: manage, Object: "review_project", Audited: true},
		{Method: "GET", Pattern: "/submissions/{id}", Handler: s.submissionPage, Object: "review_submission"},
		{Method: "POST", Pattern: "/submissions/{id}", Handler: s.submissionSave, Perm: submit, Object: "review_submission", Audited: true},
		{Method: "POST", Pattern: "/submissions/{id}/files", Handler: s.submissionFileAdd, Perm: submit, Object: "review_submission", Audited: true},
		{Method: "GET", Pattern: "/submissions/{id}/files/{aid}", Handler: s.submissionFile, Object: "review_submission"},
		{Method: "POST", Pattern: "/submissions/{id}/submit", Handler: s.submissionSubmit, Perm: submit, Object: "review_submission", Audited: true},
		{Method: "POST", Pattern: "/submissions/{id}/withdraw", Handler: s.submissionWithdraw, Perm: submit, Object: "review_submission", Audited: true},
		{Method: "POST", Pattern: "/submissions/{id}/check", Handler: s.submissionCheck, Perm: manage, Object: "review_submission", Audited: true},
		{Method: "POST", Pattern: "/submissions/{id}/objections", Handler: s.objectionFile, Object: "review_submission", Audited: true},
		{Method: "POST", Pattern: "/objections/{id}", Handler: s.objectionResolve, Perm: manage, Object: "review_objection", Audited: true},
		{Method: "GET", Pattern: "/reviews", Handler: s.taskList, Perm: score},
		{Method: "GET", Pattern: "/reviews/{id}", Handler: s.taskPage, Perm: score, Object: "review_task"},
		{Method: "GET", Pattern: "/reviews/{id}/files/{aid}", Handler: s.taskFile, Perm: score, Object: "review_task"},
		{Method: "POST", Pattern: "/reviews/{id}/respond", Handler: s.taskRespond, Perm: score, Object: "review_task", Audited: true},
		{Method: "POST", Pattern: "/reviews/{id}/declare", Handler: s.taskDeclare, Perm: score, Object: "review_task", Audited: true},
		{Method: "POST", Pattern: "/reviews/{id}/scores", Handler: s.taskScores, Perm: score, Object: "review_task", Audited: true},
		{Method: "GET", Pattern: "/experts", Handler: s.expertList, Perm: experts},
		{Method: "POST", Pattern: "/experts", Handler: s.expertJoin, Perm: experts, Audited: true},
		{Method: "GET", Pattern: "/experts/{id}", Handler: s.expertDetail, Perm: experts, Object: "review_expert"},
		{Method: "POST", Pattern: "/experts/{id}/account", Handler: s.expertAccount, Perm: experts, Object: "review_expert", Audited: true},
		{Method: "POST", Pattern: "/experts/{id}/account/reset", Handler: s.expertAccountReset, Perm: experts, Object: "review_expert", Audited: true},
		{Method: "POST", Pattern: "/experts/{id}/leave", Handler: s.expertLeave, Perm: experts, Object: "review_expert", Audited: true},
		{Method: "POST", Pattern: "/experts/{id}/conflicts", Handler: s.expertConflict, Perm: experts, Object: "review_expert", Audited: true},
		{Method: "POST", Pattern: "/experts/{id}/conflicts/{cid}/remove", Handler: s.expertConflictRemove, Perm: experts, Object: "review_expert", Audited: true},
		{Method: "POST", Pattern: "/submissions/{id}/conflicts", Handler: s.submissionConflict, Perm: manage, Object: "review_submission", Audited: true},
		{Method: "GET", Pattern: "/outcomes", Handler: s.outcomeList},
		{Method: "GET", Pattern: "/outcomes/{id}", Handler: s.outcomeDetail, Object: "review_outcome"},
		{Method: "POST", Pattern: "/outcomes/{id}/files", Handler: s.outcomeFileAdd, Perm: manage, Object: "review_outcome", Audited: true},
		{Method: "GET", Pattern: "/outcomes/{id}/files/{aid}", Handler: s.outcomeFile, Object: "review_outcome"},
		{Method: "POST", Pattern: "/submissions/{id}/outcome", Handler: s.outcomePublish, Perm: manage, Object: "review_submission", Audited: true},
		{Method: "GET", Pattern: "/campaigns/awards", Handler: s.awardReport, Perm: manage},
		{Method: "GET", Pattern: "/contest-rounds", Handler: s.roundList, Perm: manage},
		{Method: "GET", Pattern: "/contest-rounds/{id}", Handler: s.roundPage, Perm: manage, Object: "review_round"},
		{Method: "GET", Pattern: "/contest-rounds/{id}/export", Handler: s.roundExport, Perm: manage, Object: "review_round"},
		{Method: "GET", Pattern: "/certificates/{serial}", Handler: s.certificateCheck, Public: true},
		{Method: "GET", Pattern: "/certificates/{serial}/pdf", Handler: s.certificatePDF, Public: true},
	}
}

// Menu is the module's side-menu group.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "评审", Items: []web.MenuItem{
		{Name: "评审活动", URL: "/campaigns", Show: campaignUsers},
		{Name: "我的评审任务", URL: "/reviews", Show: experts},
		{Name: "校本研修比拼", URL: "/contest-rounds", Show: web.Can(review.PermCampaignManage)},
		{Name: "课题", URL: "/projects", Show: campaignUsers},
		{Name: "成果库", URL: "/outcomes", Show: signedInPerson},
		{Name: "评选名额", URL: "/campaigns/awards"},
		{Name: "专家库", URL: "/experts", Show: web.Can(review.PermExpertManage)},
	}}}
}

// campaignUsers run, recommend to or submit to campaigns; a person-less
// account (the 三员) takes no part.
func campaignUsers(a app.Actor) bool {
	return a.Can(review.PermCampaignManage) || (a.OrgPath != "" && (a.Can(review.PermSubmit) || a.Can(review.PermRecommend)))
}

// experts are the accounts that score: the expert role (administrators
// hold 评审打分 only so that they may grant the role).
func experts(a app.Actor) bool { return a.HasRole(auth.RoleExpert) && a.Can(review.PermScore) }

// signedInPerson is any account of a person (the 三员 have no place in
// the tree to publish to).
func signedInPerson(a app.Actor) bool { return a.OrgPath != "" }

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// ImportKinds: none yet.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges(),
		Skip: []string{"POST /campaigns/{id}/assign", // a job: see pages_test.go
			"POST /submissions/{id}/files", "POST /campaigns/{id}/files", "POST /outcomes/{id}/files", // multipart: see file_test.go
			"POST /experts/{id}/account", "POST /experts/{id}/account/reset"}} // show the one-time password (200): see outside_test.go
}
