package activity_test

import (
	"jiaoyan/internal/org"
	"strconv"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
)

func TestOutcomeIsATodoUntilTheOfficeApprovesIt(t *testing.T) {
	f := newFixture(t)
	id := f.published(t, f.draft())
	ver := func() int { d, _ := f.svc.FindActivityByID(ctx, f.w.CountyA, id); return d.Version }
	if err := f.svc.End(ctx, f.w.CountyA, id, ver(), " "); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("end without a record: %v", err)
	}
	if err := f.svc.End(ctx, f.w.CountyA, id, ver(), "到会 42 人，两节课例，分组研讨"); err != nil {
		t.Fatal(err)
	}
	todos := "SELECT COUNT(*) FROM todos WHERE todo_key = ? AND done_at = 0"
	if n := count(t, f.w.DB, todos, "activity:"+itoa(id)+":outcome"); n != 1 {
		t.Fatalf("%d open outcome todos for the organiser, want 1", n)
	}
	if err := f.svc.SubmitOutcome(ctx, f.w.CountyA, id, ver(), "《大单元教学设计的三个关键》教研案例"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, f.w.DB, todos, "activity:"+itoa(id)+":outcome"); n != 0 {
		t.Errorf("outcome todo still open after submitting")
	}
	if err := f.svc.Review(ctx, f.w.TeacherUserA, id, ver(), true, ""); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher reviewed: %v", err)
	}
	if err := f.svc.Review(ctx, f.w.CountyA, id, ver(), false, ""); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("return without a reason: %v", err)
	}
	if err := f.svc.Review(ctx, f.w.CountyA, id, ver(), false, "缺少课例分析"); err != nil {
		t.Fatal(err)
	}
	d, _ := f.svc.FindActivityByID(ctx, f.w.CountyA, id)
	if d.State != activity.StateEnded || d.ReviewNote != "缺少课例分析" {
		t.Fatalf("returned activity: %s %q, want 已结束 with the reason", d.StateName(), d.ReviewNote)
	}
	if err := f.svc.SubmitOutcome(ctx, f.w.CountyA, id, ver(), "补充了课例分析"); err != nil {
		t.Fatal(err)
	}
	stale := ver() - 1
	if err := f.svc.Review(ctx, f.w.CountyA, id, stale, true, ""); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("stale review: %v, want ECONFLICT", err)
	}
	if err := f.svc.Review(ctx, f.w.CountyA, id, ver(), true, ""); err != nil {
		t.Fatal(err)
	}
	d, _ = f.svc.FindActivityByID(ctx, f.w.CountyA, id)
	if d.State != activity.StateArchived || !strings.Contains(d.Outcome, "补充") {
		t.Errorf("approved activity: %s %q, want 已归档", d.StateName(), d.Outcome)
	}
	if err := f.svc.End(ctx, f.w.CountyA, id, ver(), "再结束"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("ending an archived activity: %v", err)
	}
}

func TestCapacityAndSignUpModes(t *testing.T) {
	f := newFixture(t)
	a := f.draft()
	a.Capacity = 1
	id := f.published(t, a)
	if err := f.svc.SignUp(ctx, f.w.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	other := f.w.MustPerson(t, personAt(f.w.SchoolA, "李老师"))
	u := f.w.MustUser(t, other, "teacher_a2", "teacher")
	if err := f.svc.SignUp(ctx, u, id); !strings.Contains(app.ErrorMessage(err), "报名人数已满") {
		t.Errorf("sign-up past capacity: %v", err)
	}
	if err := f.svc.Cancel(ctx, f.w.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SignUp(ctx, u, id); err != nil {
		t.Errorf("sign-up after a cancellation freed the place: %v", err)
	}
	b := f.draft()
	b.SignupMode = activity.ModeAssign
	aid := f.published(t, b)
	if err := f.svc.SignUp(ctx, f.w.TeacherUserA, aid); !strings.Contains(app.ErrorMessage(err), "指定参加") {
		t.Errorf("self sign-up to an assigned activity: %v", err)
	}
	if n, err := f.svc.Invite(ctx, f.w.CountyA, aid, []int64{f.w.TeacherA}); err != nil || n != 1 {
		t.Fatalf("assign: %d, %v", n, err)
	}
	if _, err := f.svc.Invite(ctx, f.w.CountyA, aid, []int64{f.w.TeacherB}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("assigning a county B teacher: %v", err)
	}
	if err := f.svc.Cancel(ctx, f.w.TeacherUserA, aid); !strings.Contains(app.ErrorMessage(err), "指定参加") {
		t.Errorf("cancelling an assignment: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func personAt(orgID int64, name string) org.Person { return org.Person{Name: name, OrgID: orgID} }
