package org_test

import (
	"context"
	"fmt"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// bulkID is a valid 身份证号 born in 鹿城区 with sequence n.
func bulkID(n int) string {
	body := fmt.Sprintf("330302%04d0101%03d", 1970+n/1000, n%1000)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

// An import of more people than one statement carries writes every person
// with their honours, counts them on the home page as a fresh recount
// does, and leaves an already stored person in the file unchanged.
func TestImportPeopleAcrossStatementsMatchesRecount(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	titles := []string{"", "second", "first", "senior"}
	rows := []org.PersonRow{{Row: 2, Org: "鹿城区实验小学", Person: org.Person{Name: "甲", IDNumber: "330302199001010013", Title: "first"}}}
	for i := range 1203 {
		p := org.Person{Name: fmt.Sprintf("教师%d", i), IDNumber: bulkID(i), Title: titles[i%4], Phone: fmt.Sprintf("139%08d", i)}
		if i%7 == 0 {
			p.Honours = []org.Honour{{Name: "县级骨干教师", Level: "county", Year: 2020 + i%5}}
		}
		where := "2330000001"
		if i%3 == 0 {
			where, p.ResearcherKind, p.ResearcherSubject, p.ResearcherStage = "鹿城区实验小学", "parttime", "数学", "primary"
		}
		rows = append(rows, org.PersonRow{Row: i + 3, Org: where, Person: p})
	}
	res, err := w.Org.ImportPeople(ctx, w.CountyA, rows[:1], org.ImportOptions{})
	if err != nil || res.Created != 1 {
		t.Fatalf("the first teacher alone: %+v %v", res, err)
	}
	before, err := w.Org.CountInScope(ctx, w.CountyA)
	if err != nil {
		t.Fatal(err)
	}
	res, err = w.Org.ImportPeople(ctx, w.CountyA, rows, org.ImportOptions{FileName: "大名单.xlsx"})
	if err != nil || res.Created != 1203 || res.Unchanged != 1 {
		t.Fatalf("import of 1,204 rows (one already stored): %+v %v", res, err)
	}
	assertFiguresFresh(t, w, "an import of 1,203 new people")
	after, _ := w.Org.CountInScope(ctx, w.CountyA)
	if after.Teachers-before.Teachers != 1203 || after.Researchers-before.Researchers != 401 {
		t.Fatalf("county A's home counts went from %+v to %+v, want 1,203 more people and 401 more researchers", before, after)
	}
	for _, i := range []int{0, 499, 500, 1001, 1202} {
		found, _, err := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: fmt.Sprintf("教师%d", i), Limit: 5})
		if err != nil || len(found) == 0 {
			t.Fatalf("教师%d not found: %v", i, err)
		}
		p, err := w.Org.FindPersonByID(ctx, testutil.Root, found[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.IDNumber != bulkID(i) || p.Phone != fmt.Sprintf("139%08d", i) || p.Title != titles[i%4] ||
			(i%7 == 0) != (len(p.Honours) == 1) || (i%3 == 0) != (p.ResearcherKind == "parttime") {
			t.Fatalf("教师%d stored as %+v", i, p)
		}
	}
}
