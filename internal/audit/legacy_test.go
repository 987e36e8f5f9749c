package audit_test

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// legacyLog is a database upgraded from the unkeyed chain: n rows with plain
// SHA-256 codes and a head without a key fingerprint.
func legacyLog(t *testing.T, n int) *db.DB {
	d := testutil.OpenTestDB(t)
	a := attacker{t, d}
	prev := ""
	for i := 1; i <= n; i++ {
		r := audit.Row{Seq: int64(i), At: 1764000000000 + int64(i), Username: "old", Action: "org.create",
			Summary: "旧记录", PrevHash: prev}
		r.Hash = plainHash(r)
		a.exec(`INSERT INTO audit_log (seq, at, user_id, username, ip, user_agent, action, object_type, object_id,
			summary, before_json, after_json, prev_hash, hash) VALUES (?, ?, 0, ?, '', '', ?, '', '', ?, '', '', ?, ?)`,
			r.Seq, r.At, r.Username, r.Action, r.Summary, r.PrevHash, r.Hash)
		prev = r.Hash
	}
	a.exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", n, prev)
	return d
}

func TestLegacyRowsAreSealedAtStartAndCovered(t *testing.T) {
	d := legacyLog(t, 5)
	ctx := context.Background()
	if n, err := audit.Seal(ctx, d); err != nil || n != 5 {
		t.Fatalf("seal: %d %v", n, err)
	}
	if n, err := audit.Seal(ctx, d); err != nil || n != 0 {
		t.Fatalf("second seal: %d %v", n, err)
	}
	record(t, d, 1)
	res, err := audit.Verify(ctx, d)
	if err != nil || !res.OK || res.Rows != 7 || res.Sealed != 5 {
		t.Fatalf("sealed log: %+v %v", res, err)
	}
	rows := attacker{t, d}.rows()
	if rows[5].Action != audit.ActionSeal || rows[5].Summary != "审计链启用密钥校验：封存此前的 5 条记录" {
		t.Fatalf("seal row: %+v", rows[5])
	}
	// Rewriting an old row means re-chaining everything after it, and the
	// seal row's keyed code cannot be recomputed without the key.
	a := attacker{t, d}
	a.dropTriggers()
	a.exec("UPDATE audit_log SET summary = '改过的旧记录' WHERE seq = 2")
	a.rechain(2)
	a.restoreTriggers()
	res, _ = audit.Verify(ctx, d)
	if res.OK || res.BadSeq != 6 {
		t.Fatalf("rewritten legacy row passed: %+v", res)
	}
}

func TestFirstKeyedWriteSealsWhenStartDidNot(t *testing.T) {
	d := legacyLog(t, 3)
	a := attacker{t, d}
	a.dropTriggers()
	a.exec("UPDATE audit_log SET summary = '改过' WHERE seq = 2") // broken before the upgrade
	a.restoreTriggers()
	record(t, d, 1)
	rows := a.rows()
	if len(rows) != 5 || rows[3].Action != audit.ActionSeal || !strings.Contains(rows[3].Summary, "封存前校验发现问题：第 2 条记录被篡改") {
		t.Fatalf("seal at first write: %+v", rows)
	}
	res, _ := audit.Verify(context.Background(), d)
	if res.OK || res.BadSeq != 2 {
		t.Fatalf("a legacy edit before sealing must stay visible: %+v", res)
	}
}

// Turning the keyed chain back into a plain one (dropping the seal row,
// re-chaining everything with SHA-256) is caught at the first row.
func TestDowngradeToPlainChainFails(t *testing.T) {
	d := legacyLog(t, 3)
	record(t, d, 3)
	a := attacker{t, d}
	a.dropTriggers()
	a.exec("DELETE FROM audit_log WHERE action = ?", audit.ActionSeal)
	a.rechain(1)
	a.restoreTriggers()
	res, _ := audit.Verify(context.Background(), d)
	if res.OK || res.BadSeq != 1 {
		t.Fatalf("downgraded chain passed: %+v", res)
	}
}
