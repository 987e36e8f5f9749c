package audit

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"sync"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// PermView is the permission to read the audit log (审计管理员 only).
const PermView = "audit.view"

const rowColumns = `seq, at, user_id, username, ip, user_agent, action, object_type, object_id, summary,
	before_json, after_json, prev_hash, hash`

func scanRow(rows *sql.Rows) (Row, error) {
	var r Row
	err := rows.Scan(&r.Seq, &r.At, &r.UserID, &r.Username, &r.IP, &r.UserAgent, &r.Action, &r.ObjectType,
		&r.ObjectID, &r.Summary, &r.BeforeJSON, &r.AfterJSON, &r.PrevHash, &r.Hash)
	return r, err
}

// Filter narrows an audit search. Zero fields do not filter.
type Filter struct {
	Username string
	Action   string // prefix, e.g. "auth." or "org.create"
	Object   string // object type
	From, To time.Time
	Text     string // in the summary
	Offset   int
	Limit    int // 0 means 50; at most 100,000 for exports
}

// Service reads and verifies the audit log for auditors and emits its
// checkpoints. Use it by pointer; the zero value of the unexported fields is
// ready.
type Service struct {
	DB             *db.DB
	CheckpointFile string       // where checkpoints are appended and read from; "" keeps them in the log only
	Log            *slog.Logger // the log stream checkpoints go to; nil means slog.Default()

	mu      sync.Mutex
	emitted int64 // seq of the last checkpoint this Service emitted
}

// Find returns the rows matching f, newest first, and the total count.
// Only actors holding PermView may read it.
func (s *Service) Find(ctx context.Context, actor app.Actor, f Filter) ([]Row, int, error) {
	if err := actor.Require(PermView); err != nil {
		return nil, 0, err
	}
	where, args := f.where()
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	var out []Row
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if total, err = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log"+where, args...); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT "+rowColumns+" FROM audit_log"+where+" ORDER BY seq DESC LIMIT ? OFFSET ?",
			append(args, limit, f.Offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRow(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, total, err
}

func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, v any) { conds = append(conds, cond); args = append(args, v) }
	if f.Username != "" {
		add("username = ?", f.Username)
	}
	if f.Action != "" {
		add("action LIKE ?", f.Action+"%")
	}
	if f.Object != "" {
		add("object_type = ?", f.Object)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UnixMilli())
	}
	if f.Text != "" {
		add("summary LIKE ?", "%"+f.Text+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}
