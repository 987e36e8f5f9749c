// Package jobs runs long work (imports, analyses, planning) as a row in the
// database: a page polls the row for progress, so progress survives a reload
// and is visible from any serve process. Files a job takes or produces (the
// upload, an error report) are stored beside it.
package jobs

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Job statuses.
const (
	Queued  = "queued"
	Running = "running"
	Done    = "done"
	Failed  = "failed"
)

// Job is one unit of long work.
type Job struct {
	ID        int64
	Kind      string // e.g. "person.import"
	Status    string
	Progress  int
	Total     int
	Message   string // Chinese, shown on the page
	Result    string // JSON for the page that owns the kind
	CreatedBy int64
	UpdatedAt time.Time
}

// Percent is the progress in whole percent.
func (j Job) Percent() int {
	if j.Status == Done {
		return 100
	}
	if j.Total <= 0 {
		return 0
	}
	return j.Progress * 100 / j.Total
}

// Stalled reports a running job whose process stopped reporting (a restart
// or crash): it will not finish.
func (j Job) Stalled(now time.Time) bool {
	return (j.Status == Running || j.Status == Queued) && now.Sub(j.UpdatedAt) > 2*time.Minute
}

// Store keeps jobs.
type Store struct{ DB *db.DB }

// Create adds a queued job for actor with an optional input file.
func (s *Store) Create(ctx context.Context, actor app.Actor, kind, message, fileName string, file []byte) (int64, error) {
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		now := time.Now().UnixMilli()
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO jobs (kind, status, message, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, kind, Queued, message, actor.UserID, now, now)
		if err != nil || file == nil {
			return err
		}
		_, err = tx.Exec(ctx, "INSERT INTO job_files (job_id, name, content) VALUES (?, ?, ?)", id, fileName, file)
		return err
	})
	return id, err
}

// Get returns a job of the actor (jobs are private to who started them).
func (s *Store) Get(ctx context.Context, actor app.Actor, id int64) (Job, error) {
	var j Job
	var at int64
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT id, kind, status, progress, total, message, result, created_by, updated_at
			FROM jobs WHERE id = ?`, id).Scan(&j.ID, &j.Kind, &j.Status, &j.Progress, &j.Total, &j.Message, &j.Result, &j.CreatedBy, &at)
	})
	if db.IsNoRows(err) || (err == nil && j.CreatedBy != actor.UserID) {
		return Job{}, app.Errorf(app.ENOTFOUND, "找不到该任务")
	}
	j.UpdatedAt = time.UnixMilli(at)
	if t, ok := live.Load(id); ok && err == nil && j.Status != Done && j.Status != Failed {
		t.(*Tracker).overlay(&j)
	}
	return j, err
}

// live holds the trackers of jobs running in this process. On SQLite a big
// import holds the only write connection until it commits, so the flusher
// cannot store progress meanwhile; pages served by this process read it here
// instead. (SQLite deployments run one process; on PostgreSQL the flusher's
// writes go through and other processes see them.)
var live sync.Map

// overlay copies the in-memory progress into j.
func (t *Tracker) overlay(j *Job) {
	j.Status, j.Progress, j.Total, j.UpdatedAt = Running, int(t.done.Load()), int(t.total.Load()), time.Now()
	if st := t.stage.Load().(string); st != "" {
		j.Message = st
	}
}

// File returns a file stored with the actor's job.
func (s *Store) File(ctx context.Context, actor app.Actor, id int64, name string) ([]byte, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return nil, err
	}
	var b []byte
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT content FROM job_files WHERE job_id = ? AND name = ?", id, name).Scan(&b)
	})
	if db.IsNoRows(err) {
		return nil, app.Errorf(app.ENOTFOUND, "找不到该文件")
	}
	return b, err
}

// Tracker reports one running job's progress. Report is cheap and safe
// from any goroutine; a flusher writes the latest figures to the database
// twice a second, outside whatever transaction the work holds.
type Tracker struct {
	store       *Store
	id          int64
	done, total atomic.Int64
	stage       atomic.Value // string
	stop        chan struct{}
	flushed     chan struct{}
}

// Start marks job id running and starts its progress flusher.
func (s *Store) Start(ctx context.Context, id int64) *Tracker {
	t := &Tracker{store: s, id: id, stop: make(chan struct{}), flushed: make(chan struct{})}
	t.stage.Store("")
	live.Store(id, t)
	s.update(ctx, id, "status = ?", Running)
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

func (t *Tracker) flushLoop() {
	defer close(t.flushed)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			t.flush()
		case <-t.stop:
			return
		}
	}
}

func (t *Tracker) flush() {
	t.store.update(context.Background(), t.id, "progress = ?, total = ?, message = ?",
		t.done.Load(), t.total.Load(), t.stage.Load().(string))
}

// Finish ends the job as done or failed with a message and result.
func (t *Tracker) Finish(ok bool, message, result string) {
	close(t.stop)
	<-t.flushed
	defer live.Delete(t.id)
	status := Done
	if !ok {
		status = Failed
	}
	t.store.update(context.Background(), t.id, "status = ?, message = ?, result = ?, progress = total", status, message, result)
}

// SaveFile stores a file the job produced (an error report).
func (t *Tracker) SaveFile(name string, content []byte) error {
	return t.store.DB.Write(context.Background(), func(tx *db.Tx) error {
		_, err := tx.Exec(context.Background(), "INSERT INTO job_files (job_id, name, content) VALUES (?, ?, ?)", t.id, name, content)
		return err
	})
}

// Input returns the file the job was created with.
func (t *Tracker) Input(name string) ([]byte, error) {
	var b []byte
	err := t.store.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT content FROM job_files WHERE job_id = ? AND name = ?", t.id, name).Scan(&b)
	})
	return b, err
}

func (s *Store) update(ctx context.Context, id int64, set string, args ...any) {
	s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE jobs SET "+set+", updated_at = ? WHERE id = ?", append(args, time.Now().UnixMilli(), id)...)
		return err
	})
}
