package org_test

import (
	"fmt"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestOrgPagesNeitherSkipNorRepeatWhileOrgsAreAdded: walking the city
// admin's organisation list by 下一页 while schools are added in both
// counties (before and after the reader's place) shows every organisation
// that was there at the start exactly once, in list order; 上一页 from the
// last page shows the rows before it; ?page=N lands where N pages of 下一页
// do.
func TestOrgPagesNeitherSkipNorRepeatWhileOrgsAreAdded(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := range 20 {
		w.MustSchool(t, fmt.Sprintf("学校%02d", i), []string{"330302", "330303"}[i%2], 200+i)
	}
	start, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 1000}}, true)
	if err != nil || start.Total != len(start.Orgs) || start.More {
		t.Fatalf("whole list: %d of %d, more %v, %v", len(start.Orgs), start.Total, start.More, err)
	}
	var walked []org.Org
	var pages []org.OrgPage
	f := org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 4}}
	for n := 0; ; n++ {
		pg, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, f, false)
		if err != nil {
			t.Fatal(err)
		}
		walked, pages = append(walked, pg.Orgs...), append(pages, pg)
		w.MustSchool(t, fmt.Sprintf("新学校%02d", n), []string{"330302", "330303"}[n%2], 300+n)
		if !pg.More {
			break
		}
		f.After = pg.Last
	}
	seen := map[int64]int{}
	for _, o := range walked {
		seen[o.ID]++
	}
	pos := 0
	for _, o := range start.Orgs {
		if seen[o.ID] != 1 {
			t.Errorf("%s shown %d times", o.Name, seen[o.ID])
		}
		for pos < len(walked) && walked[pos].ID != o.ID {
			pos++
		}
		if pos == len(walked) {
			t.Fatalf("%s out of list order in the walk", o.Name)
		}
	}
	last := pages[len(pages)-1]
	prev, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 4}, Before: last.First}, false)
	if err != nil || len(prev.Orgs) != 4 || !prev.More || prev.Last.ID == last.First.ID {
		t.Fatalf("上一页: %d rows, more %v, %v", len(prev.Orgs), prev.More, err)
	}
	deep, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 4, Offset: 8}}, false)
	if err != nil || len(deep.Orgs) == 0 {
		t.Fatal(deep, err)
	}
	third, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 4}, After: mustSecond(t, w).Last}, false)
	if err != nil || third.First != deep.First {
		t.Errorf("?page=3 starts at %+v, two 下一页 at %+v (%v)", deep.First, third.First, err)
	}
	if _, err := w.Org.FindOrgsPage(ctx, w.TeacherUserA, org.OrgPageFilter{}, false); err == nil {
		t.Error("a teacher lists organisations")
	}
}

// mustSecond is the city admin's second page of four.
func mustSecond(t *testing.T, w *testutil.World) org.OrgPage {
	t.Helper()
	first, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 4}}, false)
	if err != nil {
		t.Fatal(err)
	}
	second, err := w.Org.FindOrgsPage(ctx, w.CityAdmin, org.OrgPageFilter{OrgFilter: org.OrgFilter{Limit: 4}, After: first.Last}, false)
	if err != nil {
		t.Fatal(err)
	}
	return second
}
