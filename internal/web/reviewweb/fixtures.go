package reviewweb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// Stages a test campaign is built up to, in order.
const (
	StageDraft = iota
	StageSubmitted
	StagePassed
	StageAssigned
	StageDeclared
	StageScored
	StageAggregated
	StagePublicity
	StageObjection
	StagePublicityOver
)

// Flow is a county's test campaign built through the service: one
// author's submission, one or two experts, up to a stage.
type Flow struct {
	Svc         *review.Service
	Admin       app.Actor // the county administrator who organises it
	Campaign    int64
	Submission  int64
	Author      string // username of the author
	Expert      int64  // the pool expert the task went to
	ExpertUser  string
	OtherExpert string // username of the second expert, when asked for
	Task        int64
	Objection   int64
}

// ServiceOf is a review service over the world, for tests.
func ServiceOf(w *testutil.World) *review.Service {
	return &review.Service{DB: w.DB, Jobs: &jobs.Store{DB: w.DB, Keys: w.Keys}, Auth: w.Auth}
}

func day(offset int) string { return time.Now().In(web.CST).AddDate(0, 0, offset).Format("2006-01-02") }

// NewFlow builds, in county "a" (鹿城区) or "b" (龙湾区) of w, a campaign
// named title up to stage; schoolQuota > 0 makes school recommendation a
// step; twoExperts adds a second expert to the pool.
func NewFlow(t testing.TB, w *testutil.World, county, title string, stage, schoolQuota int, twoExperts bool) Flow {
	t.Helper()
	return NewFlowKind(t, w, county, title, review.KindAward, stage, schoolQuota, twoExperts)
}

// NewFlowKind is NewFlow for a campaign of kind; accounts of a kind other
// than 评比 get their own names, so both can live in one world.
func NewFlowKind(t testing.TB, w *testutil.World, county, title, kind string, stage, schoolQuota int, twoExperts bool) Flow {
	t.Helper()
	return newFlow(t, w, county, title, kind, stage, schoolQuota, twoExperts, false)
}

// NewOutsideFlow is NewFlow whose one expert comes from outside the org
// tree (高校): no person record, an account opened by the county office
// through OpenExpertAccount, whose password the test then sets to
// testutil.Password (as if the expert had changed it at first sign-in).
func NewOutsideFlow(t testing.TB, w *testutil.World, county, title string, stage int) Flow {
	t.Helper()
	return newFlow(t, w, county, title, review.KindAward, stage, 0, false, true)
}

func newFlow(t testing.TB, w *testutil.World, county, title, kind string, stage, schoolQuota int, twoExperts, outside bool) Flow {
	t.Helper()
	ctx := context.Background()
	bureau, school, admin := w.BureauA, w.SchoolA, w.CountyA
	if county == "b" {
		bureau, school, admin = w.BureauB, w.SchoolB, w.CountyB
	}
	tag := county
	if kind != review.KindAward {
		tag += "_" + kind
	}
	f := Flow{Svc: ServiceOf(w), Admin: admin, Author: "rv_author_" + tag, ExpertUser: "rv_expert_" + tag}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.Campaign, err = f.Svc.CreateCampaign(ctx, admin, review.Campaign{Kind: kind, Title: title, Term: tag, OrgID: bureau, Opens: day(-1),
		Closes: day(30), ReviewDue: day(40), Reviewers: 1, Method: review.MethodMean, SchoolQuota: schoolQuota, AwardQuota: 1},
		[]review.RubricItem{{Name: "选题", Max: 40}, {Name: "成效", Max: 60}})
	must(err)
	author := w.MustPerson(t, org.Person{Name: title + "申报人", OrgID: school, Subjects: []string{"数学"}})
	web.TestUser(t, w, author, f.Author, auth.RoleTeacher)
	aa := w.ActorOf(t, f.Author)
	f.Submission, _, err = f.Svc.SaveDraft(ctx, aa, review.Submission{CampaignID: f.Campaign, Title: title + "申报项目", Subject: "数学", Stage: "primary", Content: "案例正文"})
	must(err)
	if stage >= StageSubmitted {
		must(f.Svc.Submit(ctx, aa, f.Submission))
	}
	if stage >= StagePassed {
		if schoolQuota > 0 {
			must(f.Svc.Recommend(ctx, w.SchoolAdminA, f.Campaign, review.LevelSchool, []int64{f.Submission}))
		}
		must(f.Svc.FormalCheck(ctx, admin, f.Submission, true, ""))
	}
	if outside {
		f.ExpertUser = "rv_outside_" + tag
		f.Expert = NewOutsideExpert(t, w, f.Svc, f.Admin, bureau, title+"外部专家", f.ExpertUser, tag)
	} else {
		f.addExperts(t, w, bureau, title, tag, twoExperts)
	}
	if stage >= StageAssigned {
		f.assign(t, w)
	}
	f.score(t, w, stage)
	f.publish(t, w, stage)
	return f
}

// NewOutsideExpert puts an outside expert named name (浙江师范大学) in the
// pool of bureau, available in term, opens the account username for them
// as admin would from the expert page, and sets its password to
// testutil.Password with no change pending. It returns the expert's id.
func NewOutsideExpert(t testing.TB, w *testutil.World, svc *review.Service, admin app.Actor, bureau int64, name, username, term string) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := svc.JoinPool(ctx, admin, review.Expert{Name: name, Affiliation: "浙江师范大学", PoolOrgID: bureau, Subjects: []string{"数学"},
		Stages: []string{"primary"}, Terms: []string{term}, MaxLoad: 5}, "高校专家入库")
	if err != nil {
		t.Fatal(err)
	}
	acc, err := svc.OpenExpertAccount(ctx, admin, id, username)
	if err != nil {
		t.Fatal(err)
	}
	hash := w.Auth.Hasher.Hash(testutil.Password)
	if err := w.DB.Exec(ctx, "UPDATE users SET password_hash = ?, must_change = FALSE WHERE id = ?", hash, acc.UserID); err != nil {
		t.Fatal(err)
	}
	return id
}

// addExperts puts one or two experts in the pool, available only in the
// flow's own term so that other flows in the world do not draw on them.
func (f *Flow) addExperts(t testing.TB, w *testutil.World, bureau int64, title, term string, two bool) {
	t.Helper()
	users := []string{f.ExpertUser}
	if two {
		f.OtherExpert = f.ExpertUser + "2"
		users = append(users, f.OtherExpert)
	}
	for i, u := range users {
		pid := w.MustPerson(t, org.Person{Name: fmt.Sprintf("%s评审专家%d", title, i+1), OrgID: bureau, Subjects: []string{"数学"}})
		web.TestUser(t, w, pid, u, auth.RoleExpert)
		id, err := f.Svc.JoinPool(context.Background(), f.Admin, review.Expert{PersonID: pid, PoolOrgID: bureau, Subjects: []string{"数学"},
			Stages: []string{"primary"}, Terms: []string{term}, MaxLoad: 5}, "测试入库")
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.Expert = id
		}
	}
}

// assign runs the assignment and finds the task and whose it is.
func (f *Flow) assign(t testing.TB, w *testutil.World) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.Svc.Assign(ctx, f.Admin, f.Campaign, nil); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{f.ExpertUser, f.OtherExpert} {
		if u == "" {
			continue
		}
		tasks, err := f.Svc.MyTasks(ctx, w.ActorOf(t, u))
		if err != nil {
			t.Fatal(err)
		}
		if len(tasks) > 0 {
			f.Task = tasks[0].ID
			if u != f.ExpertUser {
				f.ExpertUser, f.OtherExpert = u, f.ExpertUser
			}
		}
	}
}

func (f *Flow) score(t testing.TB, w *testutil.World, stage int) {
	t.Helper()
	ctx := context.Background()
	if stage < StageDeclared {
		return
	}
	ea := w.ActorOf(t, f.ExpertUser)
	if err := f.Svc.Declare(ctx, ea, f.Task, false, ""); err != nil {
		t.Fatal(err)
	}
	if stage < StageScored {
		return
	}
	task, err := f.Svc.FindTask(ctx, ea, f.Task)
	if err == nil {
		_, err = f.Svc.SaveScores(ctx, ea, review.ScoreForm{Task: f.Task, Version: task.Version, Scores: []float64{30, 50}, Final: true})
	}
	if err != nil {
		t.Fatal(err)
	}
}

func (f *Flow) publish(t testing.TB, w *testutil.World, stage int) {
	t.Helper()
	ctx := context.Background()
	if stage >= StageAggregated {
		if _, err := f.Svc.AggregateCampaign(ctx, f.Admin, f.Campaign); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	switch {
	case stage == StagePublicityOver:
		err = f.Svc.StartPublicity(ctx, f.Admin, f.Campaign, day(-8), day(-1))
	case stage >= StagePublicity:
		err = f.Svc.StartPublicity(ctx, f.Admin, f.Campaign, day(0), day(7))
	}
	if err == nil && stage == StageObjection {
		f.Objection, _, err = f.Svc.FileObjection(ctx, w.ActorOf(t, f.Author), f.Submission, "与已发表作品雷同")
	}
	if err != nil {
		t.Fatal(err)
	}
}

// NewProject builds a 课题申报 in county up to its final list and 立项,
// and returns the flow and the project.
func NewProject(t testing.TB, w *testutil.World, county, title string) (Flow, int64) {
	t.Helper()
	ctx := context.Background()
	f := finalFlow(t, w, county, title, review.KindProjectApply)
	y := time.Now().In(web.CST).Year()
	if _, err := f.Svc.Establish(ctx, f.Admin, review.Establishment{Campaign: f.Campaign, Level: review.LevelCounty, Year: y,
		DueOpen: day(30), DueMid: day(200), DueEnd: day(400)}); err != nil {
		t.Fatal(err)
	}
	list, _, err := f.Svc.FindProjects(ctx, f.Admin, review.ProjectFilter{})
	if err != nil || len(list) == 0 {
		t.Fatalf("no project: %v", err)
	}
	return f, list[0].ID
}

// NewRound publishes, as county ("a" or "b")'s office, a 比拼 round of
// the current 学年 named term, with the region's rotation starting this
// 学年 (so 中学 runs it), one-reviewer phases on a 100-point rubric. It
// returns the round and its three campaigns.
func NewRound(t testing.TB, w *testutil.World, county, term string) (int64, []int64) {
	t.Helper()
	ctx := context.Background()
	region, bureau, admin := "330302", w.BureauA, w.CountyA
	if county == "b" {
		region, bureau, admin = "330303", w.BureauB, w.CountyB
	}
	y := dict.SchoolYearOf(time.Now().In(web.CST))
	svc := ServiceOf(w)
	svc.Policy = &policy.Service{DB: w.DB}
	if err := svc.Policy.SetValue(ctx, testutil.Root, region, policy.RuleContestRotationStartYear, float64(y), y, "测试", 0); err != nil {
		t.Fatal(err)
	}
	d := func(m, dd int) string {
		return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, web.CST).Format("2006-01-02")
	}
	rubric := []review.RubricItem{{Name: "总评", Max: 100}}
	round, ids, err := svc.CreateContestRound(ctx, admin, review.ContestRound{OrgID: bureau, Term: term, Reviewers: 1,
		Rubrics: [3][]review.RubricItem{rubric, rubric, rubric},
		Dates:   [3][2]string{{d(9, 10), d(9, 30)}, {d(11, 1), d(11, 20)}, {d(12, 20), d(12, 31)}}})
	if err != nil {
		t.Fatal(err)
	}
	return round, ids
}

// NewOutcome builds a finished 论文评审 in county and publishes its
// awarded entry to the 成果库; it returns the flow and the outcome.
func NewOutcome(t testing.TB, w *testutil.World, county, title string) (Flow, int64) {
	t.Helper()
	f := finalFlow(t, w, county, title, review.KindPaper)
	id, err := f.Svc.Publish(context.Background(), f.Admin, f.Submission, review.OutcomeCase)
	if err != nil {
		t.Fatal(err)
	}
	return f, id
}

func finalFlow(t testing.TB, w *testutil.World, county, title, kind string) Flow {
	t.Helper()
	f := NewFlowKind(t, w, county, title, kind, StagePublicityOver, 0, false)
	if _, err := f.Svc.Finalize(context.Background(), f.Admin, f.Campaign); err != nil {
		t.Fatal(err)
	}
	return f
}
