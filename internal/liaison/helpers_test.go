package liaison_test

import (
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
)

// withRules applies seed 001's rules to county A from 2025, the policy clock
// in 2026学年 so 2026 is the first year a change may start.
func withRules(t *testing.T, f *fixture) {
	t.Helper()
	f.Svc.Policy.Now = func() time.Time { return time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC) }
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330302", "district_training_school", 2025); err != nil {
		t.Fatal(err)
	}
}

func logVisit(t *testing.T, f *fixture, actor app.Actor, res, school int64, start, end string, days, lessons, demo int) {
	t.Helper()
	v := liaison.Visit{ResearcherID: res, SchoolID: school, Purpose: liaison.PurposeLiaison, StartDate: start, EndDate: end,
		Days: days, LessonsObserved: lessons, DemoLessons: demo}
	if _, err := f.Svc.SaveVisit(ctx, actor, v, nil); err != nil {
		t.Fatal(err)
	}
}
