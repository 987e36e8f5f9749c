package jobs

import (
	"context"
	"errors"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// File purposes: what the job was given, and what it produced.
const (
	purposeInput  = "input"
	purposeOutput = "output"
)

// errNoKeys refuses to store a file in the clear.
var errNoKeys = errors.New("jobs: Store.Keys is not set; job files are stored only sealed with the data key")

func fileLabel(id int64, name string) string { return fmt.Sprintf("job_files/%d/%s", id, name) }

// putFile stores content sealed with the data key, bound to its job and
// name: the database never holds the plain bytes.
func (s *Store) putFile(ctx context.Context, tx *db.Tx, id int64, name, purpose string, content []byte) error {
	sealed, err := s.seal(content, fileLabel(id, name))
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "INSERT INTO job_files (job_id, name, purpose, content) VALUES (?, ?, ?, ?)",
		id, name, purpose, sealed)
	return err
}

// readFile returns the opened content of a job's file, or ENOTFOUND when it
// was never stored or is past retention.
func (s *Store) readFile(ctx context.Context, id int64, name string) ([]byte, error) {
	var b []byte
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT content FROM job_files WHERE job_id = ? AND name = ?", id, name).Scan(&b)
	})
	if db.IsNoRows(err) {
		return nil, app.Errorf(app.ENOTFOUND, "找不到该文件（任务结束超过 %d 天的文件已删除）", s.retentionDays())
	}
	if err != nil {
		return nil, err
	}
	return s.open(b, fileLabel(id, name))
}

// seal and open use the data key; a Store without Keys refuses to store or
// read files rather than keep them in the clear.
func (s *Store) seal(b []byte, label string) ([]byte, error) {
	if s.Keys == nil {
		return nil, errNoKeys
	}
	return s.Keys.Seal(b, label), nil
}

func (s *Store) open(b []byte, label string) ([]byte, error) {
	if s.Keys == nil {
		return nil, errNoKeys
	}
	return s.Keys.Open(b, label)
}

func (s *Store) retentionDays() int { return int(s.retention().Hours() / 24) }

// File returns a file stored with the actor's job.
func (s *Store) File(ctx context.Context, actor app.Actor, id int64, name string) ([]byte, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.readFile(ctx, id, name)
}

// SaveFile stores a file the job produced (an error report, an export).
func (t *Tracker) SaveFile(name string, content []byte) error {
	return t.store.DB.Write(context.Background(), func(tx *db.Tx) error {
		return t.store.putFile(context.Background(), tx, t.id, name, purposeOutput, content)
	})
}

// Input returns the file the job was created with.
func (t *Tracker) Input(name string) ([]byte, error) {
	return t.store.readFile(context.Background(), t.id, name)
}

// PurgeFiles deletes the files of jobs that ended more than Retention ago
// and returns how many it deleted. The scheduler runs it daily
// (TaskPurgeFiles).
func (s *Store) PurgeFiles(ctx context.Context) (int, error) {
	var n int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM job_files WHERE job_id IN (SELECT id FROM jobs
			WHERE status IN (?, ?, ?) AND finished_at > 0 AND finished_at < ?)`,
			Done, Failed, Interrupted, s.now().Add(-s.retention()).UnixMilli())
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// dropInputs deletes a finished job's input: a job that succeeded is never
// rerun, so its upload has no further use.
func dropInputs(ctx context.Context, tx *db.Tx, id int64) error {
	_, err := tx.Exec(ctx, "DELETE FROM job_files WHERE job_id = ? AND purpose = ?", id, purposeInput)
	return err
}
