package liaison_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/notify"
)

func messages(t *testing.T, f *fixture, a app.Actor) []notify.Message {
	t.Helper()
	ms, _, err := (&notify.Service{DB: f.DB}).FindMessages(ctx, a, notify.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestOnSitePaceReminder(t *testing.T) {
	f := newFixture(t)
	withRules(t, f) // 20 days a term in county A; county B has no rule
	// 2025-12-15 is 105 of the default 第一学期's 153 days: the pace is 13.7 days.
	mon := time.Date(2025, 12, 15, 9, 0, 0, 0, time.UTC)
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-11-03", "2025-11-05", 3, 0, 0)
	for range 2 {
		if _, err := f.Svc.RemindOnSitePace(ctx, mon); err != nil {
			t.Fatal(err)
		}
	}
	ms := messages(t, f, f.ResUserA)
	if len(ms) != 1 || !strings.Contains(ms[0].Title, "已到校 3 天，按进度应达 14 天") {
		t.Fatalf("behind-pace messages after two runs = %+v, want one naming 3 of 14 days", ms)
	}
	if got := openTodos(t, f.World, f.ResUserA); len(got) != 1 || !strings.HasPrefix(got[0], "安排到校：") {
		t.Fatalf("todos = %v, want one 安排到校", got)
	}
	if ms := messages(t, f, f.ResUserB); len(ms) != 0 {
		t.Fatalf("researcher of a region without the rule was reminded: %+v", ms)
	}
	// Back on pace within the margin: no new reminder, and the open one closes.
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-12-01", "2025-12-12", 10, 0, 0)
	n, err := f.Svc.RemindOnSitePace(ctx, mon.AddDate(0, 0, 7))
	if err != nil || n != 0 || len(messages(t, f, f.ResUserA)) != 1 {
		t.Fatalf("on pace: sent %d, %v", n, err)
	}
	if got := openTodos(t, f.World, f.ResUserA); len(got) != 0 {
		t.Fatalf("todos on pace = %v, want the reminder closed", got)
	}
}
