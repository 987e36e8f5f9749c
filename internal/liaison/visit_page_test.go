package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
)

// A visit list page seeks its rows through visits_start, newest first, on
// both databases, whichever way it pages: it does not sort every visit of
// a city.
func TestVisitPageSeeksTheStartIndex(t *testing.T) {
	w := testutil.NewWorld(t)
	key := db.PageKey{Text: "2025-11-03", ID: 7}
	for _, actor := range []app.Actor{testutil.Root, w.CityAdmin} {
		for _, c := range []struct{ after, before db.PageKey }{{}, {after: key}, {before: key}} {
			q, args := liaison.VisitPageQuery(actor, liaison.VisitFilter{}, c.after, c.before, 50)
			if plan := explain(t, w.DB, q, args); !strings.Contains(plan, "visits_start") {
				t.Errorf("%s: the visit page does not read visits_start:\n%s", actor.Username, plan)
			}
		}
	}
}

// Paging the visit list forwards and back, while visits are added between
// pages, shows every visit that was there from the start exactly once, in
// the list's order; the total follows every visit written or removed and
// equals a fresh count.
func TestVisitPagesNeitherSkipNorRepeatAndTheTotalFollowsWrites(t *testing.T) {
	f := newFixture(t)
	for i := range 13 {
		day := []string{"2025-11-03", "2025-11-04", "2025-11-05"}[i%3] // dates repeat: the id breaks ties
		logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, day, day, 1, 0, 0)
	}
	whole, _, err := f.Svc.FindVisits(ctx, f.CountyA, liaison.VisitFilter{})
	if err != nil || len(whole) != 13 {
		t.Fatalf("whole list: %d, %v", len(whole), err)
	}
	var walked []liaison.Visit
	var after db.PageKey
	var last liaison.VisitPage
	for {
		pg, err := f.Svc.FindVisitsPage(ctx, f.CountyA, liaison.VisitFilter{}, after, db.PageKey{}, 4)
		if err != nil {
			t.Fatal(err)
		}
		_, fresh, err := f.Svc.FindVisits(ctx, f.CountyA, liaison.VisitFilter{Limit: 1})
		if err != nil || pg.Total != fresh {
			t.Fatalf("page total %d, a fresh count %d (%v)", pg.Total, fresh, err)
		}
		walked = append(walked, pg.Visits...)
		logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-12-01", "2025-12-01", 1, 0, 0) // newer than all
		logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-10-01", "2025-10-01", 1, 0, 0) // older than all
		last = pg
		if !pg.More {
			break
		}
		after = pg.Last
	}
	seen := map[int64]int{}
	for _, v := range walked {
		seen[v.ID]++
	}
	pos := 0
	for _, v := range whole {
		if seen[v.ID] != 1 {
			t.Errorf("visit %d shown %d times", v.ID, seen[v.ID])
		}
		for pos < len(walked) && walked[pos].ID != v.ID {
			pos++
		}
		if pos == len(walked) {
			t.Fatalf("visit %d is out of the list's order in the walk", v.ID)
		}
	}
	prev, err := f.Svc.FindVisitsPage(ctx, f.CountyA, liaison.VisitFilter{}, db.PageKey{}, last.First, 4)
	if err != nil || len(prev.Visits) != 4 || !prev.More || !prev.Less {
		t.Fatalf("previous page: %d rows, more %v, less %v, %v", len(prev.Visits), prev.More, prev.Less, err)
	}
	if got, want := prev.Visits[3].ID, last.First.ID; got == want || compareVisit(prev.Visits[3], last.Visits[0]) <= 0 {
		t.Errorf("上一页 does not end just before the page it came from (%d, %d)", got, want)
	}
	if err := f.DB.Exec(ctx, "DELETE FROM visits WHERE id = ?", whole[0].ID); err != nil {
		t.Fatal(err)
	}
	pg, err := f.Svc.FindVisitsPage(ctx, f.CountyA, liaison.VisitFilter{}, db.PageKey{}, db.PageKey{}, 4)
	_, fresh, ferr := f.Svc.FindVisits(ctx, f.CountyA, liaison.VisitFilter{Limit: 1})
	if err != nil || ferr != nil || pg.Total != fresh {
		t.Fatalf("after a visit is removed: page total %d, a fresh count %d (%v %v)", pg.Total, fresh, err, ferr)
	}
}

// compareVisit is >0 when a is newer in the list's order than b.
func compareVisit(a, b liaison.Visit) int {
	if c := strings.Compare(a.StartDate, b.StartDate); c != 0 {
		return c
	}
	return int(a.ID - b.ID)
}
