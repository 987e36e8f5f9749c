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
	return web.Fixtures{
		Objects: []web.ScopeObject{{Kind: "claim", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(ClaimOf(t, w, w.TeacherB, "龙湾跟岗研修项目")), "fid": "1"}, []string{"龙湾跟岗研修项目"}
		}}, {Kind: "program", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(ProgramOf(t, w, w.CountyB, "龙湾骨干教师研修班"))}, []string{"龙湾骨干教师研修班"}
		}}, {Kind: "survey", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(SurveyOf(t, w, w.CountyB, "龙湾教师培训需求调研"))}, []string{"龙湾教师培训需求调研"}
		}}, {Kind: "designation", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(DesignationOf(t, w, w.SchoolB, "龙教研〔2025〕7号"))}, []string{"龙教研〔2025〕7号"}
		}}, {Kind: "school_plan", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(PlanOf(t, w, w.SchoolB, "龙湾学校研修主题", true))}, []string{"龙湾学校研修主题"}
		}}},
		Changes: map[string]func(t testing.TB, w *testutil.World) web.Change{
			"POST /credits/claims/{id}/approve": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "school_a", Path: fmt.Sprintf("/credits/claims/%d/approve", ClaimOf(t, w, w.TeacherA, "省培项目"))}
			},
			"POST /credits/claims/{id}/return": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "school_a", Path: fmt.Sprintf("/credits/claims/%d/return", ClaimOf(t, w, w.TeacherA, "省培项目")),
					Form: url.Values{"reason": {"证书不清晰"}}}
			},
			"POST /credits/claims/approve": func(t testing.TB, w *testutil.World) web.Change {
				id := ClaimOf(t, w, w.TeacherA, "国培项目")
				return web.Change{User: "school_a", Path: "/credits/claims/approve", Form: url.Values{"ids": {fmt.Sprint(id)}}}
			},
			"POST /school-plans": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "school_a", Path: "/school-plans", Form: planFormOf(w, 0)}
			},
			"POST /school-plans/{id}": func(t testing.TB, w *testutil.World) web.Change {
				id := PlanOf(t, w, w.SchoolA, "旧主题", false)
				return web.Change{User: "school_a", Path: fmt.Sprintf("/school-plans/%d", id), Form: planFormOf(w, 1)}
			},
			"POST /school-plans/{id}/submit": func(t testing.TB, w *testutil.World) web.Change {
				id := PlanOf(t, w, w.SchoolA, "主题", false)
				return web.Change{User: "school_a", Path: fmt.Sprintf("/school-plans/%d/submit", id), Form: url.Values{"version": {"1"}}}
			},
			"POST /school-plans/{id}/review": func(t testing.TB, w *testutil.World) web.Change {
				id := PlanOf(t, w, w.SchoolA, "主题", true)
				return web.Change{User: "county_a", Path: fmt.Sprintf("/school-plans/%d/review", id),
					Form: url.Values{"version": {"2"}, "decision": {"file"}}}
			},
			"POST /credits/people/{id}/tiers": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: fmt.Sprintf("/credits/people/%d/tiers", w.TeacherA),
					Form: url.Values{"tier": {"backbone"}, "date": {"2025-10-08"}, "basis": {"鹿教〔2025〕12号"}}}
			},
			"POST /programs": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: "/programs", Form: url.Values{"school_year": {fmt.Sprint(ServiceOf(w).CurrentYear())},
					"title": {"新班主任岗前培训"}, "kind": {"new_head"}, "hours": {"24"}, "provider": {"鹿城区教师发展中心"}, "open": {"1"}}}
			},
			"POST /programs/{id}/signup": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "teacher_a", Path: fmt.Sprintf("/programs/%d/signup", ProgramOf(t, w, w.CountyA, "骨干研修"))}
			},
			"POST /programs/{id}/complete": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/complete", ProgramOf(t, w, w.CountyA, "骨干研修")),
					Form: url.Values{"version": {"1"}}}
			},
			"POST /programs/{id}/sessions": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/sessions", ProgramOf(t, w, w.CountyA, "骨干研修")),
					Form: url.Values{"title": {"第一次集中"}, "date": {"2026-12-10"}, "start": {"14:00"}, "end": {"16:00"}}}
			},
			"POST /programs/checkin": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "teacher_a", Path: "/programs/checkin", Form: url.Values{"code": {CheckInCode(t, w)}}}
			},
			"POST /surveys": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: "/surveys", Form: url.Values{"title": {"教师培训需求调研"},
					"questions": {"单选|最需要的培训内容|课堂教学;作业设计"}}}
			},
			"POST /surveys/{id}/answer": func(t testing.TB, w *testutil.World) web.Change {
				id := SurveyOf(t, w, w.CountyA, "鹿城教师培训需求调研")
				sv, _, err := ServiceOf(w).FindSurvey(context.Background(), w.CountyA, id)
				if err != nil {
					t.Fatal(err)
				}
				return web.Change{User: "teacher_a", Path: fmt.Sprintf("/surveys/%d/answer", id), Form: url.Values{
					fmt.Sprintf("q%d", sv.Questions[0].ID): {"1"}, fmt.Sprintf("q%d", sv.Questions[1].ID): {"4"}}}
			},
			"POST /surveys/{id}/close": func(t testing.TB, w *testutil.World) web.Change {
				id := SurveyOf(t, w, w.CountyA, "鹿城教师培训需求调研")
				return web.Change{User: "county_a", Path: fmt.Sprintf("/surveys/%d/close", id), Form: url.Values{"version": {"1"}}}
			},
			"POST /programs/{id}/nominate": func(t testing.TB, w *testutil.World) web.Change {
				id := ProgramModeOf(t, w, w.CountyA, "新班主任岗前培训", "school")
				return web.Change{User: "school_a", Path: fmt.Sprintf("/programs/%d/nominate", id), Form: url.Values{"people": {fmt.Sprint(w.TeacherA)}}}
			},
			"POST /programs/{id}/enrolments": func(t testing.TB, w *testutil.World) web.Change {
				id := ProgramModeOf(t, w, w.CountyA, "新班主任岗前培训", "school")
				if _, err := ServiceOf(w).Nominate(context.Background(), w.SchoolAdminA, id, []int64{w.TeacherA}); err != nil {
					t.Fatal(err)
				}
				return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/enrolments", id),
					Form: url.Values{"people": {fmt.Sprint(w.TeacherA)}, "decision": {"approve"}}}
			},
			"POST /programs/{id}/quotas": func(t testing.TB, w *testutil.World) web.Change {
				id := ProgramModeOf(t, w, w.CountyA, "骨干教师培训", "quota")
				return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/quotas", id), Form: url.Values{"region": {"330302"}, "quota": {"3"}}}
			},
			"POST /talent/designations": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: "/talent/designations", Form: url.Values{"org_id": {fmt.Sprint(w.SchoolA)},
					"kind": {training.KindModelSchool}, "school_year": {fmt.Sprint(ServiceOf(w).CurrentYear())}, "level": {"county"},
					"basis": {"鹿教研〔2025〕3号"}}}
			},
			"POST /talent/designations/{id}/remove": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: fmt.Sprintf("/talent/designations/%d/remove", DesignationOf(t, w, w.SchoolA, "鹿教研〔2025〕3号"))}
			},
			"POST /talent/designation-kinds": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: "/talent/designation-kinds", Form: url.Values{"kind_name": {"教研基地校"}}}
			},
			"POST /credits/rules": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: "/credits/rules", Form: url.Values{"category": {credit.CategoryOnline},
					"from_year": {fmt.Sprint(ServiceOf(w).CurrentYear())}, "hours_per_credit": {"10"}}}
			},
		},
		Skip: []string{"POST /credits/claims"}, // multipart: see claim_web_test.go
	}
}
