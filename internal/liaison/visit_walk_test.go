package liaison_test

import (
	"fmt"
	"testing"

	"jiaoyan/internal/liaison"
)

// TestWalkVisitsHandsOverEveryVisitOnceInListOrder: walking the visits in
// small batches, while visits are added between batches, hands over every
// visit that was there from the start exactly once, in the list's order,
// and stops when told to.
func TestWalkVisitsHandsOverEveryVisitOnceInListOrder(t *testing.T) {
	f := newFixture(t)
	liaison.SetVisitWalkBatch(t, 4)
	for i := range 11 {
		day := fmt.Sprintf("2025-11-%02d", 3+i%4) // dates repeat: the id breaks ties
		logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, day, day, 1, 0, 0)
	}
	whole, _, err := f.Svc.FindVisits(ctx, f.CountyA, liaison.VisitFilter{})
	if err != nil || len(whole) != 11 {
		t.Fatalf("whole list: %d, %v", len(whole), err)
	}
	var walked []int64
	err = f.Svc.WalkVisits(ctx, f.CountyA, liaison.VisitFilter{}, func(v liaison.Visit) bool {
		walked = append(walked, v.ID)
		if len(walked)%4 == 0 { // one newer and one older than every visit join the list
			logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-12-01", "2025-12-01", 1, 0, 0)
			logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-10-01", "2025-10-01", 1, 0, 0)
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]int{}
	for _, id := range walked {
		seen[id]++
	}
	pos := 0
	for _, v := range whole {
		if seen[v.ID] != 1 {
			t.Errorf("visit %d handed over %d times", v.ID, seen[v.ID])
		}
		for pos < len(walked) && walked[pos] != v.ID {
			pos++
		}
		if pos == len(walked) {
			t.Fatalf("visit %d is out of the list's order in the walk", v.ID)
		}
	}
	n := 0
	if err := f.Svc.WalkVisits(ctx, f.CountyA, liaison.VisitFilter{}, func(liaison.Visit) bool { n++; return n < 6 }); err != nil || n != 6 {
		t.Fatalf("a walk told to stop after 6 went on to %d (%v)", n, err)
	}
	if err := f.Svc.WalkVisits(ctx, f.TeacherUserA, liaison.VisitFilter{}, func(liaison.Visit) bool { return true }); err == nil {
		t.Error("a teacher walked the visits")
	}
}
