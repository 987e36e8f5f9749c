package org_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestScopedOrgListReadsOnlyTheIndexRange: for a county and a city
// administrator, the organisation list page (first, next, previous, with a
// filter), its deep-link key walk and its capped count read orgs from an
// index on path (a county: its range of it) on both databases, never the
// whole table, and the page is not sorted apart from the index.
func TestScopedOrgListReadsOnlyTheIndexRange(t *testing.T) {
	w := testutil.NewWorld(t)
	key := db.PageKey{Text: "/330300/330302/o3/", ID: 3}
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin} {
		for _, f := range []org.OrgPageFilter{{}, {After: key}, {Before: key},
			{OrgFilter: org.OrgFilter{Kind: org.KindSchool}, After: key}} {
			for q, args := range w.Org.OrgListQueries(actor, f) {
				plan := queryPlan(t, w, q, args)
				if fullScanOfOrgs(plan) || !(strings.Contains(plan, "orgs_list_order") || strings.Contains(plan, "orgs_path") || strings.Contains(plan, "orgs_kind_order")) ||
					(actor.Username != w.CityAdmin.Username && !strings.Contains(plan, "path>?") && !strings.Contains(plan, "path >= ")) {
					t.Errorf("%s: plan of\n%s\ndoes not read orgs from a path index:\n%s", actor.Username, q, plan)
				}
				if strings.Contains(q, "LIMIT ?") && !strings.Contains(q, "OFFSET") && !strings.Contains(q, "COUNT") &&
					(strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "Sort")) {
					t.Errorf("%s: plan of\n%s\nsorts the list:\n%s", actor.Username, q, plan)
				}
			}
		}
	}
}

// fullScanOfOrgs reports a plan step that reads every row of orgs (o).
func fullScanOfOrgs(plan string) bool {
	for _, l := range strings.Split(plan, "\n") {
		l = strings.TrimSpace(l)
		if strings.Contains(l, "Seq Scan on orgs o") || l == "SCAN o" || strings.HasPrefix(l, "SCAN o USING") {
			return true
		}
	}
	return false
}

// TestOrgsOfOneKindReadTheKindIndex: the choice list of one kind (the
// 教研室 of a scope, which the researcher roster shows on every request)
// reads the range of orgs_kind_order for that kind and scope, on both
// databases, not every organisation of the scope.
func TestOrgsOfOneKindReadTheKindIndex(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, actor := range []app.Actor{w.CountyA, w.CityAdmin} {
		countQ, listQ, args := org.FindOrgsQueries(actor, org.OrgFilter{Kind: org.KindResearchOffice})
		for _, q := range []string{countQ, listQ + " LIMIT 500 OFFSET 0"} {
			plan := queryPlan(t, w, q, args)
			if fullScanOfOrgs(plan) || !strings.Contains(plan, "orgs_kind_order") {
				t.Errorf("%s: plan of\n%s\ndoes not read the kind's range of orgs_kind_order:\n%s", actor.Username, q, plan)
			}
		}
	}
}
