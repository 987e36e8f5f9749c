package jobs

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"jiaoyan/internal/db"
)

// probe counts runs of a scheduled task in a table, as a reminder task would
// leave one 待办 per run.
func probeTask(d *db.DB, who string) Task {
	return func(ctx context.Context) error {
		return d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO sched_probe (who) VALUES (?)", who)
			return err
		})
	}
}

func probeRuns(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	err := d.Read(context.Background(), func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(context.Background(), "SELECT COUNT(*) FROM sched_probe")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Two serve processes (two handles on one database), both scheduling the
// same reminder and both looking for due work at once, run it exactly once
// per due time.
func TestTwoProcessesRunADueTaskExactlyOnce(t *testing.T) {
	dsn := testDSN(t)
	one, two := openDSN(t, dsn), openDSN(t, dsn)
	if err := one.Exec(context.Background(), "CREATE TABLE sched_probe (who TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	clock := newClock()
	const every = 24 * time.Hour
	procs := []*Scheduler{
		{DB: one, Instance: "serve-1", Clock: clock.Now},
		{DB: two, Instance: "serve-2", Clock: clock.Now},
	}
	for _, p := range procs {
		p.Register("报告截止前三天提醒", every, probeTask(p.DB, p.Instance))
	}
	for due := 1; due <= 3; due++ {
		var wg sync.WaitGroup
		for _, p := range procs {
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 10 {
						if _, err := p.RunDue(context.Background()); err != nil {
							t.Error(err)
						}
					}
				}()
			}
		}
		wg.Wait()
		if n := probeRuns(t, one); n != due {
			t.Fatalf("after due time %d the task ran %d times", due, n)
		}
		clock.Advance(every)
	}
}

// Loop runs due tasks until its context ends.
func TestLoopRunsDueTasksUntilStopped(t *testing.T) {
	d := openTestDB(t)
	ran := make(chan struct{}, 1)
	sc := &Scheduler{DB: d, Instance: "serve-1", Interval: time.Millisecond}
	sc.Register("清理过期会话", time.Hour, func(ctx context.Context) error {
		select {
		case ran <- struct{}{}:
		default:
		}
		return nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { sc.Loop(ctx); close(stopped) }()
	<-ran
	cancel()
	<-stopped
}

// A failing or panicking task is logged and stored, and runs again at its
// next due time; the other tasks still run.
func TestFailingTaskIsRetriedNextTime(t *testing.T) {
	d := openTestDB(t)
	clock, logs := newClock(), &logBuf{}
	sc := &Scheduler{DB: d, Instance: "serve-1", Clock: clock.Now, Log: newLogger(logs)}
	calls := map[string]int{}
	sc.Register("会失败", time.Hour, func(ctx context.Context) error { calls["fail"]++; return errors.New("SMTP 不可用") })
	sc.Register("会崩溃", time.Hour, func(ctx context.Context) error { calls["panic"]++; panic("boom") })
	sc.Register("正常", time.Hour, func(ctx context.Context) error { calls["ok"]++; return nil })
	ctx := context.Background()
	if ran, err := sc.RunDue(ctx); len(ran) != 3 || err != nil {
		t.Fatalf("ran %v, %v", ran, err)
	}
	if ran, _ := sc.RunDue(ctx); len(ran) != 0 {
		t.Fatalf("ran again before due: %v", ran)
	}
	var lastErr string
	d.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT last_error FROM scheduled_tasks WHERE name = ?", "会失败").Scan(&lastErr)
	})
	if lastErr != "SMTP 不可用" || !strings.Contains(logs.String(), "boom") {
		t.Fatalf("last_error %q, log:\n%s", lastErr, logs.String())
	}
	clock.Advance(time.Hour)
	sc.RunDue(ctx)
	if calls["fail"] != 2 || calls["panic"] != 2 || calls["ok"] != 2 {
		t.Fatalf("calls = %v", calls)
	}
}

// A task claimed by a process that died mid-run is not run by another
// process until the lease ends.
func TestLeaseOfADeadProcessExpires(t *testing.T) {
	d := openTestDB(t)
	clock := newClock()
	runs := 0
	task := func(ctx context.Context) error { runs++; return nil }
	dead := &Scheduler{DB: d, Instance: "dead", Clock: clock.Now, Lease: 10 * time.Minute}
	dead.Register("提醒", time.Minute, task)
	dead.store(context.Background())
	if _, ok, _ := dead.claim(context.Background()); !ok {
		t.Fatal("nothing to claim")
	}
	live := &Scheduler{DB: d, Instance: "live", Clock: clock.Now, Lease: 10 * time.Minute}
	live.Register("提醒", time.Minute, task)
	clock.Advance(5 * time.Minute)
	if ran, _ := live.RunDue(context.Background()); len(ran) != 0 {
		t.Fatalf("ran while leased: %v", ran)
	}
	clock.Advance(6 * time.Minute)
	if ran, _ := live.RunDue(context.Background()); len(ran) != 1 || runs != 1 {
		t.Fatalf("after the lease: ran %v, runs %d", ran, runs)
	}
}

// The jobs package schedules its own upkeep.
func TestHousekeepingPurgesAndMarks(t *testing.T) {
	s, clock, _ := newStore(t)
	ctx := context.Background()
	id := mustAdd(t, s, roster())
	clock.Advance(8 * 24 * time.Hour)
	sc := &Scheduler{DB: s.DB, Instance: "serve-1", Clock: clock.Now}
	restarted(s, clock).RegisterHousekeeping(sc)
	if ran, err := sc.RunDue(ctx); len(ran) != 2 || err != nil {
		t.Fatalf("ran %v, %v", ran, err)
	}
	if st, _ := rawStatus(t, s.DB, id); st != Interrupted {
		t.Fatalf("status %s", st)
	}
	clock.Advance(8 * 24 * time.Hour)
	sc.RunDue(ctx)
	if _, err := s.readFile(ctx, id, "名单.csv"); err == nil {
		t.Fatal("upload of an interrupted job kept past retention")
	}
}
