package report_test

import (
	"testing"
	"time"

	"jiaoyan/internal/activity"
)

// TestCardCountsObservationRecords: submitted 听课评课 records count toward
// the researcher's 听课 row at once, and an observed 示范课 of the
// researcher toward their term's demo row; a draft counts for nothing.
func TestCardCountsObservationRecords(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	obs := &activity.Service{DB: f.DB, Keys: f.Keys, Now: func() time.Time { return time.Date(2025, 12, 15, 10, 0, 0, 0, time.UTC) }}
	record := func(observer string, teacher int64, kind string, submit bool) {
		t.Helper()
		actor := f.ActorOf(t, observer)
		id, err := obs.CreateObservation(ctx, actor, activity.Observation{TeacherID: teacher, Topic: "分数", Date: "2025-11-10", LessonType: kind})
		if err == nil && submit {
			_, err = obs.SaveDraft(ctx, actor, activity.Draft{ID: id, Version: 1, Diagnosis: "好"}, true)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	record("res_a", f.TeacherA, activity.LessonRegular, true)
	record("res_a", f.TeacherA, activity.LessonOpen, true)
	record("res_a", f.TeacherA, activity.LessonRegular, false)
	record("county_a", f.ResA, activity.LessonDemo, true)
	c, err := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if r := rowByName(t, c, "全年听课节数"); r.Measured != "2 节" {
		t.Errorf("听课 row reads %q, want 2 节 (two submitted records, the draft not counted)", r.Measured)
	}
	if r := rowByName(t, c, "示范课（第一学期）"); r.Measured != "1 节" {
		t.Errorf("示范课 row reads %q, want 1 节", r.Measured)
	}
}

// TestCardRecordsReplaceTypedCounts: a visit with 3 typed lessons and 2
// records of the researcher at that school in its dates counts 2, not 5;
// a visit with typed counts and no record keeps them, shown as 手填（旧记录）;
// a record at another school does not cover a visit.
func TestCardRecordsReplaceTypedCounts(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-11-10", "2025-11-11", 2, 3, 1)
	obs := &activity.Service{DB: f.DB, Keys: f.Keys, Now: func() time.Time { return time.Date(2025, 12, 15, 10, 0, 0, 0, time.UTC) }}
	actor := f.ActorOf(t, "res_a")
	for _, d := range []string{"2025-11-10", "2025-11-11"} {
		id, err := obs.CreateObservation(ctx, actor, activity.Observation{TeacherID: f.TeacherA, Topic: "分数", Date: d, LessonType: activity.LessonRegular})
		if err == nil {
			_, err = obs.SaveDraft(ctx, actor, activity.Draft{ID: id, Version: 1, Diagnosis: "好"}, true)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	c, err := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if r := rowByName(t, c, "全年听课节数"); r.Measured != "2 节" {
		t.Errorf("听课 row reads %q, want 2 节: the two records replace the visit's typed 3", r.Measured)
	}
	if r := rowByName(t, c, "示范课（第一学期）"); r.Measured != "0 节" {
		t.Errorf("示范课 row reads %q, want 0 节: the visit's typed 示范课 is covered by its records", r.Measured)
	}
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-12-01", "2025-12-01", 1, 4, 0)
	if c, err = f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025); err != nil {
		t.Fatal(err)
	}
	if r := rowByName(t, c, "全年听课节数"); r.Measured != "6 节（含手填（旧记录）4 节）" {
		t.Errorf("听课 row reads %q, want the old visit's typed 4 beside the 2 records", r.Measured)
	}
}
