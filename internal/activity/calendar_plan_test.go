package activity_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// queryPlan is the plan of q on w's database (EXPLAIN QUERY PLAN on
// SQLite, EXPLAIN with sequential scans off on PostgreSQL), one step a line.
func queryPlan(t *testing.T, w *testutil.World, q string, args []any) string {
	t.Helper()
	var lines []string
	err := w.DB.Read(ctx, func(tx *db.Tx) error {
		explain := "EXPLAIN QUERY PLAN "
		if tx.Dialect() == db.Postgres {
			explain = "EXPLAIN "
			if _, err := tx.Exec(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
				return err
			}
		}
		rows, err := tx.Query(ctx, explain+q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			lines = append(lines, fmt.Sprint(vals[len(vals)-1]))
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return strings.Join(lines, "\n")
}

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
			plan := queryPlan(t, w, q, args[i])
			t.Logf("%s:\n%s\n%s", actor.Username, q, plan)
			for _, l := range strings.Split(plan, "\n") {
				l = strings.TrimSpace(l)
				// The branches never walk the city's starts_at index; the
				// sign-ups read may meet it on PostgreSQL's tiny test table
				// (a day's range there is a row or two), joined by person.
				if l == "SCAN a" || strings.Contains(l, "Seq Scan on activities") || strings.HasPrefix(l, "SCAN a USING") ||
					(i == 0 && strings.Contains(l, "activities_starts")) {
					t.Errorf("%s: plan of\n%s\nwalks activities:\n%s", actor.Username, q, plan)
				}
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
