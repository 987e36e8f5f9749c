package training_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/training"
)

func TestCheckInBySessionCodeAndHoursInProportion(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	pid, err := f.Svc.CreateProgram(ctx, f.CountyA, training.Program{SchoolYear: 2020, Title: "骨干教师研修", Kind: "tier",
		Hours: 40, Provider: "温州大学", Open: true})
	if err != nil {
		t.Fatal(err)
	}
	now := at2020()
	s1, err := f.Svc.AddSession(ctx, f.CountyA, pid, "第一次集中", now.Add(10*time.Minute), now.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddSession(ctx, f.CountyA, pid, "第二次集中", now.Add(48*time.Hour), now.Add(50*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddSession(ctx, f.CountyB, pid, "越权", now, now.Add(time.Hour)); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B adding a session: %v", err)
	}
	ss, _ := f.Svc.FindSessions(ctx, f.CountyA, pid)
	if len(ss) != 2 || ss[0].ID != s1 || ss[0].Code == "" {
		t.Fatalf("sessions %+v", ss)
	}
	if _, err := f.Svc.CheckIn(ctx, f.TeacherUserA, ss[0].Code); app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "未报名") {
		t.Errorf("check-in before sign-up: %v", err)
	}
	if err := f.Svc.SignUp(ctx, f.TeacherUserA, pid); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CheckIn(ctx, f.TeacherUserA, ss[1].Code); app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "有效") {
		t.Errorf("check-in two days early: %v", err)
	}
	if _, err := f.Svc.CheckIn(ctx, f.TeacherUserA, ss[0].Code+"x"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("forged code: %v", err)
	}
	if _, err := f.Svc.CheckIn(ctx, f.TeacherUserA, ss[0].Code); err != nil {
		t.Fatal(err)
	}
	if teacherSees, _ := f.Svc.FindSessions(ctx, f.TeacherUserA, pid); teacherSees[0].Code != "" || teacherSees[0].Attended != 1 {
		t.Errorf("the teacher sees %+v: a code, or no attendance", teacherSees[0])
	}
	if _, err := f.Svc.CompleteProgram(ctx, f.CountyA, pid, 1); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2020)
	if st.YearCredits != 2 {
		t.Errorf("credits for one of two sessions = %v, want 2 (20 of 40 学时)", st.YearCredits)
	}
}
