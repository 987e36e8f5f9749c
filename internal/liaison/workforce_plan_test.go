package liaison_test

import (
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
		plan := testutil.QueryPlan(t, w.DB, q, args)
		if !strings.Contains(plan, "people_researchers") {
			t.Errorf("%s: the roster query does not use people_researchers:\n%s", actor.Username, plan)
		}
	}
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
		plan := testutil.QueryPlan(t, w.DB, q, args)
		if !strings.Contains(plan, want) {
			t.Errorf("%s (person %d): the roster does not read %s:\n%s", actor.Username, actor.PersonID, want, plan)
		}
	}
}

// explain is testutil.QueryPlan, for this package's other plan tests.
func explain(t *testing.T, d *db.DB, q string, args []any) string {
	t.Helper()
	return testutil.QueryPlan(t, d, q, args)
}
