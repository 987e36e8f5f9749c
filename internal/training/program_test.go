package training_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

func TestProgramSignUpAndCompletionReachTheLedger(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	id, err := f.Svc.CreateProgram(ctx, f.CountyA, training.Program{SchoolYear: 2020, Title: "新任教师岗前培训", Kind: "new_teacher",
		Tier: "new", Hours: 40, Budget: 3, Provider: "鹿城区教师发展中心", Open: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CreateProgram(ctx, f.CountyA, training.Program{SchoolYear: 2020, Title: "x", Kind: "tier", Hours: 0, Provider: "y"}); app.ErrorMessage(err) != "学时应大于 0 且不超过 1000" {
		t.Errorf("zero hours: %v", err)
	}
	if err := f.Svc.SignUp(ctx, f.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.SignUp(ctx, f.TeacherUserA, id); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("signing up twice: %v", err)
	}
	if _, err := f.Svc.FindProgramByID(ctx, f.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B sees 鹿城's program: %v", err)
	}
	if _, err := f.Svc.CompleteProgram(ctx, f.CountyB, id, 1); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B completing it: %v", err)
	}
	n, err := f.Svc.CompleteProgram(ctx, f.CountyA, id, 1)
	if err != nil || n != 1 {
		t.Fatalf("complete: %d, %v", n, err)
	}
	st, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2020)
	if st.YearCredits != 4 {
		t.Errorf("credits after the program = %v, want 4 (40 学时 of 集中培训)", st.YearCredits)
	}
	ps, _ := f.Svc.FindPrograms(ctx, f.TeacherUserA, 2020)
	if len(ps) != 1 || !ps[0].Mine || !ps[0].Completed() || ps[0].Credited != 1 {
		t.Errorf("the teacher's programs %+v", ps)
	}
}

func TestTrainerTrainingCountsAgainstTheRule(t *testing.T) {
	f := newFixture(t)
	if err := f.Pol.SetValue(ctx, app.System("测试", "region.edit"), "330300", policy.RuleOfficeTrainerTrainingPerYear, 100, 2020, "", 0); err != nil {
		t.Fatal(err)
	}
	id, _ := f.Svc.CreateProgram(ctx, f.CountyA, training.Program{SchoolYear: 2020, Title: "研训人员能力提升", Kind: "trainer",
		Hours: 24, Provider: "温州大学", Open: true})
	_ = f.Svc.SignUp(ctx, f.TeacherUserA, id)
	if _, err := f.Svc.CompleteProgram(ctx, f.CountyA, id, 1); err != nil {
		t.Fatal(err)
	}
	text, err := f.Svc.TrainerPersonTimes(ctx, f.CountyA, 2020)
	if err != nil || !strings.Contains(text, "差 99") {
		t.Errorf("trainer training reads %q, %v", text, err)
	}
}
