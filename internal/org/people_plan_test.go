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
				plan := testutil.OrderedQueryPlan(t, w.DB, q, args)
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
// org_path (SQLite: org_path>? or <?; PostgreSQL: an Index Cond on
// org_path, or on the row value (org_path, id) of a page key).
func seeksOrgPath(plan string) bool {
	return strings.Contains(plan, "org_path>?") || strings.Contains(plan, "org_path<?") || strings.Contains(plan, "org_path >= ") ||
		strings.Contains(plan, "ROW(org_path, id) ") || strings.Contains(plan, "ROW(p.org_path, p.id) ")
}

// TestOneOrganisationsPeopleReadOnlyItsIndexRange: the people of one
// organisation (its detail page, the demo reading ids back after an import)
// are read from the list index by the organisation's path, for a system
// actor too, not by walking every active person in list order.
func TestOneOrganisationsPeopleReadOnlyItsIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, actor := range []app.Actor{testutil.Root, w.CountyA} {
		for q, args := range w.Org.PeopleListQueries(actor, org.PersonFilter{OrgID: w.SchoolA}) {
			plan := testutil.OrderedQueryPlan(t, w.DB, q, args)
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
	return testutil.OrderedQueryPlan(t, w.DB, q, args)
}

// TestExportBatchSeeksTheKey: each batch of the people export after a key
// inside one organisation starts its index reads at that key, on either
// database: the rest of the organisation by (org_path = ?, id > ?), then
// the organisations after it from past the key's organisation, never the
// organisation's rows from its first (a school of 3,000 teachers read
// 3,000 index entries for its last batch).
func TestExportBatchSeeksTheKey(t *testing.T) {
	w := testutil.NewWorld(t)
	key := db.PageKey{Text: "/330300/330302/o3/", ID: 7}
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin, testutil.Root} {
		for _, f := range []org.PersonFilter{{After: key}, {After: key, Title: "first"}} {
			inOrg, inArgs, past, pastArgs := w.Org.PersonBatchQueries(actor, f)
			for _, c := range []struct {
				q     string
				args  []any
				seeks func(string) bool
			}{{inOrg, inArgs, seeksWithinOrg}, {past, pastArgs, seeksPastOrg}} {
				plan := queryPlan(t, w, c.q, c.args)
				if testutil.FullScan(plan, "people", "p") != "" || !c.seeks(plan) {
					t.Errorf("%s: plan of\n%s\ndoes not seek the index to the key:\n%s", actor.Username, c.q, plan)
				}
				if strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "Sort") {
					t.Errorf("%s: plan of\n%s\nsorts the batch:\n%s", actor.Username, c.q, plan)
				}
			}
		}
	}
}

// seeksWithinOrg reports a plan that reads people from the index range of
// one organisation past an id (SQLite "org_path=? AND id>?", PostgreSQL an
// Index Cond with org_path = and id >).
func seeksWithinOrg(plan string) bool {
	for _, l := range strings.Split(plan, "\n") {
		if strings.Contains(l, "org_path=? AND id>?") ||
			strings.Contains(l, "Index Cond") && strings.Contains(l, "org_path = ") && strings.Contains(l, "id > ") {
			return true
		}
	}
	return false
}

// seeksPastOrg reports a plan whose index range starts past an
// organisation path (SQLite "org_path>?", PostgreSQL an Index Cond on the
// row value (org_path, id) or on org_path >).
func seeksPastOrg(plan string) bool {
	for _, l := range strings.Split(plan, "\n") {
		if strings.Contains(l, "org_path>?") ||
			strings.Contains(l, "Index Cond") && (strings.Contains(l, "ROW(") && strings.Contains(l, "org_path, ") || strings.Contains(l, "org_path > ")) {
			return true
		}
	}
	return false
}
