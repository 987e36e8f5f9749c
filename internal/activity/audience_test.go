package activity_test

import (
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
)

// 陈鹿城 (teacher A) teaches 数学 in 小学.
func TestAudienceSubjectsAndStagesNarrowWhoSeesAnActivity(t *testing.T) {
	f := newFixture(t)
	make := func(title, subjects, stages string) int64 {
		a := f.draft()
		a.Title, a.Subjects, a.Stages = title, subjects, stages
		return f.published(t, a)
	}
	open := make("全学科研讨", "", "")
	math := make("小学数学研讨", "数学", "小学")
	mixed := make("语文、数学联合研讨", "语文、数学", "")
	chinese := make("小学语文研讨", "语文", "小学")
	junior := make("初中数学研讨", "数学", "初中")
	teacher := f.w.TeacherUserA

	pg, err := f.svc.FindActivities(ctx, teacher, activity.Filter{Term: term()})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]bool{}
	for _, a := range pg.Activities {
		got[a.ID] = true
	}
	if len(got) != 3 || !got[open] || !got[math] || !got[mixed] {
		t.Errorf("the 小学数学 teacher's list: %+v; want the open, the 数学/小学 and the 语文、数学 activities", pg.Activities)
	}
	cal, _, err := f.svc.FindCalendar(ctx, teacher, "2025-10-01", "2025-11-01", false, 100)
	if err != nil || len(cal) != 3 {
		t.Errorf("the teacher's calendar holds %d activities (%v), want 3", len(cal), err)
	}
	for _, id := range []int64{chinese, junior} {
		if _, err := f.svc.FindActivityByID(ctx, teacher, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("the teacher opened activity %d of another subject or stage: %v", id, err)
		}
		if err := f.svc.SignUp(ctx, teacher, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("the teacher signed up to activity %d of another subject or stage: %v", id, err)
		}
	}
	if err := f.svc.SignUp(ctx, teacher, math); err != nil {
		t.Errorf("the teacher cannot sign up to the 小学数学 activity: %v", err)
	}
	// The organiser still sees all five.
	if pg, _ := f.svc.FindActivities(ctx, f.w.CountyA, activity.Filter{Term: term()}); len(pg.Activities) != 5 {
		t.Errorf("the organiser sees %d activities, want 5", len(pg.Activities))
	}
	d, err := f.svc.FindActivityByID(ctx, f.w.CountyA, mixed)
	if err != nil || d.SubjectNames() != "语文、数学" || d.StageNames() != "" {
		t.Errorf("stored audience: %q %q %v", d.SubjectNames(), d.StageNames(), err)
	}
}

func TestAudienceNamesMustBeKnownSubjectsAndStages(t *testing.T) {
	f := newFixture(t)
	a := f.draft()
	a.Subjects = "数学、数科"
	if _, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion); !isField(err, "subjects") || app.ErrorMessage(err) != "没有这个学科：数科" {
		t.Errorf("unknown subject: %v", err)
	}
	a.Subjects, a.Stages = "数学", "大学"
	if _, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion); !isField(err, "stages") {
		t.Errorf("unknown stage: %v", err)
	}
	a.Stages = "初级中学" // an alias of 初中
	id, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := f.svc.FindActivityByID(ctx, f.w.CountyA, id); d.StageNames() != "初中" {
		t.Errorf("alias stored as %q, want 初中", d.StageNames())
	}
}
