package jobs

import (
	"context"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// MarkInterrupted stores Interrupted, with MsgInterrupted, for every queued
// or running job whose heartbeat is older than StaleAfter and that this
// Store is not running, and returns how many it marked. The scheduler runs it
// (TaskMarkInterrupted); Get shows the same verdict before it is stored.
func (s *Store) MarkInterrupted(ctx context.Context) (int, error) {
	var n int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		ids, err := s.staleJobs(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now().UnixMilli()
		for _, id := range ids {
			res, err := tx.Exec(ctx, `UPDATE jobs SET status = ?, message = ?, updated_at = ?, finished_at = ?
				WHERE id = ? AND status IN (?, ?) AND heartbeat_at < ?`,
				Interrupted, MsgInterrupted, now, now, id, Queued, Running, s.now().Add(-s.staleAfter()).UnixMilli())
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return nil
	})
	return int(n), err
}

// staleJobs lists active jobs with an old heartbeat that this Store is not
// running (on SQLite its own heartbeats may wait behind a long import).
func (s *Store) staleJobs(ctx context.Context, tx *db.Tx) ([]int64, error) {
	rows, err := tx.Query(ctx, "SELECT id FROM jobs WHERE status IN (?, ?) AND heartbeat_at < ?",
		Queued, Running, s.now().Add(-s.staleAfter()).UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if _, mine := s.live.Load(id); !mine {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// Rerun creates a queued job that repeats the actor's failed or interrupted
// job id: same kind, parameters and input file (if that is still within
// retention). The caller starts it with Run, as it did the first time, and
// the old job stays as it was.
func (s *Store) Rerun(ctx context.Context, actor app.Actor, id int64) (int64, error) {
	old, err := s.Get(ctx, actor, id)
	if err != nil {
		return 0, err
	}
	if old.Status != Failed && old.Status != Interrupted {
		return 0, app.Errorf(app.ECONFLICT, "只有失败或已中断的任务可以重新运行")
	}
	if old.Status == Interrupted {
		if _, err := s.MarkInterrupted(ctx); err != nil {
			return 0, err
		}
	}
	n := NewJob{Kind: old.Kind, Message: "排队中（重新运行任务 #" + strconv.FormatInt(id, 10) + "）", Params: old.Params, InputName: old.InputName}
	if n.InputName != "" {
		if n.Input, err = s.readFile(ctx, id, n.InputName); err != nil {
			if app.ErrorCode(err) == app.ENOTFOUND {
				return 0, app.Errorf(app.ECONFLICT, "原上传文件已超过 %d 天的保存期被删除，请重新上传", s.retentionDays())
			}
			return 0, err
		}
	}
	return s.add(ctx, actor.UserID, n, id)
}
