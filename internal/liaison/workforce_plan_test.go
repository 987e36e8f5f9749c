package liaison_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
)

// TestRosterReadsResearchersFromTheirIndex: the roster and the dashboards
// read researchers from the partial index people_researchers, never by
// walking every person of the scope (a city has 60,000 people and 400
// researchers), on both databases.
func TestRosterReadsResearchersFromTheirIndex(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, actor := range []app.Actor{testutil.Root, w.CountyA, w.CityAdmin} {
		q, args := liaison.ResearcherQuery(actor, liaison.ResearcherFilter{})
		plan := explain(t, w.DB, q, args)
		if !strings.Contains(plan, "people_researchers") {
			t.Errorf("%s: the roster query does not use people_researchers:\n%s", actor.Username, plan)
		}
	}
}

func explain(t *testing.T, d *db.DB, q string, args []any) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	err := d.Read(ctx, func(tx *db.Tx) error {
		prefix := "EXPLAIN QUERY PLAN "
		if tx.Dialect() == db.Postgres {
			prefix = "EXPLAIN "
			if _, err := tx.Exec(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
				return err
			}
		}
		rows, err := tx.Query(ctx, prefix+q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
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
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestRosterOfARegionReadsItsRangeOfResearchers: a county or city
// administrator's roster (with or without a person of their own) reads
// the researchers of their range of organisation paths from
// people_researchers_path on SQLite, not every researcher of the
// province. PostgreSQL prices its plan from the table's statistics, so
// on an empty test table it only has to keep to a researcher index.
func TestRosterOfARegionReadsItsRangeOfResearchers(t *testing.T) {
	w := testutil.NewWorld(t)
	want := "people_researchers_path"
	if testutil.UsingPostgres() {
		want = "people_researchers"
	}
	noPerson := w.CountyA
	noPerson.PersonID = 0
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin, noPerson} {
		q, args := liaison.ResearcherQuery(actor, liaison.ResearcherFilter{Kind: "fulltime"})
		plan := explain(t, w.DB, q, args)
		if !strings.Contains(plan, want) {
			t.Errorf("%s (person %d): the roster does not read %s:\n%s", actor.Username, actor.PersonID, want, plan)
		}
	}
}
