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
