// Package jobs runs long work (imports, exports, analyses, planning) as a row
// in the database: a page polls the row for progress, so progress survives a
// reload and is visible from any serve process. Files a job takes or
// produces (the upload, an error report) are stored beside it, sealed with
// the data key, and deleted after the retention period. A running job's
// process writes a heartbeat; a job whose heartbeat stops becomes 已中断 and
// can be rerun. The scheduler (scheduler.go) runs periodic tasks once per
// due time across all processes.
package jobs

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/secret"
)

// Job statuses.
const (
	Queued      = "queued"
	Running     = "running"
	Done        = "done"
	Failed      = "failed"
	Interrupted = "interrupted" // 已中断: the process running it stopped
)

// Messages a user reads on the job page.
const (
	MsgInterrupted = "任务所在的服务进程已停止（可能是重启或崩溃），任务未完成，数据未写入。可重新运行。"
	MsgPanic       = "任务意外中止，请重试或联系管理员"
)

// Job is one unit of long work (任务).
type Job struct {
	ID        int64
	Kind      string // e.g. "import.people"
	Status    string
	Progress  int
	Total     int
	Message   string // Chinese, shown on the page
	Result    string // JSON for the page that owns the kind
	Params    string // JSON the kind needs to run (again), e.g. {"update":true}
	InputName string // name of the uploaded file, "" for none
	CreatedBy int64
	RerunOf   int64 // the job this one reruns, 0 for none
	UpdatedAt time.Time
	Heartbeat time.Time // last sign of life from the process running it
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

// Active reports a job that is queued or running.
func (j Job) Active() bool { return j.Status == Queued || j.Status == Running }

// Stalled reports an interrupted job. Get already turns a job whose
// heartbeat stopped into Interrupted; now is kept for the callers' sake.
func (j Job) Stalled(now time.Time) bool { return j.Status == Interrupted }

// Defaults of the Store's settings.
const (
	DefaultTimeLimit = 30 * time.Minute
	DefaultRetention = 7 * 24 * time.Hour
	// HeartbeatEvery is how often a running job's process reports in.
	HeartbeatEvery = 5 * time.Second
	// DefaultStaleAfter is how old a heartbeat may get before the job counts
	// as interrupted: twelve missed beats.
	DefaultStaleAfter = time.Minute
)

// Store keeps jobs. DB is required; Keys seals job files (see files.go).
// Zero settings take the defaults above.
type Store struct {
	DB         *db.DB
	Keys       *secret.Keys
	Instance   string        // the serve process, recorded as a running job's owner
	TimeLimit  time.Duration // a job running longer is stopped (config JIAOYAN_JOB_TIME_LIMIT_MINUTES)
	Retention  time.Duration // files of an ended job are kept this long (JIAOYAN_JOB_RETENTION_DAYS)
	StaleAfter time.Duration // heartbeat age that makes a job interrupted
	Log        *slog.Logger
	Clock      app.Clock

	live  sync.Map      // id -> *Tracker: jobs this Store runs now
	grace time.Duration // how long Run waits past the time limit for work that ignores its context
}

func (s *Store) now() time.Time {
	if s.Clock != nil {
		return s.Clock()
	}
	return time.Now()
}

func (s *Store) timeLimit() time.Duration { return orDefault(s.TimeLimit, DefaultTimeLimit) }
func (s *Store) retention() time.Duration { return orDefault(s.Retention, DefaultRetention) }
func (s *Store) staleAfter() time.Duration {
	return orDefault(s.StaleAfter, DefaultStaleAfter)
}

func (s *Store) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// NewJob describes a job to create.
type NewJob struct {
	Kind, Message string
	Params        string // JSON, kept for a rerun
	InputName     string // the uploaded file's name; Input its content
	Input         []byte
}

// Create adds a queued job for actor with an optional input file.
func (s *Store) Create(ctx context.Context, actor app.Actor, kind, message, fileName string, file []byte) (int64, error) {
	n := NewJob{Kind: kind, Message: message}
	if file != nil {
		n.InputName, n.Input = fileName, file
	}
	return s.Add(ctx, actor, n)
}

// Add creates a queued job for actor; its input file is stored sealed.
func (s *Store) Add(ctx context.Context, actor app.Actor, n NewJob) (int64, error) {
	return s.add(ctx, actor.UserID, n, 0)
}

func (s *Store) add(ctx context.Context, by int64, n NewJob, rerunOf int64) (int64, error) {
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		now := s.now().UnixMilli()
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO jobs (kind, status, message, params, input_name, created_by, rerun_of,
			created_at, updated_at, heartbeat_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			n.Kind, Queued, n.Message, n.Params, n.InputName, by, rerunOf, now, now, now, s.Instance)
		if err != nil || n.InputName == "" {
			return err
		}
		return s.putFile(ctx, tx, id, n.InputName, purposeInput, n.Input)
	})
	return id, err
}

const jobColumns = `id, kind, status, progress, total, message, result, params, input_name, created_by, rerun_of,
	updated_at, heartbeat_at`

func scanJob(row interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var at, beat int64
	err := row.Scan(&j.ID, &j.Kind, &j.Status, &j.Progress, &j.Total, &j.Message, &j.Result, &j.Params, &j.InputName,
		&j.CreatedBy, &j.RerunOf, &at, &beat)
	j.UpdatedAt, j.Heartbeat = time.UnixMilli(at), time.UnixMilli(beat)
	return j, err
}

// Get returns a job of the actor (jobs are private to who started them), or
// ENOTFOUND. A job this Store runs shows its in-memory progress; an active
// job of another process whose heartbeat is older than StaleAfter shows as
// Interrupted with MsgInterrupted (MarkInterrupted stores that).
func (s *Store) Get(ctx context.Context, actor app.Actor, id int64) (Job, error) {
	var j Job
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		j, err = scanJob(tx.QueryRow(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = ?", id))
		return err
	})
	if db.IsNoRows(err) || (err == nil && j.CreatedBy != actor.UserID) {
		return Job{}, app.Errorf(app.ENOTFOUND, "找不到该任务")
	}
	if err != nil || !j.Active() {
		return j, err
	}
	if t, ok := s.live.Load(id); ok {
		t.(*Tracker).overlay(&j)
	} else if s.stale(j.Heartbeat) {
		j.Status, j.Message = Interrupted, MsgInterrupted
	}
	return j, nil
}

// stale reports a heartbeat too old for a live process.
func (s *Store) stale(beat time.Time) bool { return s.now().Sub(beat) > s.staleAfter() }
