package activity_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/testutil"
)

// TestCalendarDayReadsSeekTheActorsOwnRows: a county administrator's and a
// teacher's calendar day reads seek indexes led by region, organisation
// path or audience path (never walking the city's starts_at index), the
// sign-ups by person, and nothing reads the whole table, on both databases.
func TestCalendarDayReadsSeekTheActorsOwnRows(t *testing.T) {
	w := testutil.NewWorld(t)
	svc := &activity.Service{DB: w.DB, Keys: w.Keys}
	for _, actor := range []app.Actor{w.CountyA, w.TeacherUserA} {
		qs, args, err := svc.CalendarQueries(ctx, actor, "2025-10-13", "2025-10-14", 5)
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range qs {
			plan := testutil.QueryPlan(t, w.DB, q, args[i])
			t.Logf("%s:\n%s\n%s", actor.Username, q, plan)
			// The branches never walk the city's starts_at index; the
			// sign-ups read may meet it on PostgreSQL's tiny test table
			// (a day's range there is a row or two), joined by person.
			if testutil.FullScan(plan, "activities", "a") != "" ||
				(i == 0 && strings.Contains(plan, "activities_starts")) {
				t.Errorf("%s: plan of\n%s\nwalks activities:\n%s", actor.Username, q, plan)
			}
			if i == 1 && !strings.Contains(plan, "activity_signups_person") {
				t.Errorf("%s: the sign-ups read does not seek the person's sign-ups:\n%s", actor.Username, plan)
			}
			if i == 0 && actor.Username == w.CountyA.Username && !strings.Contains(plan, "activities_region_starts") {
				t.Errorf("county day read does not seek activities_region_starts:\n%s", plan)
			}
		}
	}
}
