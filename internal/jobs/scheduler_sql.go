package jobs

import (
	"context"
	"strings"

	"jiaoyan/internal/db"
)

// skipLocked is the suffix that makes a claiming SELECT pass over rows
// another process holds: PostgreSQL only; SQLite's write transaction already
// excludes every other writer.
func skipLocked(tx *db.Tx) string {
	if tx.Dialect() == db.Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// claim takes the earliest due task this process has registered: it moves
// next_run_at one interval past now and leases the task to this process, in
// one transaction. ok is false when nothing is due.
func (s *Scheduler) claim(ctx context.Context) (name string, ok bool, err error) {
	names, tasks := s.snapshot()
	if len(names) == 0 {
		return "", false, nil
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		now := s.now().UnixMilli()
		args := []any{now, now}
		for _, n := range names {
			args = append(args, n)
		}
		err := tx.QueryRow(ctx, `SELECT name FROM scheduled_tasks WHERE next_run_at <= ? AND claimed_until <= ?
			AND name IN (`+db.In(len(names))+`) ORDER BY next_run_at, name LIMIT 1`+skipLocked(tx), args...).Scan(&name)
		if db.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		_, err = tx.Exec(ctx, `UPDATE scheduled_tasks SET next_run_at = ?, last_run_at = ?, runs = runs + 1,
			claimed_by = ?, claimed_until = ? WHERE name = ?`,
			now+tasks[name].every.Milliseconds(), now, s.Instance, now+s.lease().Milliseconds(), name)
		return err
	})
	return name, ok, err
}

// release ends this process's lease on name and stores the run's error
// ("" after a success).
func (s *Scheduler) release(name string, runErr error) {
	msg := ""
	if runErr != nil {
		msg = strings.TrimSpace(runErr.Error())
	}
	ctx := context.Background()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE scheduled_tasks SET claimed_until = 0, last_error = ? WHERE name = ? AND claimed_by = ?",
			msg, name, s.Instance)
		return err
	})
	if err != nil {
		s.log().Error("scheduler: release", "task", name, "err", err)
	}
}
