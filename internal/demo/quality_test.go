package demo

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
)

// TestDemoHasTwoExamsWarningsAndLoops looks at the small demo as the city
// would: two analysed exams a 学年 apart, the second with value-added from
// the first, warnings, and rectifications in several states, some overdue.
func TestDemoHasTwoExamsWarningsAndLoops(t *testing.T) {
	env, _, _ := liveDemo(t)
	ctx := context.Background()
	qs := &quality.Service{DB: env.DB, Org: env.Org}
	exams, _, err := qs.FindExams(ctx, examiner, quality.ExamFilter{})
	if err != nil || len(exams) != 2 || exams[0].ReportID == 0 || exams[1].ReportID == 0 || exams[0].Term.Year != exams[1].Term.Year+1 {
		t.Fatalf("exams %+v %v", exams, err)
	}
	va, err := qs.FindValueAdded(ctx, examiner, exams[0].ID, "")
	if err != nil || len(va) == 0 {
		t.Errorf("the second exam has no value-added (%v)", err)
	}
	ws, _, err := qs.FindWarnings(ctx, examiner, quality.WarningFilter{Limit: 500})
	if err != nil || len(ws) < 5 {
		t.Errorf("%d warnings (%v)", len(ws), err)
	}
	loops, _, err := (&rectify.Service{DB: env.DB, Now: func() time.Time { return demoToday }}).FindLoops(ctx, examiner, rectify.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	states, overdue := map[string]bool{}, 0
	for _, l := range loops {
		states[l.Status] = true
		if l.Overdue(demoToday.Format("2006-01-02")) {
			overdue++
		}
	}
	if len(states) < 5 || overdue == 0 {
		t.Errorf("loops in %d states, %d overdue: %v", len(states), overdue, states)
	}
}
