package org_test

import (
	"context"
	"errors"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

func TestImportPeopleIsAllOrNothingAndIdempotent(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	good := []org.PersonRow{
		{Row: 3, Org: "2330000001", Person: org.Person{Name: "甲", IDNumber: "330302199001010013", Title: "first"}},
		{Row: 4, Org: "鹿城区实验小学", Person: org.Person{Name: "乙", IDNumber: "330302199202020023",
			Honours: []org.Honour{{Name: "县级骨干教师", Level: "county", Year: 2023}}}},
	}
	bad := append(append([]org.PersonRow{}, good...),
		org.PersonRow{Row: 5, Org: "2330000002", Person: org.Person{Name: "丙", IDNumber: "330303199303030032"}})
	_, err := w.Org.ImportPeople(ctx, w.CountyA, bad, org.ImportOptions{FileName: "a.xlsx", FileHash: "h1"})
	var rowErrs org.RowErrors
	if !errors.As(err, &rowErrs) || len(rowErrs) != 1 || rowErrs[0].Row != 5 || rowErrs[0].Field != "org" {
		t.Fatalf("row 5's school is in county B; want one error at row 5 column org, got %v", err)
	}
	if _, n, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: "甲"}); n != 0 {
		t.Fatal("an import with an error wrote rows")
	}
	res, err := w.Org.ImportPeople(ctx, w.CountyA, good, org.ImportOptions{FileName: "a.xlsx", FileHash: "h2"})
	if err != nil || res.Created != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	yi, _, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: "乙"})
	if p, _ := w.Org.FindPersonByID(ctx, testutil.Root, yi[0].ID); len(p.Honours) != 1 || p.Honours[0].Name != "县级骨干教师" {
		t.Fatalf("honours lost on import: %+v", p.Honours)
	}
	res, err = w.Org.ImportPeople(ctx, w.CountyA, good, org.ImportOptions{FileName: "a.xlsx", FileHash: "h2"})
	if err != nil || res.Created != 0 || res.Unchanged != 2 || !res.SeenBefore {
		t.Fatalf("re-import of the same file: %+v %v", res, err)
	}
	changed := []org.PersonRow{{Row: 3, Org: "2330000001", Person: org.Person{Name: "甲", IDNumber: "330302199001010013", Title: "senior"}}}
	if _, err := w.Org.ImportPeople(ctx, w.CountyA, changed, org.ImportOptions{}); err == nil {
		t.Fatal("a changed row was accepted without 更新已有记录")
	}
	res, err = w.Org.ImportPeople(ctx, w.CountyA, changed, org.ImportOptions{Update: true})
	if err != nil || res.Updated != 1 {
		t.Fatalf("update: %+v %v", res, err)
	}
	found, _, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: "甲"})
	if len(found) != 1 || found[0].Title != "senior" {
		t.Fatalf("after update: %+v", found)
	}
}

func TestImportPeopleRejectsDuplicateAndOutOfScopeIDs(t *testing.T) {
	w := testutil.NewWorld(t)
	rows := []org.PersonRow{
		{Row: 2, Org: "2330000001", Person: org.Person{Name: "甲", IDNumber: "330302199001010013"}},
		{Row: 3, Org: "2330000001", Person: org.Person{Name: "乙", IDNumber: "330302199001010013"}},
		{Row: 4, Org: "2330000001", Person: org.Person{Name: "丙", IDNumber: testutil.IDB}},
	}
	_, err := w.Org.ImportPeople(context.Background(), w.CountyA, rows, org.ImportOptions{Update: true})
	var rowErrs org.RowErrors
	if !errors.As(err, &rowErrs) || len(rowErrs) != 2 || rowErrs[0].Row != 3 || rowErrs[1].Row != 4 {
		t.Fatalf("want errors at rows 3 (duplicate) and 4 (county B's teacher), got %v", err)
	}
}
