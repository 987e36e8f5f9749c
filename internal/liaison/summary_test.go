package liaison_test

import (
	"reflect"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
)

// assertSummariesFresh compares each researcher's figures read from the
// maintained visit_summaries with a fresh count from visits.
func assertSummariesFresh(t *testing.T, f *fixture, after string, year int) {
	t.Helper()
	err := f.DB.Read(ctx, func(tx *db.Tx) error {
		got, err := liaison.SummaryFigures(ctx, tx, year)
		if err != nil {
			return err
		}
		for _, id := range []int64{f.ResA, f.ResB} {
			want, err := liaison.LoadVisitFigures(ctx, tx, id, year)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got[id], want) {
				t.Errorf("after %s: researcher %d summary %+v, recount %+v", after, id, got[id], want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVisitSummariesEqualRecountAfterEveryWrite(t *testing.T) {
	f := newFixture(t)
	v := liaison.Visit{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03",
		EndDate: "2025-11-05", LessonsObserved: 6, DemoLessons: 1}
	id, err := f.Svc.SaveVisit(ctx, f.ResUserA, v, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertSummariesFresh(t, f, "visit create", 2025)
	saved, err := f.Svc.FindVisitByID(ctx, testutil.Root, id)
	if err != nil {
		t.Fatal(err)
	}
	saved.StartDate, saved.EndDate, saved.Days, saved.LessonsObserved, saved.Purpose = "2025-10-20", "2025-10-21", 0, 2, liaison.PurposeStint
	if _, err := f.Svc.SaveVisit(ctx, f.ResUserA, saved, nil); err != nil {
		t.Fatal(err)
	}
	assertSummariesFresh(t, f, "visit update", 2025)
	batch := []liaison.Visit{
		{ResearcherID: f.ResB, SchoolID: f.SchoolB, Purpose: liaison.PurposeLiaison, StartDate: "2025-09-10", EndDate: "2025-09-10", LessonsObserved: 3},
		{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2024-10-10", EndDate: "2024-10-11", DemoLessons: 2},
	}
	if _, err := f.Svc.SaveVisits(ctx, testutil.Root, batch); err != nil {
		t.Fatal(err)
	}
	assertSummariesFresh(t, f, "visit batch", 2025)
	assertSummariesFresh(t, f, "visit batch (earlier year)", 2024)
	saved, _ = f.Svc.FindVisitByID(ctx, testutil.Root, id)
	saved.StartDate, saved.EndDate, saved.Days = "2024-11-03", "2024-11-03", 0 // moved to another 学年
	if _, err := f.Svc.SaveVisit(ctx, testutil.Root, saved, nil); err != nil {
		t.Fatal(err)
	}
	assertSummariesFresh(t, f, "visit moved to 2024", 2025)
	assertSummariesFresh(t, f, "visit moved to 2024", 2024)
}
