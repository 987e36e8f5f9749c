package trainingweb

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

// PNG is the head of a PNG file, enough for the certificate type check.
var PNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

// ServiceOf is a training service over the world, for tests.
func ServiceOf(w *testutil.World) *training.Service {
	return &training.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}}
}

// ClaimOf files a claim titled title for person (as that person, whatever
// their account) and returns its id.
func ClaimOf(t testing.TB, w *testutil.World, person int64, title string) int64 {
	t.Helper()
	a := app.Actor{Username: "fixture", PersonID: person, Perms: app.Perms(training.PermClaimCreate),
		Scope: app.Scope{SelfPersonID: person}}
	id, err := ServiceOf(w).CreateClaim(context.Background(), a, training.Claim{Category: credit.CategoryExternal, Title: title,
		Organiser: "浙江省教育厅", StartDate: "2025-09-10", EndDate: "2025-09-12", Hours: 24}, "证书.png", bytes.NewReader(PNG))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// PlanOf saves a draft plan of school for the current 学年 (submitted when
// submit) and returns its id.
func PlanOf(t testing.TB, w *testutil.World, school int64, theme string, submit bool) int64 {
	t.Helper()
	svc := ServiceOf(w)
	a := app.Actor{Username: "fixture", Perms: app.Perms(training.PermPlanEdit), Scope: app.Scope{All: true}}
	id, err := svc.SavePlan(context.Background(), a, training.Plan{OrgID: school, SchoolYear: svc.CurrentYear(), PublicFunds: 100,
		TrainingFunds: 10, Themes: []training.Theme{{Kind: "school", Title: theme, Domain: "teacher", Forms: []string{"peer"}}}})
	if err == nil && submit {
		err = svc.SubmitPlan(context.Background(), a, id, 1)
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// ProgramOf creates an open program of the current 学年 by manager's
// region and returns its id.
func ProgramOf(t testing.TB, w *testutil.World, manager app.Actor, title string) int64 {
	t.Helper()
	return ProgramModeOf(t, w, manager, title, "open")
}

// ProgramModeOf creates a program of the current 学年 by manager's region
// with enrolment mode (open, school or quota) and returns its id.
func ProgramModeOf(t testing.TB, w *testutil.World, manager app.Actor, title, mode string) int64 {
	t.Helper()
	svc := ServiceOf(w)
	a := manager
	a.Perms = app.Perms(training.PermProgramManage)
	id, err := svc.CreateProgram(context.Background(), a, training.Program{SchoolYear: svc.CurrentYear(), Title: title, Kind: "tier",
		Tier: "backbone", Hours: 30, Provider: "温州大学", EnrolMode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// SurveyOf sends a needs survey titled title to every teacher of
// manager's region (one choice, one rating and one text question) and
// returns its id.
func SurveyOf(t testing.TB, w *testutil.World, manager app.Actor, title string) int64 {
	t.Helper()
	a := manager
	a.Perms = app.Perms(training.PermProgramManage)
	qs, err := training.ParseQuestions("单选|最需要的培训内容|课堂教学;作业设计\n评分|对去年培训的满意度\n填空|其他建议")
	if err == nil {
		var id int64
		if id, err = ServiceOf(w).CreateSurvey(context.Background(), a, training.Survey{Title: title, Questions: qs}); err == nil {
			return id
		}
	}
	t.Fatal(err)
	return 0
}

// DesignationOf designates school a county-level 校本研修示范校 of the
// current 学年 on basis and returns the designation's id.
func DesignationOf(t testing.TB, w *testutil.World, school int64, basis string) int64 {
	t.Helper()
	svc := ServiceOf(w)
	a := w.CityAdmin
	a.Perms = app.Perms(training.PermTalentEdit)
	id, err := svc.Designate(context.Background(), a, training.Designation{OrgID: school, Kind: training.KindModelSchool,
		SchoolYear: svc.CurrentYear(), Level: "county", Basis: basis})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// CheckInCode signs teacher A up for a program of county A with a session
// open now and returns the session's check-in code.
func CheckInCode(t testing.TB, w *testutil.World) string {
	t.Helper()
	svc := ServiceOf(w)
	id := ProgramOf(t, w, w.CountyA, "签到研修")
	a := w.CountyA
	a.Perms = app.Perms(training.PermProgramManage, training.PermCreditView)
	now := time.Now()
	if _, err := svc.AddSession(context.Background(), a, id, "第一次集中", now.Add(-time.Minute), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	teacher := app.Actor{Username: "teacher_a", PersonID: w.TeacherA, OrgID: w.SchoolA, Perms: app.Perms(training.PermCreditView),
		Scope: app.Scope{SelfPersonID: w.TeacherA}}
	if err := svc.SignUp(context.Background(), teacher, id); err != nil {
		t.Fatal(err)
	}
	ss, err := svc.FindSessions(context.Background(), a, id)
	if err != nil || len(ss) == 0 {
		t.Fatalf("sessions: %v", err)
	}
	return ss[0].Code
}

// planForm is a valid plan form of school_a's school.
func planFormOf(w *testutil.World, version int) url.Values {
	return url.Values{"org_id": {fmt.Sprint(w.SchoolA)}, "school_year": {fmt.Sprint(ServiceOf(w).CurrentYear())},
		"version": {fmt.Sprint(version)}, "school_title": {"课堂转型"}, "school_domain": {"teacher"}, "school_forms": {"peer", "expert"},
		"public_funds": {"100"}, "training_funds": {"12"}, "act_month_0": {"10"}, "act_title_0": {"主题启动会"}}
}

// Fixtures are the module's registrations for the whole-site tests.
func (m *module) Fixtures() web.Fixtures {
	ch := map[string]changeMaker{}
	addCreditChanges(ch)
	addPlanChanges(ch)
	addProgramChanges(ch)
	addSurveyChanges(ch)
	addTalentChanges(ch)
	return web.Fixtures{
		Objects: scopeObjects(),
		Changes: ch,
		Skip:    []string{"POST /credits/claims"}, // multipart: see claim_web_test.go
	}
}

// changeMaker makes one valid request of an audited route in w.
type changeMaker = func(t testing.TB, w *testutil.World) web.Change

// scopeObject is an object of kind made in county B by make, which
// returns its id, and the one string naming it, which no county A page
// may show.
func scopeObject(kind, secret string, make func(t testing.TB, w *testutil.World) int64) web.ScopeObject {
	return web.ScopeObject{Kind: kind, Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
		return map[string]string{"id": fmt.Sprint(make(t, w))}, []string{secret}
	}}
}

// scopeObjects make one claim (its certificate is file 1), program,
// survey, designation and school plan in county B.
func scopeObjects() []web.ScopeObject {
	return []web.ScopeObject{
		{Kind: "claim", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(ClaimOf(t, w, w.TeacherB, "龙湾跟岗研修项目")), "fid": "1"}, []string{"龙湾跟岗研修项目"}
		}},
		scopeObject("program", "龙湾骨干教师研修班", func(t testing.TB, w *testutil.World) int64 {
			return ProgramOf(t, w, w.CountyB, "龙湾骨干教师研修班")
		}),
		scopeObject("survey", "龙湾教师培训需求调研", func(t testing.TB, w *testutil.World) int64 {
			return SurveyOf(t, w, w.CountyB, "龙湾教师培训需求调研")
		}),
		scopeObject("designation", "龙教研〔2025〕7号", func(t testing.TB, w *testutil.World) int64 {
			return DesignationOf(t, w, w.SchoolB, "龙教研〔2025〕7号")
		}),
		scopeObject("school_plan", "龙湾学校研修主题", func(t testing.TB, w *testutil.World) int64 {
			return PlanOf(t, w, w.SchoolB, "龙湾学校研修主题", true)
		}),
	}
}
