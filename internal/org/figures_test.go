package org_test

import (
	"fmt"
	"reflect"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// recountRows is org_figures recomputed from orgs and people, zero rows left out.
const recountRows = `SELECT org_id, figure, value FROM (
	SELECT id AS org_id, 'schools' AS figure, 1 AS value FROM orgs WHERE active = TRUE AND kind IN ('school', 'teaching_point')
	UNION ALL SELECT org_id, 'people', COUNT(*) FROM people WHERE active = TRUE GROUP BY org_id
	UNION ALL SELECT org_id, 'researchers', COUNT(*) FROM people WHERE active = TRUE AND researcher_kind <> '' GROUP BY org_id
	UNION ALL SELECT org_id, 'title:' || title, COUNT(*) FROM people WHERE active = TRUE GROUP BY org_id, title
	) x ORDER BY org_id, figure`

const maintainedRows = `SELECT org_id, figure, value FROM org_figures WHERE value <> 0 ORDER BY org_id, figure`

func figureRows(t *testing.T, d *db.DB, q string) []string {
	t.Helper()
	out, err := db.ReadValue(ctx, d, func(tx *db.Tx) ([]string, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var id, v int64
			var k string
			err := r.Scan(&id, &k, &v)
			return fmt.Sprintf("%d %s %d", id, k, v), err
		}, q)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertFiguresFresh compares org_figures and every actor's home counts
// with a fresh recomputation.
func assertFiguresFresh(t *testing.T, w *testutil.World, after string) {
	t.Helper()
	if got, want := figureRows(t, w.DB, maintainedRows), figureRows(t, w.DB, recountRows); !reflect.DeepEqual(got, want) {
		t.Fatalf("after %s: org_figures %v, recomputed %v", after, got, want)
	}
	for _, a := range []app.Actor{testutil.Root, w.CityAdmin, w.CountyA, w.CountyB, w.SchoolAdminA} {
		got, err := w.Org.CountInScope(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		want, err := w.Org.CountLive(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		got.Changed = want.Changed
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after %s, %s sees %+v on the home page, recount %+v", after, a.Username, got, want)
		}
	}
}

func TestOrgFiguresEqualRecountAfterEveryWrite(t *testing.T) {
	w := testutil.NewWorld(t)
	assertFiguresFresh(t, w, "setup")
	id, err := w.Org.CreatePerson(ctx, w.CountyA, org.Person{Name: "孙教研", OrgID: w.BureauA, Title: "senior", ResearcherKind: "fulltime",
		ResearcherSubject: "数学", ResearcherStage: "primary"})
	if err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "person create")
	p, err := w.Org.FindPersonByID(ctx, testutil.Root, id)
	if err != nil {
		t.Fatal(err)
	}
	p.OrgID, p.Title, p.ResearcherKind = w.SchoolA, "first", ""
	if err := w.Org.UpdatePerson(ctx, w.CountyA, p); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "person update (moved, new title, no longer researcher)")
	if err := w.Org.SetPersonActive(ctx, w.CountyA, id, false, p.Version+1); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "person deactivate")
	if err := w.Org.SetPersonActive(ctx, w.CountyA, id, true, p.Version+2); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "person reactivate")
	rows := []org.PersonRow{{Row: 2, Org: "2330000001", Person: org.Person{Name: "甲", IDNumber: "330302199001010013", Title: "first"}}}
	if _, err := w.Org.ImportPeople(ctx, w.CountyA, rows, org.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "people import (create)")
	rows[0].Person.Title = "senior"
	if _, err := w.Org.ImportPeople(ctx, w.CountyA, rows, org.ImportOptions{Update: true}); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "people import (update)")
	school := w.MustSchool(t, "鹿城区第二小学", "330302", 9)
	assertFiguresFresh(t, w, "org create")
	o, err := w.Org.FindOrgByID(ctx, testutil.Root, school)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Org.SetOrgActive(ctx, w.CountyA, school, false, o.Version); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "org deactivate")
	orgRows := []org.OrgRow{{Row: 2, Org: org.Org{Name: "龙湾区第三小学", Kind: org.KindSchool, RegionCode: "330303", SchoolCode: "2330000033",
		Stages: []string{"primary"}, Locale: "rural"}}}
	if _, err := w.Org.ImportOrgs(ctx, w.CountyB, orgRows, org.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	assertFiguresFresh(t, w, "org import")
}

func TestHomeCountsShowTheTimeOfTheFigure(t *testing.T) {
	w := testutil.NewWorld(t)
	c, err := w.Org.CountInScope(ctx, w.CityAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if c.Changed.IsZero() || c.Schools != 2 || c.Teachers != 6 {
		t.Fatalf("city counts %+v: want 2 schools, 6 people and the time of the figure", c)
	}
}
