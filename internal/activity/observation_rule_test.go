package activity_test

import (
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

func TestObservationsPerResearcherAgainstTheRule(t *testing.T) {
	f := newFixture(t)
	ps := &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.clock }}
	f.svc.Policy = ps
	admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
	if err := ps.SetValue(ctx, admin, "330302", policy.RuleResearcherLessonsObservedPerYear, 2, 2025, "测试", 0); err != nil {
		t.Fatal(err)
	}
	busy := f.w.MustPerson(t, org.Person{Name: "鹿城勤教研", OrgID: f.w.BureauA, ResearcherKind: "fulltime", ResearcherSubject: "数学"})
	f.w.MustPerson(t, org.Person{Name: "鹿城闲教研", OrgID: f.w.BureauA, ResearcherKind: "parttime", ResearcherSubject: "语文"})
	f.w.MustPerson(t, org.Person{Name: "龙湾教研员", OrgID: f.w.BureauB, ResearcherKind: "fulltime", ResearcherSubject: "数学"})
	res := f.w.MustUser(t, busy, "res_busy", auth.RoleResearcher)
	for _, d := range []string{"2025-10-10", "2025-10-15", "2025-10-16"} {
		id, err := f.svc.CreateObservation(ctx, res, activity.Observation{TeacherID: f.w.TeacherA, Topic: "分数", Date: d, LessonType: activity.LessonRegular})
		if err != nil {
			t.Fatal(err)
		}
		if d != "2025-10-16" { // the third stays a draft and does not count
			if _, err := f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: 1, Diagnosis: "目标清楚"}, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	rep, err := f.svc.ObservationRuleReport(ctx, f.w.CityAdmin, 2025)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]activity.ResearcherLessons{}
	for _, r := range rep.Rows {
		got[r.Name] = r
	}
	if b := got["鹿城勤教研"]; b.Lessons != 2 || !b.Met() || b.Required != 2 {
		t.Errorf("busy researcher: %+v, want 2 of 2, met", b)
	}
	if i := got["鹿城闲教研"]; i.Lessons != 0 || i.Met() || i.Short() != 2 {
		t.Errorf("idle researcher: %+v, want 0, 2 short", i)
	}
	if l := got["龙湾教研员"]; l.RuleSet || l.Unset != "本区域未设定规则：每学年听课" {
		t.Errorf("龙湾 without the rule: %+v", l)
	}
	if len(rep.Rows) != 3 || rep.Met != 1 || rep.Short != 1 || rep.Unset != 1 {
		t.Errorf("city totals: %d rows, met %d short %d unset %d", len(rep.Rows), rep.Met, rep.Short, rep.Unset)
	}
	if rep, _ := f.svc.ObservationRuleReport(ctx, f.w.CountyA, 2025); len(rep.Rows) != 2 {
		t.Errorf("county A sees %d researchers, want its own 2", len(rep.Rows))
	}
	if _, err := f.svc.ObservationRuleReport(ctx, f.w.TeacherUserA, 2025); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher read the report: %v", err)
	}
}
