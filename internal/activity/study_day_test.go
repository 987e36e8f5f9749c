package activity_test

import (
	"fmt"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// 2025-10-15 is a Wednesday (周三), in 2025学年.
func TestStudyDayDefaultsANewActivityOfItsSubject(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CityAdmin, activity.StudyDay{Subject: "数学", Weekday: 4, Half: activity.HalfPM, FromYear: 2025}); err != nil {
		t.Fatal(err)
	}
	// The county sets its own 数学 day; 语文 follows the city's.
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, activity.StudyDay{Subject: "数学", Weekday: 3, Half: activity.HalfAM, FromYear: 2025}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CityAdmin, activity.StudyDay{Subject: "语文", Weekday: 5, Half: activity.HalfPM, FromYear: 2025}); err != nil {
		t.Fatal(err)
	}
	// At 09:00 on Wednesday the county's Wednesday morning has begun: next week's.
	starts, ends, ok, err := f.svc.NextStudyDay(ctx, f.w.CountyA, "数学", f.clock)
	if err != nil || !ok || starts != "2025-10-22 08:30" || ends != "2025-10-22 11:30" {
		t.Errorf("county A 数学: %s %s %v %v, want 2025-10-22 08:30–11:30", starts, ends, ok, err)
	}
	starts, _, ok, _ = f.svc.NextStudyDay(ctx, f.w.CountyB, "数学", f.clock)
	if !ok || starts != "2025-10-16 14:00" {
		t.Errorf("county B follows the city's Thursday afternoon: %s %v", starts, ok)
	}
	if _, _, ok, _ := f.svc.NextStudyDay(ctx, f.w.CountyA, "英语", f.clock); ok {
		t.Error("英语 has no 研修日, yet a day was found")
	}

	a := f.draft()
	a.StartsAt, a.EndsAt, a.Subjects = "", "", "语文、数学"
	id, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.FindActivityByID(ctx, f.w.CountyA, id)
	if err != nil || got.StartsAt != "2025-10-17 14:00" || got.EndsAt != "2025-10-17 17:00" {
		t.Errorf("new 语文 activity: %q–%q %v, want Friday afternoon 2025-10-17", got.StartsAt, got.EndsAt, err)
	}

	marks, err := f.svc.StudyDaysBetween(ctx, f.w.CountyA, "2025-10-13", "2025-10-20")
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 2 || len(marks["2025-10-15"]) != 1 || marks["2025-10-15"][0].Label() != "数学研修日（周三上午）" ||
		len(marks["2025-10-17"]) != 1 || marks["2025-10-17"][0].Subject != "语文" {
		t.Errorf("county A's week marks: %+v", marks)
	}
}

func TestStudyDayTakesEffectFromItsSchoolYear(t *testing.T) {
	f := newFixture(t)
	for _, d := range []activity.StudyDay{{Subject: "数学", Weekday: 2, Half: activity.HalfPM, FromYear: 2024},
		{Subject: "数学", Weekday: 3, Half: activity.HalfPM, FromYear: 2026}} {
		if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, d); err != nil {
			t.Fatal(err)
		}
	}
	starts, _, ok, _ := f.svc.NextStudyDay(ctx, f.w.CountyA, "数学", f.clock)
	if !ok || starts != "2025-10-21 14:00" {
		t.Errorf("in 2025学年 the 2024 setting (周二) applies: %s %v", starts, ok)
	}
}

func TestStudyDayIsSetByAnOfficeAndAudited(t *testing.T) {
	f := newFixture(t)
	d := activity.StudyDay{Subject: "数学", Weekday: 3, Half: activity.HalfPM, FromYear: 2025}
	if _, err := f.svc.SaveStudyDay(ctx, f.w.SchoolAdminA, d); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a school sets the region's 研修日: %v", err)
	}
	bad := d
	bad.Half = "evening"
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, bad); !isField(err, "half") {
		t.Errorf("bad half-day: %v", err)
	}
	id, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, d); !isField(err, "subject") {
		t.Errorf("a second 数学 2025 setting: %v", err)
	}
	d.ID, d.Version, d.Weekday = id, 1, 4
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, d); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyA, d); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("stale version: %v", err)
	}
	if _, err := f.svc.SaveStudyDay(ctx, f.w.CountyB, activity.StudyDay{ID: id, Version: 2, Subject: "数学", Weekday: 1, Half: activity.HalfAM, FromYear: 2025}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B edits county A's setting: %v", err)
	}
	var n int
	err = f.w.DB.Read(ctx, func(tx *db.Tx) error {
		var e error
		n, e = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'study_day.save' AND object_id = ?", fmt.Sprint(id))
		return e
	})
	if err != nil || n != 2 {
		t.Errorf("audit rows: %d %v, want 2", n, err)
	}
	got, err := f.svc.StudyDayByID(ctx, f.w.CountyA, id)
	if err != nil || got.Weekday != 4 || got.Version != 2 {
		t.Errorf("saved setting: %+v %v", got, err)
	}
}
