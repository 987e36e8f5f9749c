package activity_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

// at is 2025-10-15 hh:mm in CST.
func at(hh, mm int) time.Time { return time.Date(2025, 10, 15, hh, mm, 0, 0, activity.CST) }

type fixture struct {
	w     *testutil.World
	svc   *activity.Service
	clock time.Time
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{w: testutil.NewWorld(t), clock: at(9, 0)}
	f.svc = &activity.Service{DB: f.w.DB, Keys: f.w.Keys, Now: func() time.Time { return f.clock }}
	return f
}

// draft is a complete activity of county A's bureau from 14:00 to 16:30.
func (f *fixture) draft() activity.Activity {
	return activity.Activity{OrgID: f.w.BureauA, Kind: "themed", Title: "小学数学单元整体教学研讨", Theme: "大单元教学设计",
		Plan: "一、课例展示；二、评课研讨；三、专家讲座", StartsAt: "2025-10-15 14:00", EndsAt: "2025-10-15 16:30", Place: "鹿城区实验小学报告厅",
		SignupMode: activity.ModeOpen, Hours: 3, OutcomeKind: activity.OutcomeCase, OutcomeDue: "2025-11-15"}
}

// published creates and publishes the draft as county A, returning its id.
func (f *fixture) published(t *testing.T, a activity.Activity) int64 {
	t.Helper()
	id, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.w.CountyA, id, 1); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPublishNeedsATheme(t *testing.T) {
	f := newFixture(t)
	a := f.draft()
	a.Theme = ""
	id, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	err = f.svc.Publish(ctx, f.w.CountyA, id, 1)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "活动主题") {
		t.Fatalf("publish without a theme: %v, want the theme asked for", err)
	}
	d, _ := f.svc.FindActivityByID(ctx, f.w.CountyA, id)
	if d.State != activity.StateDraft || d.Version != 1 {
		t.Errorf("after the refused publish: %s v%d, want 草稿 v1", d.StateName(), d.Version)
	}
}

func TestBadInputNamesTheFieldAndWritesNothing(t *testing.T) {
	f := newFixture(t)
	cases := map[string]func(*activity.Activity){
		"title":       func(a *activity.Activity) { a.Title = " " },
		"ends_at":     func(a *activity.Activity) { a.EndsAt = "2025-10-15 13:00" },
		"starts_at":   func(a *activity.Activity) { a.StartsAt = "明天下午" },
		"kind":        func(a *activity.Activity) { a.Kind = "cooking" },
		"outcome_due": func(a *activity.Activity) { a.OutcomeDue = "2025-10-01" },
		"capacity":    func(a *activity.Activity) { a.Capacity = -3 },
		"online_link": func(a *activity.Activity) { a.OnlineLink = "tencent meeting 123" },
	}
	for field, spoil := range cases {
		a := f.draft()
		spoil(&a)
		_, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion)
		var e *app.Error
		if !asErr(err, &e) || e.Field != field {
			t.Errorf("%s: got %v, want an error at the field", field, err)
		}
	}
	if n := count(t, f.w.DB, "SELECT COUNT(*) FROM activities"); n != 0 {
		t.Errorf("%d activities written by bad input", n)
	}
}

func asErr(err error, e **app.Error) bool {
	x, ok := err.(*app.Error)
	*e = x
	return ok
}

func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.Read(ctx, func(tx *db.Tx) (err error) { n, err = tx.Count(ctx, q, args...); return }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTeacherSeesOpenActivitiesOfTheirRegionOnly(t *testing.T) {
	f := newFixture(t)
	id := f.published(t, f.draft())
	draftID, _ := f.svc.CreateActivity(ctx, f.w.CountyA, f.draft(), activity.AudienceRegion)
	teacherA := f.w.TeacherUserA
	teacherB := f.w.MustUser(t, f.w.TeacherB, "teacher_b", "teacher")
	pg, err := f.svc.FindActivities(ctx, teacherA, activity.Filter{Term: term()})
	if err != nil || len(pg.Activities) != 1 || pg.Activities[0].ID != id {
		t.Fatalf("county A teacher's list: %+v, %v; want the one published activity", pg.Activities, err)
	}
	if _, err := f.svc.FindActivityByID(ctx, teacherA, draftID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a teacher opened a draft: %v", err)
	}
	for _, u := range []app.Actor{teacherB, f.w.CountyB} {
		if pg, _ := f.svc.FindActivities(ctx, u, activity.Filter{Term: term()}); len(pg.Activities) != 0 {
			t.Errorf("%s sees county A's activities: %+v", u.Username, pg.Activities)
		}
		if _, err := f.svc.FindActivityByID(ctx, u, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("%s opened county A's activity: %v", u.Username, err)
		}
		if err := f.svc.SignUp(ctx, u, id); app.ErrorCode(err) != app.ENOTFOUND && u.PersonID != 0 {
			t.Errorf("%s signed up to county A's activity: %v", u.Username, err)
		}
	}
}

func term() dict.Term { return dict.Term{Year: 2025, Half: dict.First} }

// A wide scope alone shows no activity: the auditor (全部, no person, no
// 组织教研活动) lists none, and what a list shows each actor can open.
func TestListShowsOnlyWhatTheDetailOpens(t *testing.T) {
	f := newFixture(t)
	id := f.published(t, f.draft())
	draftID, err := f.svc.CreateActivity(ctx, f.w.CountyA, f.draft(), activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	auditor := f.w.MustUser(t, 0, "auditor_x", "auditor")
	for _, u := range []app.Actor{auditor, f.w.TeacherUserA, f.w.CountyA, f.w.CityAdmin} {
		pg, err := f.svc.FindActivities(ctx, u, activity.Filter{Term: term()})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range pg.Activities {
			if _, err := f.svc.FindActivityByID(ctx, u, a.ID); err != nil {
				t.Errorf("%s lists activity %d but cannot open it: %v", u.Username, a.ID, err)
			}
		}
		if u.Username == auditor.Username && len(pg.Activities) != 0 {
			t.Errorf("the auditor lists %d activities", len(pg.Activities))
		}
	}
	if pg, _ := f.svc.FindActivities(ctx, f.w.CountyA, activity.Filter{Term: term()}); len(pg.Activities) != 2 {
		t.Errorf("the organiser lists %d activities, want its published one (%d) and its draft (%d)", len(pg.Activities), id, draftID)
	}
}
