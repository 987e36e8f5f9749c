package jobs

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"jiaoyan/internal/db"
)

// Tracker reports one running job's progress. Report is cheap and safe from
// any goroutine; a flusher writes the latest figures and the heartbeat to
// the database, outside whatever transaction the work holds.
//
// On SQLite a big import holds the only write connection until it commits,
// so neither progress nor heartbeat reaches the database meanwhile (the
// flusher waits for the writer). Pages served by the same Store read the
// progress from memory instead, and Get never calls a job interrupted while
// this Store runs it; SQLite deployments run one process, so no other
// process judges its heartbeat. On PostgreSQL the flusher's writes go
// through and every process sees them.
type Tracker struct {
	store       *Store
	id          int64
	done, total atomic.Int64
	stage       atomic.Value // string
	stop        chan struct{}
	flushed     chan struct{}
	once        sync.Once
}

// Start marks job id running by this process and starts its flusher.
// Finish (or Run, which calls both) must end it.
func (s *Store) Start(ctx context.Context, id int64) *Tracker {
	t := &Tracker{store: s, id: id, stop: make(chan struct{}), flushed: make(chan struct{})}
	t.stage.Store("")
	s.live.Store(id, t)
	s.write(ctx, func(tx *db.Tx, now int64) error {
		_, err := tx.Exec(ctx, "UPDATE jobs SET status = ?, owner = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?",
			Running, s.Instance, now, now, id)
		return err
	})
	go t.flushLoop()
	return t
}

// Report sets the progress and, when stage is not empty, the stage text.
func (t *Tracker) Report(done, total int, stage string) {
	t.done.Store(int64(done))
	t.total.Store(int64(total))
	if stage != "" {
		t.stage.Store(stage)
	}
}

// overlay copies the in-memory progress into j.
func (t *Tracker) overlay(j *Job) {
	j.Status, j.Progress, j.Total = Running, int(t.done.Load()), int(t.total.Load())
	j.UpdatedAt, j.Heartbeat = t.store.now(), t.store.now()
	if st := t.stage.Load().(string); st != "" {
		j.Message = st
	}
}

// flushLoop writes progress when it changed (at most twice a second) and
// the heartbeat at least every HeartbeatEvery.
func (t *Tracker) flushLoop() {
	defer close(t.flushed)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	var last [2]int64
	var beat time.Time
	for {
		select {
		case <-tick.C:
			cur := [2]int64{t.done.Load(), t.total.Load()}
			if cur != last || time.Since(beat) >= HeartbeatEvery {
				t.flush()
				last, beat = cur, time.Now()
			}
		case <-t.stop:
			return
		}
	}
}

func (t *Tracker) flush() {
	ctx := context.Background()
	t.store.write(ctx, func(tx *db.Tx, now int64) error {
		_, err := tx.Exec(ctx, `UPDATE jobs SET progress = ?, total = ?, message = ?, heartbeat_at = ?, updated_at = ?
			WHERE id = ? AND status = ?`, t.done.Load(), t.total.Load(), t.stage.Load().(string), now, now, t.id, Running)
		return err
	})
}

// Finish ends the job as done or failed with a message and result. Only the
// first call counts. A job that is done no longer needs its input, which is
// deleted; a failed job keeps it (for a rerun) until retention ends.
func (t *Tracker) Finish(ok bool, message, result string) {
	status := Done
	if !ok {
		status = Failed
	}
	t.finish(status, message, result)
}

func (t *Tracker) finish(status, message, result string) {
	t.once.Do(func() {
		close(t.stop)
		<-t.flushed
		defer t.store.live.Delete(t.id)
		ctx := context.Background()
		t.store.write(ctx, func(tx *db.Tx, now int64) error {
			_, err := tx.Exec(ctx, `UPDATE jobs SET status = ?, message = ?, result = ?, progress = ?, total = ?,
				heartbeat_at = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
				status, message, result, t.done.Load(), t.total.Load(), now, now, now, t.id)
			if err != nil || status != Done {
				return err
			}
			return dropInputs(ctx, tx, t.id)
		})
	})
}

// write runs fn in a write transaction with the current time in Unix
// milliseconds, logging a failure: a lost progress figure must not end the
// work.
func (s *Store) write(ctx context.Context, fn func(tx *db.Tx, now int64) error) {
	err := s.DB.Write(ctx, func(tx *db.Tx) error { return fn(tx, s.now().UnixMilli()) })
	if err != nil {
		s.log().Error("jobs: write", "err", err)
	}
}
