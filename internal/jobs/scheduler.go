package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Task is one run of a scheduled task. It must honour ctx.
type Task func(ctx context.Context) error

// Scheduler runs registered tasks at their interval, each due run exactly
// once across every process sharing the database. A process claims a due
// task in one short transaction (PostgreSQL: SELECT … FOR UPDATE SKIP
// LOCKED; SQLite: the single writer transaction is the lock) that moves
// next_run_at on and leases the task, then runs it outside the claim. A
// failed run is logged and stored in last_error; the task runs again at its
// next due time. A process that dies during a run leaves the lease to expire.
type Scheduler struct {
	DB       *db.DB
	Instance string        // this process, stored as claimed_by
	Interval time.Duration // how often Loop looks for due tasks (config JIAOYAN_SCHEDULER_SECONDS; default 30 s)
	Lease    time.Duration // longest run; its context ends then (default 30 min)
	Log      *slog.Logger
	Clock    app.Clock

	mu     sync.Mutex
	tasks  map[string]entry
	stored map[string]time.Duration // tasks whose row holds the current interval
}

type entry struct {
	every time.Duration
	run   Task
}

// Register adds a task run every interval, first as soon as a process
// finds it due. Registering a name again replaces it. Every process that
// should be able to run a task registers it.
func (s *Scheduler) Register(name string, every time.Duration, run Task) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tasks == nil {
		s.tasks = map[string]entry{}
	}
	s.tasks[name] = entry{every: every, run: run}
}

func (s *Scheduler) now() time.Time {
	if s.Clock != nil {
		return s.Clock()
	}
	return time.Now()
}

func (s *Scheduler) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// Loop runs due tasks every Interval until ctx ends.
func (s *Scheduler) Loop(ctx context.Context) {
	tick := time.NewTicker(orDefault(s.Interval, 30*time.Second))
	defer tick.Stop()
	for {
		if _, err := s.RunDue(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("scheduler", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// RunDue claims and runs, one after another, every registered task that is
// due now and not claimed by another process, and returns the names it ran.
// An error is about the claim itself; a task's own failure is logged.
func (s *Scheduler) RunDue(ctx context.Context) ([]string, error) {
	if err := s.store(ctx); err != nil {
		return nil, err
	}
	var ran []string
	for ctx.Err() == nil {
		name, ok, err := s.claim(ctx)
		if err != nil || !ok {
			return ran, err
		}
		s.runOne(ctx, name)
		ran = append(ran, name)
	}
	return ran, nil
}

// snapshot returns the registered tasks, sorted by name.
func (s *Scheduler) snapshot() ([]string, map[string]entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.tasks))
	tasks := make(map[string]entry, len(s.tasks))
	for n, e := range s.tasks {
		names = append(names, n)
		tasks[n] = e
	}
	sort.Strings(names)
	return names, tasks
}

// store writes a row for each task registered since the last call, keeping
// an existing row's due time and updating its interval.
func (s *Scheduler) store(ctx context.Context) error {
	names, tasks := s.snapshot()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		if s.stored[n] == tasks[n].every {
			continue
		}
		if err := s.upsert(ctx, n, tasks[n].every); err != nil {
			return err
		}
		if s.stored == nil {
			s.stored = map[string]time.Duration{}
		}
		s.stored[n] = tasks[n].every
	}
	return nil
}

func (s *Scheduler) upsert(ctx context.Context, name string, every time.Duration) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO scheduled_tasks (name, every_ms, next_run_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET every_ms = excluded.every_ms`, name, every.Milliseconds(), s.now().UnixMilli())
		return err
	})
}

// runOne runs a claimed task under the lease, recovering a panic, and
// records the outcome.
func (s *Scheduler) runOne(ctx context.Context, name string) {
	_, tasks := s.snapshot()
	ctx, cancel := context.WithTimeout(ctx, s.lease())
	defer cancel()
	err := s.safeRun(ctx, name, tasks[name].run)
	if err != nil {
		s.log().Error("scheduler: task failed", "task", name, "err", err)
	}
	s.release(name, err)
}

func (s *Scheduler) safeRun(ctx context.Context, name string, run Task) (err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log().Error("scheduler: task panicked", "task", name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("任务意外中止：%v", p)
		}
	}()
	return run(ctx)
}

func (s *Scheduler) lease() time.Duration { return orDefault(s.Lease, 30*time.Minute) }
