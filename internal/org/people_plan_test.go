package org_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestScopedPeopleListReadsOnlyTheIndexRange: for a county and a city
// administrator, the people list page, its deep-link key walk and its
// count never scan the whole people table on either database.
func TestScopedPeopleListReadsOnlyTheIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	after := db.PageKey{Text: "/330300/330302/o3/", ID: 1}
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin} {
		for _, f := range []org.PersonFilter{{}, {After: after}, {Before: after}, {Title: "first", After: after}} {
			for q, args := range w.Org.PeopleListQueries(actor, f) {
				plan := testutil.QueryPlan(t, w.DB, q, args)
				if testutil.FullScan(plan, "people", "p") != "" || !seeksOrgPath(plan) {
					t.Errorf("%s: plan of\n%s\ndoes not seek people by org path:\n%s", actor.Username, q, plan)
				}
				if f.Text == "" && (strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "Sort")) {
					t.Errorf("%s: plan of\n%s\nsorts the list:\n%s", actor.Username, q, plan)
				}
			}
		}
	}
}

// seeksOrgPath reports a plan that reads people from an index range on
// org_path (SQLite: org_path>?; PostgreSQL: an Index Cond on org_path).
func seeksOrgPath(plan string) bool {
	return strings.Contains(plan, "org_path>?") || strings.Contains(plan, "org_path >= ")
}

// TestOneOrganisationsPeopleReadOnlyItsIndexRange: the people of one
// organisation (its detail page, the demo reading ids back after an import)
// are read from the list index by the organisation's path, for a system
// actor too, not by walking every active person in list order.
func TestOneOrganisationsPeopleReadOnlyItsIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, actor := range []app.Actor{testutil.Root, w.CountyA} {
		for q, args := range w.Org.PeopleListQueries(actor, org.PersonFilter{OrgID: w.SchoolA}) {
			plan := testutil.QueryPlan(t, w.DB, q, args)
			if testutil.FullScan(plan, "people", "p") != "" || !(strings.Contains(plan, "org_path=?") || strings.Contains(plan, "org_path = ")) {
				t.Errorf("%s: plan of\n%s\ndoes not seek one organisation's people by its path:\n%s", actor.Username, q, plan)
			}
		}
	}
}

// queryPlan is testutil.QueryPlan on w's database, for this package's
// other plan tests.
func queryPlan(t *testing.T, w *testutil.World, q string, args []any) string {
	t.Helper()
	return testutil.QueryPlan(t, w.DB, q, args)
}
