// Package audit keeps the append-only, hash-chained audit log (审计日志):
// every write, sign-in, sign-out and failed sign-in leaves one row. The
// database refuses UPDATE and DELETE on the table; Verify recomputes the
// chain so an edited or removed row is detected.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
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
// chain.
func Record(ctx context.Context, tx *db.Tx, actor app.Actor, e Entry) error {
	var seq int64
	var prev string
	err := tx.QueryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1"+tx.ForUpdate()).Scan(&seq, &prev)
	if err != nil {
		return err
	}
	r := Row{
		Seq: seq + 1, At: app.Now().UnixMilli(), UserID: actor.UserID, Username: actor.Username,
		IP: actor.IP, UserAgent: truncate(actor.UserAgent, 300), Action: e.Action, ObjectType: e.ObjectType,
		ObjectID: e.ObjectID, Summary: e.Summary, BeforeJSON: toJSON(e.Before), AfterJSON: toJSON(e.After),
		PrevHash: prev,
	}
	r.Hash = r.computeHash()
	_, err = tx.Exec(ctx, `INSERT INTO audit_log (seq, at, user_id, username, ip, user_agent, action, object_type,
		object_id, summary, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Seq, r.At, r.UserID, r.Username, r.IP, r.UserAgent, r.Action, r.ObjectType, r.ObjectID, r.Summary,
		r.BeforeJSON, r.AfterJSON, r.PrevHash, r.Hash)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", r.Seq, r.Hash)
	return err
}

// computeHash is SHA-256 over the previous hash and every field, each
// length-prefixed so no two rows can encode alike.
func (r Row) computeHash() string {
	h := sha256.New()
	for _, f := range []string{
		r.PrevHash, strconv.FormatInt(r.Seq, 10), strconv.FormatInt(r.At, 10), strconv.FormatInt(r.UserID, 10),
		r.Username, r.IP, r.UserAgent, r.Action, r.ObjectType, r.ObjectID, r.Summary, r.BeforeJSON, r.AfterJSON,
	} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
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
