package org_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestScopedGroupAndStudioListsReadOnlyTheIndexRange: for a county and a
// city administrator, a page of 教研组 or 名师工作室 (first, next, previous,
// filtered), its key walk and its count read the list index
// (active, org_path, id) from the scope's range on both databases, never
// the whole table, and the page is not sorted apart from the index.
func TestScopedGroupAndStudioListsReadOnlyTheIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	key := db.PageKey{Text: "/330300/330302/o3/", ID: 3}
	type query struct {
		index, table string
		q            string
		args         []any
	}
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin} {
		var qs []query
		for _, f := range []org.GroupFilter{{}, {After: key}, {Before: key}, {Kind: "subject", Text: "语", After: key}, {OrgID: w.SchoolA}} {
			for q, a := range w.Org.GroupListQueries(actor, f) {
				qs = append(qs, query{"teaching_groups_scope_order", "teaching_groups", q, a})
			}
		}
		for _, c := range []struct{ after, before db.PageKey }{{}, {after: key}, {before: key}} {
			for q, a := range w.Org.StudioListQueries(actor, c.after, c.before) {
				qs = append(qs, query{"studios_scope_order", "studios", q, a})
			}
		}
		for _, x := range qs {
			plan := queryPlan(t, w, x.q, x.args)
			oneOrg := strings.Contains(x.q, "g.org_id = ?") && strings.Contains(plan, "(org_id = ") // one school's groups by its key
			if fullScanOf(plan, x.table) || !oneOrg && (!strings.Contains(plan, x.index) || !seeksOrgPathRange(plan)) {
				t.Errorf("%s: plan of\n%s\ndoes not seek %s by org path:\n%s", actor.Username, x.q, x.index, plan)
			}
			if !strings.Contains(x.q, "COUNT") && !strings.Contains(x.q, "OFFSET") &&
				(strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "Sort")) {
				t.Errorf("%s: plan of\n%s\nsorts the list:\n%s", actor.Username, x.q, plan)
			}
		}
	}
}

// seeksOrgPathRange reports a plan that reads an index by org_path (a
// range, one organisation's path, or a page key's row value (org_path, id)).
func seeksOrgPathRange(plan string) bool {
	for _, s := range []string{"org_path>?", "org_path=?", "org_path >= ", "org_path = ", "ROW(org_path, id) "} {
		if strings.Contains(plan, s) {
			return true
		}
	}
	return false
}

// fullScanOf reports a plan step that reads every row of table.
func fullScanOf(plan, table string) bool {
	alias := map[string]string{"teaching_groups": "g", "studios": "s"}[table]
	for _, l := range strings.Split(plan, "\n") {
		l = strings.TrimSpace(l)
		if strings.Contains(l, "Seq Scan on "+table) || l == "SCAN "+alias || strings.HasPrefix(l, "SCAN "+alias+" USING") {
			return true
		}
	}
	return false
}
