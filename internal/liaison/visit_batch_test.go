package liaison_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
)

// TestSaveVisitsAllOrNothing: a batch with one visit to a school outside
// the researcher's scope writes nothing and names that visit; a good batch
// is written whole with its terms from the calendar.
func TestSaveVisitsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	good := liaison.Visit{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03", Days: 1}
	bad := good
	bad.SchoolID = f.SchoolB
	_, err := f.Svc.SaveVisits(ctx, f.ResUserA, []liaison.Visit{good, bad})
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "第 2 条") {
		t.Fatalf("batch with a county-B school: %v", err)
	}
	if list, n, _ := f.Svc.FindVisits(ctx, f.ResUserA, liaison.VisitFilter{}); n != 0 {
		t.Fatalf("a failed batch left %d visits: %+v", n, list)
	}
	spring := good
	spring.StartDate = "2026-03-02"
	f.Svc.Now = func() time.Time { return time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC) }
	if n, err := f.Svc.SaveVisits(ctx, f.ResUserA, []liaison.Visit{good, spring}); err != nil || n != 2 {
		t.Fatalf("good batch: %d, %v", n, err)
	}
	list, _, _ := f.Svc.FindVisits(ctx, f.ResUserA, liaison.VisitFilter{})
	if len(list) != 2 || list[0].Term.String() != "2025学年第二学期" || list[1].Term.String() != "2025学年第一学期" {
		t.Fatalf("visits = %+v", list)
	}
}
