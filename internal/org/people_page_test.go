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

// walkPeople follows 下一页 (the after= key) from the first page to the
// end, calling between after each page, and returns the ids in order.
func walkPeople(t *testing.T, w *testutil.World, actor app.Actor, between func()) []int64 {
	t.Helper()
	var ids []int64
	f := org.PersonFilter{Limit: 4}
	for range 1000 {
		pg, err := w.Org.FindPeoplePage(ctx, actor, f, org.CountCheap)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pg.People {
			ids = append(ids, p.ID)
		}
		if !pg.More {
			return ids
		}
		between()
		f.After = pg.Last
	}
	t.Fatal("the walk never ended")
	return nil
}

// TestPagingNeverSkipsOrRepeatsWhileRowsAreAdded: while a writer adds
// people (some sorting before the reader's place, some after), a walk of the
// city admin's list sees every person that existed at the start exactly
// once and no row twice.
func TestPagingNeverSkipsOrRepeatsWhileRowsAreAdded(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := range 30 {
		w.MustPerson(t, org.Person{Name: fmt.Sprintf("教师%02d", i), OrgID: []int64{w.SchoolA, w.SchoolB}[i%2]})
	}
	start, _, err := w.Org.FindPeople(ctx, w.CityAdmin, org.PersonFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	turn, done := make(chan int), make(chan error)
	go func() { // the writer: one person per page read, at the head and the tail of the list in turn
		for n := range turn {
			_, err := w.Org.CreatePerson(ctx, testutil.Root, org.Person{Name: fmt.Sprintf("新人%02d", n),
				OrgID: []int64{w.BureauA, w.SchoolB}[n%2]})
			done <- err
		}
	}()
	n := 0
	ids := walkPeople(t, w, w.CityAdmin, func() {
		turn <- n
		n++
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
	close(turn)
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("person %d shown twice while rows were added", id)
		}
		seen[id] = true
	}
	for _, p := range start {
		if !seen[p.ID] {
			t.Fatalf("person %s (%d) skipped while rows were added", p.Name, p.ID)
		}
	}
	if n == 0 {
		t.Fatal("no row was added during the walk")
	}
}

// TestPreviousPageEndsBeforeTheFirstRow: 上一页 (before=) shows the rows
// just before the page, in list order.
func TestPreviousPageEndsBeforeTheFirstRow(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := range 9 {
		w.MustPerson(t, org.Person{Name: fmt.Sprintf("教师%02d", i), OrgID: w.SchoolA})
	}
	all, _, _ := w.Org.FindPeople(ctx, w.CityAdmin, org.PersonFilter{Limit: 100})
	third, err := w.Org.FindPeoplePage(ctx, w.CityAdmin, org.PersonFilter{Limit: 3, Offset: 6}, org.CountCheap)
	if err != nil || len(third.People) != 3 || third.People[0].ID != all[6].ID || !third.Less {
		t.Fatalf("page at offset 6: %+v, %v", third.People, err)
	}
	second, err := w.Org.FindPeoplePage(ctx, w.CityAdmin, org.PersonFilter{Limit: 3, Before: third.First}, org.CountCheap)
	if err != nil || len(second.People) != 3 || !second.More || !second.Less {
		t.Fatalf("previous page: %+v, %v", second, err)
	}
	for i, p := range second.People {
		if p.ID != all[3+i].ID {
			t.Fatalf("previous page row %d is %s, want %s", i, p.Name, all[3+i].Name)
		}
	}
	if third.Total != len(all) || third.Estimated {
		t.Fatalf("small list total %d (estimated %v), want exact %d", third.Total, third.Estimated, len(all))
	}
}

// TestDamagedCursorShowsTheFirstPage: a cursor that is not one (edited by
// hand) is the start of the list, not an error.
func TestDamagedCursorShowsTheFirstPage(t *testing.T) {
	for _, s := range []string{"", "x", "%%%", db.PageKey{Text: "/a/", ID: -1}.Encode()} {
		if k := db.ParsePageKey(s); !k.IsZero() {
			t.Fatalf("cursor %q read as %+v", s, k)
		}
	}
	k := db.PageKey{Text: "/33/3303/o12/", ID: 77}
	if got := db.ParsePageKey(k.Encode()); got != k || strings.ContainsAny(k.Encode(), "/+=&") {
		t.Fatalf("cursor %q round trip %+v", k.Encode(), got)
	}
}

// TestEachPersonStreamsEveryPersonInScopeOnce: the export walk reads in
// batches (of every size, so batches end inside an organisation, at its
// end and past it) yet yields each person of the scope exactly once, in
// list order, and none outside it.
func TestEachPersonStreamsEveryPersonInScopeOnce(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := range 7 {
		w.MustPerson(t, org.Person{Name: fmt.Sprintf("教师%02d", i), OrgID: []int64{w.SchoolA, w.SchoolB}[i%2]})
	}
	want, _, _ := w.Org.FindPeople(ctx, w.CountyA, org.PersonFilter{Limit: 100})
	if len(want) < 5 {
		t.Fatalf("the list has %d people", len(want))
	}
	for _, batch := range []int{1, 2, 3, 5, 100} {
		restore := org.SetExportBatch(batch)
		var got []org.Person
		if err := w.Org.EachPerson(ctx, w.CountyA, org.PersonFilter{}, func(p org.Person) bool { got = append(got, p); return true }); err != nil {
			t.Fatal(err)
		}
		restore()
		if len(got) != len(want) {
			t.Fatalf("batch %d: export walk gave %d people, the list has %d", batch, len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID || got[i].OrgID == w.SchoolB {
				t.Fatalf("batch %d: export row %d is %s, want %s", batch, i, got[i].Name, want[i].Name)
			}
		}
	}
}
