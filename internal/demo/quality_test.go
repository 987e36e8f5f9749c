package demo

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
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

// The demo's papers have setters, and 数学's item warnings are their 待办:
// demo.teacher1 (a teacher, scope 仅本人) sees them among their warnings;
// 英语, without a setter, says its creator was told.
func TestDemoItemWarningsReachTheSetters(t *testing.T) {
	env, _, _ := liveDemo(t)
	ctx := context.Background()
	qs := &quality.Service{DB: env.DB, Org: env.Org}
	exams, _, err := qs.FindExams(ctx, examiner, quality.ExamFilter{})
	if err != nil || len(exams) == 0 {
		t.Fatal(exams, err)
	}
	papers, err := qs.FindPapers(ctx, examiner, exams[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]int{}
	for _, p := range papers {
		set[p.Subject] = len(p.Setters)
	}
	if set["数学"] != 2 || set["语文"] != 1 || set["英语"] != 0 {
		t.Errorf("setters per paper %v, want 数学 2, 语文 1, 英语 none", set)
	}
	teacher := app.System("演示检查") // no permission: only what a setter sees
	if err := env.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT person_id FROM users WHERE username = 'demo.teacher1'").Scan(&teacher.PersonID)
	}); err != nil {
		t.Fatal(err)
	}
	mine, _, err := qs.FindWarnings(ctx, teacher, quality.WarningFilter{Limit: 100})
	if err != nil || len(mine) == 0 {
		t.Fatalf("demo.teacher1 sees %d warnings (%v), want 数学's item warnings", len(mine), err)
	}
	for _, w := range mine {
		if w.Kind != quality.WarnItem || w.Subject != "数学" {
			t.Errorf("demo.teacher1 sees a %s warning of %s", w.Kind, w.Subject)
		}
	}
	n, err := db.ReadValue(ctx, env.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, `SELECT COUNT(*) FROM todos t JOIN users u ON u.id = t.user_id WHERE u.username = 'demo.teacher1'
			AND t.done_at = 0 AND t.todo_key LIKE 'quality.warning:%'`)
	})
	if err != nil || n == 0 {
		t.Errorf("demo.teacher1 has %d warning 待办 (%v)", n, err)
	}
}
