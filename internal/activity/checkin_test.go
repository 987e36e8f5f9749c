package activity_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/checkin"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

func TestCheckInByTheVenueCodeWritesAttendanceHours(t *testing.T) {
	f := newFixture(t)
	id := f.published(t, f.draft())
	teacher := f.w.TeacherUserA
	if err := f.svc.SignUp(ctx, teacher, id); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SignUp(ctx, teacher, id); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("second sign-up: %v, want refused", err)
	}
	f.clock = at(14, 5)
	_, code, err := f.svc.CheckinCode(ctx, f.w.CountyA, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.CheckinCode(ctx, teacher, id); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher got the venue code: %v", err)
	}
	if _, err := f.svc.CheckIn(ctx, teacher, id, code); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.FindActivityByID(ctx, f.w.CountyA, id)
	if err != nil || d.State != activity.StateRunning || d.Attended != 1 || len(d.People) != 1 || !d.People[0].CheckedIn() {
		t.Fatalf("after check-in: %s, %d attended, sign-ups %+v, %v; want 进行中 with the teacher checked in", d.StateName(), d.Attended, d.SignUps, err)
	}
	es, _ := f.svc.MyAttendance(ctx, teacher)
	if len(es) != 1 || es[0].Hours != 3 || es[0].Category != credit.CategoryActivity || es[0].State != credit.StateApproved ||
		es[0].SourceID != id || es[0].Date != "2025-10-15" || es[0].SchoolYear != 2025 || es[0].Half != 1 {
		t.Fatalf("attendance rows: %+v; want one approved 3-hour 教研活动 row of 2025-10-15", es)
	}
	if _, err := f.svc.CheckIn(ctx, teacher, id, code); app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "已于") {
		t.Errorf("second check-in: %v, want 您已于 … 签到", err)
	}
	if n := count(t, f.w.DB, "SELECT COUNT(*) FROM credit_entries WHERE source = ?", activity.SourceAttendance); n != 1 {
		t.Errorf("%d attendance rows after a repeated check-in, want 1", n)
	}
}

func TestCheckInRefusesAnotherActivitysCodeAndYesterdaysPhoto(t *testing.T) {
	f := newFixture(t)
	id := f.published(t, f.draft())
	other := f.draft()
	other.Title = "初中语文群文阅读研讨"
	otherID := f.published(t, other)
	teacher := f.w.TeacherUserA
	f.clock = at(14, 10)
	_, otherCode, err := f.svc.CheckinCode(ctx, f.w.CountyA, otherID)
	if err != nil {
		t.Fatal(err)
	}
	opens, closes := at(14, 0).AddDate(0, 0, -1), at(16, 30).AddDate(0, 0, -1)
	yesterday := checkin.Code(f.w.Keys, activity.CheckinKind, id, opens, closes)
	for name, c := range map[string]struct{ code, want string }{
		"another activity": {otherCode, "这不是本场活动的签到码"},
		"yesterday's code": {yesterday, "签到码仅在"},
		"made up":          {"activity.1.2.3.abc", "签到码无效"},
	} {
		_, err := f.svc.CheckIn(ctx, teacher, id, c.code)
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	_, code, _ := f.svc.CheckinCode(ctx, f.w.CountyA, id)
	f.clock = at(17, 0)
	if _, err := f.svc.CheckIn(ctx, teacher, id, code); !strings.Contains(app.ErrorMessage(err), "签到码仅在 2025-10-15 14:00") {
		t.Errorf("today's code after the end: %v, want the window named", err)
	}
	n := count(t, f.w.DB, "SELECT COUNT(*) FROM activity_signups")
	if n != 0 || count(t, f.w.DB, "SELECT COUNT(*) FROM credit_entries") != 0 {
		t.Errorf("refused check-ins left %d sign-ups or credit rows", n)
	}
}

func TestTeachingGroupActivityCountsAsSchoolBasedTraining(t *testing.T) {
	f := newFixture(t)
	var group int64
	err := f.w.DB.Write(ctx, func(tx *db.Tx) (err error) {
		group, err = tx.InsertID(ctx, `INSERT INTO teaching_groups (org_id, name, kind, subject, created_at, updated_at)
			VALUES (?, '数学教研组', 'subject', '数学', 0, 0) RETURNING id`, f.w.SchoolA)
		return
	})
	if err != nil {
		t.Fatal(err)
	}
	a := f.draft()
	a.OrgID, a.GroupID, a.Hours = f.w.SchoolA, group, 2
	id, err := f.svc.CreateActivity(ctx, f.w.SchoolAdminA, a, activity.AudienceOrg)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.w.SchoolAdminA, id, 1); err != nil {
		t.Fatal(err)
	}
	f.clock = at(15, 0)
	_, code, _ := f.svc.CheckinCode(ctx, f.w.SchoolAdminA, id)
	if _, err := f.svc.CheckIn(ctx, f.w.TeacherUserA, id, code); err != nil {
		t.Fatal(err)
	}
	es, _ := f.svc.MyAttendance(ctx, f.w.TeacherUserA)
	if len(es) != 1 || es[0].Category != credit.CategorySchoolBased || es[0].Hours != 2 {
		t.Fatalf("group activity attendance: %+v, want one 2-hour 校本研修 row", es)
	}
	d, _ := f.svc.FindActivityByID(ctx, f.w.SchoolAdminA, id)
	if d.Organiser != "鹿城区实验小学 数学教研组" {
		t.Errorf("organiser reads %q", d.Organiser)
	}
}
