package reviewweb

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// The module's registrations for the whole-site tests: its objects for
// the scope walk and a valid request for each audited route.

// countyB is, per test world, the county B flow every object kind shares.
var countyB = struct {
	sync.Mutex
	of map[*testutil.World]Flow
}{of: map[*testutil.World]Flow{}}

// countyBFlow is w's county B flow, built on first use.
func countyBFlow(t testing.TB, w *testutil.World) Flow {
	countyB.Lock()
	defer countyB.Unlock()
	f, ok := countyB.of[w]
	if !ok {
		f = NewFlow(t, w, "b", "龙湾区评比", StageObjection, 0, false)
		countyB.of[w] = f
		t.Cleanup(func() { countyB.Lock(); delete(countyB.of, w); countyB.Unlock() })
	}
	return f
}

// countyBSecrets are the names a county A page may never show of it.
var countyBSecrets = []string{"龙湾区评比", "龙湾区评比申报人", "龙湾区评比评审专家1"}

// scopeObjects make one object of each kind in county B.
func scopeObjects() []web.ScopeObject {
	obj := func(kind string, id func(Flow) int64) web.ScopeObject {
		return web.ScopeObject{Kind: kind, Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(id(countyBFlow(t, w)))}, countyBSecrets
		}}
	}
	return []web.ScopeObject{
		obj("review_campaign", func(f Flow) int64 { return f.Campaign }),
		obj("review_submission", func(f Flow) int64 { return f.Submission }),
		obj("review_task", func(f Flow) int64 { return f.Task }),
		obj("review_expert", func(f Flow) int64 { return f.Expert }),
		obj("review_objection", func(f Flow) int64 { return f.Objection }),
		{Kind: "review_project", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			_, id := NewProject(t, w, "b", "龙湾区课题")
			return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾区课题申报项目", "龙湾区课题申报人"}
		}},
		{Kind: "review_round", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id, _ := NewRound(t, w, "b", "龙湾区比拼学期")
			return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾区比拼学期"}
		}},
		{Kind: "review_outcome", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			_, id := NewOutcome(t, w, "b", "龙湾区论文")
			return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾区论文申报项目", "龙湾区论文申报人"}
		}},
	}
}

// changeMaker makes one valid request of an audited route in w.
type changeMaker = func(t testing.TB, w *testutil.World) web.Change

// form is web.Form: the url.Values of key, value, ….
func form(kv ...string) url.Values { return web.Form(kv...) }

// auditedChanges are valid county A requests for every audited route.
func auditedChanges() map[string]changeMaker {
	ch := map[string]changeMaker{}
	addCampaignChanges(ch)
	addSubmissionChanges(ch)
	addTaskChanges(ch)
	addProjectChanges(ch)
	addExpertChanges(ch)
	return ch
}

// flowChange is a change on a fresh county A campaign built up to stage
// (school recommendation a step when quota > 0, a second expert when two):
// user sends it to path, with the form f gives (none when f is nil).
func flowChange(stage, quota int, two bool, user, path func(Flow) string, f flowForm) changeMaker {
	return func(t testing.TB, w *testutil.World) web.Change {
		fl := NewFlow(t, w, "a", "鹿城区评比", stage, quota, two)
		var v url.Values
		if f != nil {
			v = f(t, w, fl)
		}
		return web.Change{User: user(fl), Path: path(fl), Form: v}
	}
}

// flowForm is the form of a change on a test campaign.
type flowForm = func(t testing.TB, w *testutil.World, f Flow) url.Values

// fixedForm is the form kv (key, value, …) whatever the campaign.
func fixedForm(kv ...string) flowForm {
	return func(testing.TB, *testutil.World, Flow) url.Values { return form(kv...) }
}

// Who sends a change: the county administrator, the submission's author,
// the expert its task went to.
func byAdmin(Flow) string    { return "county_a" }
func byAuthor(f Flow) string { return f.Author }
func byExpert(f Flow) string { return f.ExpertUser }

// campaignPath, submissionPath, taskPath and expertPath are the path of
// the flow's campaign, submission, review task or expert, then suffix.
func campaignPath(suffix string) func(Flow) string {
	return func(f Flow) string { return fmt.Sprintf("/campaigns/%d%s", f.Campaign, suffix) }
}

func submissionPath(suffix string) func(Flow) string {
	return func(f Flow) string { return fmt.Sprintf("/submissions/%d%s", f.Submission, suffix) }
}

func taskPath(suffix string) func(Flow) string {
	return func(f Flow) string { return fmt.Sprintf("/reviews/%d%s", f.Task, suffix) }
}

func expertPath(suffix string) func(Flow) string {
	return func(f Flow) string { return fmt.Sprintf("/experts/%d%s", f.Expert, suffix) }
}

// addCampaignChanges adds the changes of /campaigns: creating a campaign
// or a 比拼 round, and each step of a campaign's life.
func addCampaignChanges(ch map[string]changeMaker) {
	ch["POST /campaigns"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/campaigns", Form: form("kind", "award", "title", "鹿城区先进教研组评比", "opens", day(0),
			"closes", day(20), "reviewers", "3", "method", "trimmed", "rubric", "建设 50\n成效 50")}
	}
	ch["POST /campaigns/contest-round"] = contestRoundChange
	ch["POST /campaigns/{id}/drafts"] = flowChange(StageDraft, 0, false, byAuthor, campaignPath("/drafts"), fixedForm("title", "新的申报"))
	ch["POST /campaigns/{id}/recommend"] = flowChange(StageSubmitted, 1, false, func(Flow) string { return "school_a" }, campaignPath("/recommend"),
		func(_ testing.TB, _ *testutil.World, f Flow) url.Values {
			return form("level", "school", "ids", fmt.Sprint(f.Submission))
		})
	ch["POST /campaigns/{id}/reassign"] = func(t testing.TB, w *testutil.World) web.Change {
		f := NewFlow(t, w, "a", "鹿城区评比", StageAssigned, 0, true)
		if err := f.Svc.Respond(context.Background(), w.ActorOf(t, f.ExpertUser), f.Task, false, "出差"); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: campaignPath("/reassign")(f)}
	}
	ch["POST /campaigns/{id}/rubric"] = flowChange(StageDraft, 0, false, byAdmin, campaignPath("/rubric"), fixedForm("rubric", "选题 30\n过程 30\n成效 40"))
	ch["POST /campaigns/{id}/aggregate"] = flowChange(StageScored, 0, false, byAdmin, campaignPath("/aggregate"), nil)
	ch["POST /campaigns/{id}/publicity"] = flowChange(StageAggregated, 0, false, byAdmin, campaignPath("/publicity"), fixedForm("from", day(0), "to", day(7)))
	ch["POST /campaigns/{id}/finalize"] = flowChange(StagePublicityOver, 0, false, byAdmin, campaignPath("/finalize"), nil)
}

// contestRoundChange creates this 学年's 比拼 round in county A, whose
// rotation the region starts this year.
func contestRoundChange(t testing.TB, w *testutil.World) web.Change {
	y := dict.SchoolYearOf(time.Now().In(web.CST))
	err := (&policy.Service{DB: w.DB}).SetValue(context.Background(), testutil.Root, "330302", policy.RuleContestRotationStartYear,
		float64(y), y, "测试", 0)
	if err != nil {
		t.Fatal(err)
	}
	d := func(m, dd int) string {
		return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, web.CST).Format("2006-01-02")
	}
	return web.Change{User: "county_a", Path: "/campaigns/contest-round", Form: form("term", fmt.Sprintf("%d学年第一学期", y),
		"opens_0", d(9, 10), "closes_0", d(9, 30), "opens_1", d(11, 1), "closes_1", d(11, 20), "opens_2", d(12, 20), "closes_2", d(12, 31),
		"reviewers", "3", "rubric", "方案 100")}
}

// addSubmissionChanges adds the changes of a submission: editing,
// submitting, withdrawing, checking, objecting and an objection's answer,
// a declared conflict and publishing to the 成果库.
func addSubmissionChanges(ch map[string]changeMaker) {
	ch["POST /submissions/{id}"] = flowChange(StageDraft, 0, false, byAuthor, submissionPath(""), func(_ testing.TB, _ *testutil.World, f Flow) url.Values {
		return form("campaign_id", fmt.Sprint(f.Campaign), "version", "1", "title", "改过的题目", "subject", "数学", "stage", "primary", "content", "正文")
	})
	ch["POST /submissions/{id}/submit"] = flowChange(StageDraft, 0, false, byAuthor, submissionPath("/submit"), nil)
	ch["POST /submissions/{id}/withdraw"] = flowChange(StageSubmitted, 0, false, byAuthor, submissionPath("/withdraw"), nil)
	ch["POST /submissions/{id}/check"] = flowChange(StageSubmitted, 0, false, byAdmin, submissionPath("/check"), fixedForm("result", "pass"))
	ch["POST /submissions/{id}/objections"] = flowChange(StagePublicity, 0, false, byAuthor, submissionPath("/objections"), fixedForm("text", "成果与他人雷同"))
	ch["POST /objections/{id}"] = flowChange(StageObjection, 0, false, byAdmin, func(f Flow) string { return fmt.Sprintf("/objections/%d", f.Objection) },
		fixedForm("result", "dismissed", "reply", "经核实不属实"))
	ch["POST /submissions/{id}/conflicts"] = flowChange(StageSubmitted, 0, false, byAdmin, submissionPath("/conflicts"), fixedForm("expert_name", "鹿城区评比评审专家1", "reason", "申报人为其亲属"))
	ch["POST /submissions/{id}/outcome"] = func(t testing.TB, w *testutil.World) web.Change {
		f := finalFlow(t, w, "a", "鹿城区论文", review.KindPaper)
		return web.Change{User: "county_a", Path: submissionPath("/outcome")(f), Form: form("kind", "case")}
	}
}

// addTaskChanges adds an expert's changes of a review task: answering the
// invitation, declaring no conflict and scoring.
func addTaskChanges(ch map[string]changeMaker) {
	ch["POST /reviews/{id}/respond"] = flowChange(StageAssigned, 0, false, byExpert, taskPath("/respond"), fixedForm("accept", "1"))
	ch["POST /reviews/{id}/declare"] = flowChange(StageAssigned, 0, false, byExpert, taskPath("/declare"), fixedForm("conflict", "0"))
	ch["POST /reviews/{id}/scores"] = flowChange(StageDeclared, 0, false, byExpert, taskPath("/scores"), func(t testing.TB, w *testutil.World, f Flow) url.Values {
		task, err := f.Svc.FindTask(context.Background(), w.ActorOf(t, f.ExpertUser), f.Task)
		if err != nil {
			t.Fatal(err)
		}
		return form("version", fmt.Sprint(task.Version), "score_0", "35", "score_1", "52", "final", "1")
	})
}

// addProjectChanges adds the changes of 课题: establishing the projects of
// a finished 立项 campaign and advancing one.
func addProjectChanges(ch map[string]changeMaker) {
	ch["POST /campaigns/{id}/establish"] = func(t testing.TB, w *testutil.World) web.Change {
		f := NewFlowKind(t, w, "a", "鹿城区课题", review.KindProjectApply, StagePublicityOver, 0, false)
		if _, err := f.Svc.Finalize(context.Background(), f.Admin, f.Campaign); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: campaignPath("/establish")(f), Form: form("level", "county", "year", "2026",
			"due_open", day(30), "due_mid", day(200), "due_end", day(400))}
	}
	ch["POST /projects/{id}/advance"] = func(t testing.TB, w *testutil.World) web.Change {
		_, id := NewProject(t, w, "a", "鹿城区课题")
		return web.Change{User: "county_a", Path: fmt.Sprintf("/projects/%d/advance", id), Form: form("version", "1", "date", day(0), "note", "开题论证")}
	}
}

// addExpertChanges adds the changes of the 专家库: admitting an expert,
// their leave, and adding and removing a conflict of theirs.
func addExpertChanges(ch map[string]changeMaker) {
	ch["POST /experts"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/experts", Form: form("person_id", fmt.Sprint(w.TeacherA), "subjects", "数学", "max_load", "6", "reason", "区教研室推荐")}
	}
	ch["POST /experts/{id}/leave"] = flowChange(StageDraft, 0, false, byAdmin, expertPath("/leave"), fixedForm("reason", "本人申请"))
	ch["POST /experts/{id}/conflicts"] = flowChange(StageDraft, 0, false, byAdmin, expertPath("/conflicts"), func(_ testing.TB, w *testutil.World, _ Flow) url.Values {
		return form("person_id", fmt.Sprint(w.TeacherA), "reason", "师徒关系")
	})
	ch["POST /experts/{id}/conflicts/{cid}/remove"] = removeConflictChange
}

// removeConflictChange removes the one organisation conflict a county A
// expert has.
func removeConflictChange(t testing.TB, w *testutil.World) web.Change {
	f := NewFlow(t, w, "a", "鹿城区评比", StageDraft, 0, false)
	ctx := context.Background()
	if err := f.Svc.AddOrgConflict(ctx, f.Admin, f.Expert, "鹿城区实验小学", "曾在该校任教"); err != nil {
		t.Fatal(err)
	}
	cs, err := f.Svc.Conflicts(ctx, f.Admin, f.Expert)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts %+v, %v", cs, err)
	}
	return web.Change{User: "county_a", Path: fmt.Sprintf("/experts/%d/conflicts/%d/remove", f.Expert, cs[0].ID), Form: form("reason", "误登记")}
}
