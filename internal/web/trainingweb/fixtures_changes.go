package trainingweb

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

// addCreditChanges adds the changes of the 学分 pages: a claim's approval
// or return, a batch approval, a teacher's tier and a region's
// hours-per-credit rule.
func addCreditChanges(ch map[string]changeMaker) {
	ch["POST /credits/claims/{id}/approve"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "school_a", Path: fmt.Sprintf("/credits/claims/%d/approve", ClaimOf(t, w, w.TeacherA, "省培项目"))}
	}
	ch["POST /credits/claims/{id}/return"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "school_a", Path: fmt.Sprintf("/credits/claims/%d/return", ClaimOf(t, w, w.TeacherA, "省培项目")),
			Form: url.Values{"reason": {"证书不清晰"}}}
	}
	ch["POST /credits/claims/approve"] = func(t testing.TB, w *testutil.World) web.Change {
		id := ClaimOf(t, w, w.TeacherA, "国培项目")
		return web.Change{User: "school_a", Path: "/credits/claims/approve", Form: url.Values{"ids": {fmt.Sprint(id)}}}
	}
	ch["POST /credits/people/{id}/tiers"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: fmt.Sprintf("/credits/people/%d/tiers", w.TeacherA),
			Form: url.Values{"tier": {"backbone"}, "date": {"2025-10-08"}, "basis": {"鹿教〔2025〕12号"}}}
	}
	ch["POST /credits/rules"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/credits/rules", Form: url.Values{"category": {credit.CategoryOnline},
			"from_year": {fmt.Sprint(ServiceOf(w).CurrentYear())}, "hours_per_credit": {"10"}}}
	}
}

// addPlanChanges adds the changes of a 校本研修 plan: creating, saving,
// submitting and reviewing it.
func addPlanChanges(ch map[string]changeMaker) {
	ch["POST /school-plans"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "school_a", Path: "/school-plans", Form: planFormOf(w, 0)}
	}
	ch["POST /school-plans/{id}"] = func(t testing.TB, w *testutil.World) web.Change {
		id := PlanOf(t, w, w.SchoolA, "旧主题", false)
		return web.Change{User: "school_a", Path: fmt.Sprintf("/school-plans/%d", id), Form: planFormOf(w, 1)}
	}
	ch["POST /school-plans/{id}/submit"] = func(t testing.TB, w *testutil.World) web.Change {
		id := PlanOf(t, w, w.SchoolA, "主题", false)
		return web.Change{User: "school_a", Path: fmt.Sprintf("/school-plans/%d/submit", id), Form: url.Values{"version": {"1"}}}
	}
	ch["POST /school-plans/{id}/review"] = func(t testing.TB, w *testutil.World) web.Change {
		id := PlanOf(t, w, w.SchoolA, "主题", true)
		return web.Change{User: "county_a", Path: fmt.Sprintf("/school-plans/%d/review", id),
			Form: url.Values{"version": {"2"}, "decision": {"file"}}}
	}
}

// addProgramChanges adds the changes of a program: creating it, signing up,
// completing, adding a session, checking in, nominating, deciding
// enrolments and setting quotas.
func addProgramChanges(ch map[string]changeMaker) {
	ch["POST /programs"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/programs", Form: url.Values{"school_year": {fmt.Sprint(ServiceOf(w).CurrentYear())},
			"title": {"新班主任岗前培训"}, "kind": {"new_head"}, "hours": {"24"}, "provider": {"鹿城区教师发展中心"}, "open": {"1"}}}
	}
	ch["POST /programs/{id}/signup"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "teacher_a", Path: fmt.Sprintf("/programs/%d/signup", ProgramOf(t, w, w.CountyA, "骨干研修"))}
	}
	ch["POST /programs/{id}/complete"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/complete", ProgramOf(t, w, w.CountyA, "骨干研修")),
			Form: url.Values{"version": {"1"}}}
	}
	ch["POST /programs/{id}/sessions"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/sessions", ProgramOf(t, w, w.CountyA, "骨干研修")),
			Form: url.Values{"title": {"第一次集中"}, "date": {"2026-12-10"}, "start": {"14:00"}, "end": {"16:00"}}}
	}
	ch["POST /programs/checkin"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "teacher_a", Path: "/programs/checkin", Form: url.Values{"code": {CheckInCode(t, w)}}}
	}
	ch["POST /programs/{id}/nominate"] = func(t testing.TB, w *testutil.World) web.Change {
		id := ProgramModeOf(t, w, w.CountyA, "新班主任岗前培训", "school")
		return web.Change{User: "school_a", Path: fmt.Sprintf("/programs/%d/nominate", id), Form: url.Values{"people": {fmt.Sprint(w.TeacherA)}}}
	}
	ch["POST /programs/{id}/enrolments"] = func(t testing.TB, w *testutil.World) web.Change {
		id := ProgramModeOf(t, w, w.CountyA, "新班主任岗前培训", "school")
		if _, err := ServiceOf(w).Nominate(context.Background(), w.SchoolAdminA, id, []int64{w.TeacherA}); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/enrolments", id),
			Form: url.Values{"people": {fmt.Sprint(w.TeacherA)}, "decision": {"approve"}}}
	}
	ch["POST /programs/{id}/quotas"] = func(t testing.TB, w *testutil.World) web.Change {
		id := ProgramModeOf(t, w, w.CountyA, "骨干教师培训", "quota")
		return web.Change{User: "county_a", Path: fmt.Sprintf("/programs/%d/quotas", id), Form: url.Values{"region": {"330302"}, "quota": {"3"}}}
	}
}

// addSurveyChanges adds the changes of a needs survey: sending,
// answering and closing it.
func addSurveyChanges(ch map[string]changeMaker) {
	ch["POST /surveys"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/surveys", Form: url.Values{"title": {"教师培训需求调研"},
			"questions": {"单选|最需要的培训内容|课堂教学;作业设计"}}}
	}
	ch["POST /surveys/{id}/answer"] = func(t testing.TB, w *testutil.World) web.Change {
		id := SurveyOf(t, w, w.CountyA, "鹿城教师培训需求调研")
		sv, _, err := ServiceOf(w).FindSurvey(context.Background(), w.CountyA, id)
		if err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "teacher_a", Path: fmt.Sprintf("/surveys/%d/answer", id), Form: url.Values{
			fmt.Sprintf("q%d", sv.Questions[0].ID): {"1"}, fmt.Sprintf("q%d", sv.Questions[1].ID): {"4"}}}
	}
	ch["POST /surveys/{id}/close"] = func(t testing.TB, w *testutil.World) web.Change {
		id := SurveyOf(t, w, w.CountyA, "鹿城教师培训需求调研")
		return web.Change{User: "county_a", Path: fmt.Sprintf("/surveys/%d/close", id), Form: url.Values{"version": {"1"}}}
	}
}

// addTalentChanges adds the changes of /talent: designating a school,
// removing the designation and adding a designation kind.
func addTalentChanges(ch map[string]changeMaker) {
	ch["POST /talent/designations"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/talent/designations", Form: url.Values{"org_id": {fmt.Sprint(w.SchoolA)},
			"kind": {training.KindModelSchool}, "school_year": {fmt.Sprint(ServiceOf(w).CurrentYear())}, "level": {"county"},
			"basis": {"鹿教研〔2025〕3号"}}}
	}
	ch["POST /talent/designations/{id}/remove"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: fmt.Sprintf("/talent/designations/%d/remove", DesignationOf(t, w, w.SchoolA, "鹿教研〔2025〕3号"))}
	}
	ch["POST /talent/designation-kinds"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/talent/designation-kinds", Form: url.Values{"kind_name": {"教研基地校"}}}
	}
}
