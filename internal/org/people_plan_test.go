package org_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// queryPlan is the database's plan of q, one line per step. On PostgreSQL
// sequential and bitmap scans are priced out so the plan shows whether an
// index can serve the query at all, in its order, whatever the table's size
// (on a test's few rows a bitmap read and a sort cost next to nothing,
// where a real list's LIMIT makes the ordered index read the cheap one).
func queryPlan(t *testing.T, w *testutil.World, q string, args []any) string {
	t.Helper()
	var lines []string
	err := w.DB.Read(ctx, func(tx *db.Tx) error {
		explain := "EXPLAIN QUERY PLAN "
		if tx.Dialect() == db.Postgres {
			explain = "EXPLAIN "
			for _, set := range []string{"SET LOCAL enable_seqscan = off", "SET LOCAL enable_bitmapscan = off"} {
				if _, err := tx.Exec(ctx, set); err != nil {
					return err
				}
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
		t.Fatalf("explain %s: %v", q, err)
	}
	return strings.Join(lines, "\n")
}

// TestScopedPeopleListReadsOnlyTheIndexRange: for a county and a city
// administrator, the people list page, its deep-link key walk and its
// count never scan the whole people table on either database.
func TestScopedPeopleListReadsOnlyTheIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	after := db.PageKey{Text: "/330300/330302/o3/", ID: 1}
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin} {
		for _, f := range []org.PersonFilter{{}, {After: after}, {Before: after}, {Title: "first", After: after}} {
			for q, args := range w.Org.PeopleListQueries(actor, f) {
				plan := queryPlan(t, w, q, args)
				if fullScanOfPeople(plan) || !seeksOrgPath(plan) {
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

// fullScanOfPeople reports a plan step that reads every row of people (p).
func fullScanOfPeople(plan string) bool {
	for _, l := range strings.Split(plan, "\n") {
		l = strings.TrimSpace(l)
		if strings.Contains(l, "Seq Scan on people") || l == "SCAN p" || strings.HasPrefix(l, "SCAN p USING") ||
			strings.HasPrefix(l, "SCAN people") {
			return true
		}
	}
	return false
}

// TestOneOrganisationsPeopleReadOnlyItsIndexRange: the people of one
// organisation (its detail page, the demo reading ids back after an import)
// are read from the list index by the organisation's path, for a system
// actor too, not by walking every active person in list order.
func TestOneOrganisationsPeopleReadOnlyItsIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, actor := range []app.Actor{testutil.Root, w.CountyA} {
		for q, args := range w.Org.PeopleListQueries(actor, org.PersonFilter{OrgID: w.SchoolA}) {
			plan := queryPlan(t, w, q, args)
			if fullScanOfPeople(plan) || !(strings.Contains(plan, "org_path=?") || strings.Contains(plan, "org_path = ")) {
				t.Errorf("%s: plan of\n%s\ndoes not seek one organisation's people by its path:\n%s", actor.Username, q, plan)
			}
		}
	}
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
				if fullScanOfPeople(plan) || !c.seeks(plan) {
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
