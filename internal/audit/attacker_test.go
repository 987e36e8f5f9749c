package audit_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// attacker holds the database (file or PostgreSQL role) but not the key. It
// works through d.Exec, outside the services, as psql or sqlite3 would.
type attacker struct {
	t *testing.T
	d *db.DB
}

func (a attacker) exec(q string, args ...any) {
	a.t.Helper()
	if err := a.d.Exec(context.Background(), q, args...); err != nil {
		a.t.Fatalf("%s: %v", q, err)
	}
}

// dropTriggers removes the append-only triggers of either dialect.
func (a attacker) dropTriggers() {
	if a.d.Dialect == db.Postgres {
		a.exec("DROP TRIGGER audit_log_append_only ON audit_log")
		return
	}
	a.exec("DROP TRIGGER audit_log_no_update")
	a.exec("DROP TRIGGER audit_log_no_delete")
}

// restoreTriggers puts them back as the migration made them.
func (a attacker) restoreTriggers() {
	if a.d.Dialect == db.Postgres {
		a.exec("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_immutable()")
		return
	}
	a.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END")
	a.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END")
}

// rows reads the whole log, oldest first.
func (a attacker) rows() []audit.Row {
	a.t.Helper()
	rows, _, err := (&audit.Service{DB: a.d}).Find(context.Background(), app.System("x", audit.PermView), audit.Filter{Limit: 100000})
	if err != nil {
		a.t.Fatal(err)
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows
}

// rechain renumbers the rows 1..n and recomputes the plain SHA-256 chain
// from row from on, exactly as the unkeyed chain was built, and the head.
func (a attacker) rechain(from int64) {
	prev := ""
	for i, r := range a.rows() {
		seq := int64(i + 1)
		if seq < from {
			prev = r.Hash
			continue
		}
		if r.Seq != seq {
			a.exec("UPDATE audit_log SET seq = ? WHERE seq = ?", seq, r.Seq)
			r.Seq = seq
		}
		r.PrevHash = prev
		r.Hash = plainHash(r)
		a.exec("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", r.PrevHash, r.Hash, r.Seq)
		prev = r.Hash
	}
	a.fixHead()
}

// fixHead points audit_head at the last row left.
func (a attacker) fixHead() {
	rows := a.rows()
	last := rows[len(rows)-1]
	a.exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", last.Seq, last.Hash)
}

// plainHash is the published, unkeyed row code: SHA-256 over the previous
// code and every field, each length-prefixed.
func plainHash(r audit.Row) string {
	h := sha256.New()
	for _, f := range []string{
		r.PrevHash, strconv.FormatInt(r.Seq, 10), strconv.FormatInt(r.At, 10), strconv.FormatInt(r.UserID, 10),
		r.Username, r.IP, r.UserAgent, r.Action, r.ObjectType, r.ObjectID, r.Summary, r.BeforeJSON, r.AfterJSON,
	} {
		h.Write([]byte(strconv.Itoa(len(f)) + ":" + f))
	}
	return hex.EncodeToString(h.Sum(nil))
}
