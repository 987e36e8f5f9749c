package main

import (
	"context"
	"io"
	"slices"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/notify"
)

// TestServeSchedulesSessionsRemindersAndMail: the scheduler serve starts
// runs 清理过期会话 (an idle session goes), notify.due_soon (a 待办 due
// tomorrow becomes one inbox message) and notify.mail, all without error.
func TestServeSchedulesSessionsRemindersAndMail(t *testing.T) {
	cliDB(t)
	ctx := context.Background()
	cfg, err := parse("serve", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := open(ctx, cfg, true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.db.Close()
	uid, err := svc.auth.CreateAdmin(ctx, "sys", "Jy#Secret2026", "sysadmin")
	if err != nil {
		t.Fatal(err)
	}
	err = svc.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, seen_at, ip, user_agent)
			VALUES ('stale', ?, ?, ?, '', '')`, uid, time.Now().Add(-2*time.Hour).UnixMilli(), time.Now().Add(-2*time.Hour).UnixMilli()); err != nil {
			return err
		}
		return notify.AddTodo(ctx, tx, notify.Todo{UserID: uid, Key: "test:1", Source: "测试", Title: "审核申报", Link: "/",
			Due: time.Now().AddDate(0, 0, 1)})
	})
	if err != nil {
		t.Fatal(err)
	}
	sched := &jobs.Scheduler{DB: svc.db, Instance: "test", Log: logger(io.Discard)}
	if err := registerTasks(sched, svc, logger(io.Discard)); err != nil {
		t.Fatal(err)
	}
	ran, err := sched.RunDue(ctx)
	for _, name := range []string{taskPurgeSessions, taskDueSoon, taskMail, taskOnSitePace} {
		if !slices.Contains(ran, name) {
			t.Errorf("%s did not run (ran %v, %v)", name, ran, err)
		}
	}
	count := func(q string) int {
		n, err := db.ReadValue(ctx, svc.db, func(tx *db.Tx) (int, error) { return tx.Count(ctx, q) })
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("SELECT COUNT(*) FROM sessions WHERE token_hash = 'stale'"); n != 0 {
		t.Error("the idle session was not purged")
	}
	if n := count("SELECT COUNT(*) FROM messages"); n != 1 {
		t.Errorf("%d reminder messages, want 1", n)
	}
	if n := count("SELECT COUNT(*) FROM scheduled_tasks WHERE last_error <> ''"); n != 0 {
		t.Errorf("%d tasks failed", n)
	}
}
