// Package audit keeps the append-only, keyed, hash-chained audit log (审计日志):
// every write, sign-in, sign-out and failed sign-in leaves one row. The
// database refuses UPDATE and DELETE on the table; each row carries an
// HMAC-SHA256 over its fields and the previous row's code, under a key that
// never sits in the database (see chain.go), so a rewrite made with the
// database file alone is detected by Verify. Signed checkpoints kept outside
// the database (checkpoint.go) catch a tail cut off the end.
package audit

import (
	"context"
	"encoding/json"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Entry is what a service says about one change.
type Entry struct {
	Action     string // e.g. "org.create", "auth.login", "auth.login_failed"
	ObjectType string // e.g. "org", "person", "user"
	ObjectID   string
	Summary    string // one Chinese line: 新增学校 温州市第一中学
	Before     any    // nil, or a value marshalled to JSON
	After      any
}

// Row is one stored audit row.
type Row struct {
	Seq        int64
	At         int64 // Unix ms
	UserID     int64
	Username   string
	IP         string
	UserAgent  string
	Action     string
	ObjectType string
	ObjectID   string
	Summary    string
	BeforeJSON string
	AfterJSON  string
	PrevHash   string
	Hash       string
}

// Record appends e, by actor, inside tx, so the row commits or rolls back with
// the change it describes. It takes the chain head under a row lock so that
// concurrent writers (several serve processes on PostgreSQL) never fork the
// chain. It fails when tx's database handle holds no audit key (SetKey) or a
// key other than the one the chain was made with; the first keyed write to a
// database with older, unkeyed rows seals them first (see seal).
func Record(ctx context.Context, tx *db.Tx, actor app.Actor, e Entry) error {
	key, h, err := lockHead(ctx, tx)
	if err != nil {
		return err
	}
	if h.keyID == "" {
		if h, err = seal(ctx, tx, key, h); err != nil {
			return err
		}
	}
	_, err = appendRow(ctx, tx, key, h, actor, e)
	return err
}

// appendRow writes the row after head h and moves the head to it.
func appendRow(ctx context.Context, tx *db.Tx, key []byte, h head, actor app.Actor, e Entry) (head, error) {
	r := Row{
		Seq: h.seq + 1, At: app.Now().UnixMilli(), UserID: actor.UserID, Username: actor.Username,
		IP: actor.IP, UserAgent: truncate(actor.UserAgent, 300), Action: e.Action, ObjectType: e.ObjectType,
		ObjectID: e.ObjectID, Summary: e.Summary, BeforeJSON: toJSON(e.Before), AfterJSON: toJSON(e.After),
		PrevHash: h.hash,
	}
	r.Hash = r.keyedHash(key)
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, at, user_id, username, ip, user_agent, action, object_type,
		object_id, summary, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Seq, r.At, r.UserID, r.Username, r.IP, r.UserAgent, r.Action, r.ObjectType, r.ObjectID, r.Summary,
		r.BeforeJSON, r.AfterJSON, r.PrevHash, r.Hash)
	if err != nil {
		return h, err
	}
	_, err = tx.Exec(ctx, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", r.Seq, r.Hash)
	return head{seq: r.Seq, hash: r.Hash, keyID: h.keyID}, err
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return `"` + err.Error() + `"`
	}
	return string(b)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
