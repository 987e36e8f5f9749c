package audit_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// keyedLog is a database with n audit rows and a Service that keeps its
// checkpoints in a file and a log buffer.
func keyedLog(t *testing.T, n int) (*db.DB, *audit.Service, *bytes.Buffer) {
	d := testutil.OpenTestDB(t)
	var logs bytes.Buffer
	s := &audit.Service{DB: d, CheckpointFile: filepath.Join(t.TempDir(), "jiaoyan.db.audit-checkpoints"),
		Log: slog.New(slog.NewTextHandler(&logs, nil))}
	record(t, d, n)
	return d, s, &logs
}

func checkpoint(t *testing.T, s *audit.Service) audit.Checkpoint {
	t.Helper()
	cp, ok, err := s.Checkpoint(context.Background())
	if err != nil || !ok {
		t.Fatalf("checkpoint: %v emitted=%v", err, ok)
	}
	return cp
}

func verify(t *testing.T, s *audit.Service) audit.VerifyResult {
	t.Helper()
	res, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestUntouchedLogVerifiesWithItsCheckpoints(t *testing.T) {
	d, s, _ := keyedLog(t, 50)
	checkpoint(t, s)
	record(t, d, 10)
	checkpoint(t, s)
	if _, again, _ := s.Checkpoint(context.Background()); again {
		t.Fatal("a second checkpoint of an unchanged head was emitted")
	}
	res := verify(t, s)
	if !res.OK || res.Rows != 60 || res.Checkpoints != 2 {
		t.Fatalf("untouched log: %+v", res)
	}
	if got := res.Message(); got != "审计日志完整：共 60 条，链与 2 个检查点一致" {
		t.Fatalf("message %q", got)
	}
}

// (a) The attack of the issue: drop the triggers, edit a middle row,
// recompute the plain SHA-256 chain and the head, restore the triggers.
func TestEditedRowWithRecomputedChainFails(t *testing.T) {
	d, s, _ := keyedLog(t, 60)
	a := attacker{t, d}
	a.dropTriggers()
	a.exec("UPDATE audit_log SET summary = '删除学校' WHERE seq = 30")
	a.rechain(30)
	a.restoreTriggers()
	res := verify(t, s)
	if res.OK || res.BadSeq != 30 || res.Problem != "第 30 条记录被篡改（校验码不符）" {
		t.Fatalf("edited, re-chained row passed or was misreported: %+v", res)
	}
}

// (b) Delete a middle row, renumber the rest and re-chain them.
func TestDeletedRowWithRecomputedChainFails(t *testing.T) {
	d, s, _ := keyedLog(t, 60)
	a := attacker{t, d}
	a.dropTriggers()
	a.exec("DELETE FROM audit_log WHERE seq = 30")
	a.rechain(30)
	a.restoreTriggers()
	res := verify(t, s)
	if res.OK || res.BadSeq != 30 || res.Rows != 59 {
		t.Fatalf("deleted, re-chained row passed: %+v", res)
	}
}

// (c) Cut the last 33 rows and point the head at the new last row: the keyed
// chain is still whole, so only a checkpoint kept elsewhere can tell.
func TestCutTailIsCaughtByCheckpoint(t *testing.T) {
	d, s, logs := keyedLog(t, 100)
	cp := checkpoint(t, s)
	a := attacker{t, d}
	a.dropTriggers()
	a.exec("DELETE FROM audit_log WHERE seq > 67")
	a.fixHead()
	a.restoreTriggers()
	if res, _ := audit.Verify(context.Background(), d); !res.OK {
		t.Fatalf("without checkpoints the cut is expected to be invisible: %+v", res)
	}
	res := verify(t, s)
	want := "第 68–100 条缺失：检查点（" + when(cp) + "，第 100 条）之后的记录被截断"
	if res.OK || res.BadSeq != 68 || res.Problem != want {
		t.Fatalf("cut tail: %+v, want %q", res, want)
	}
	// The same checkpoint, picked out of the log stream.
	if !strings.Contains(logs.String(), "audit_checkpoint=true seq=100") {
		t.Fatalf("log stream lacks the checkpoint line:\n%s", logs)
	}
	fromLog, err := audit.ParseCheckpoints(logs.Bytes(), "log")
	if err != nil || len(fromLog) != 1 {
		t.Fatalf("checkpoints in log: %v %v", fromLog, err)
	}
	if res, _ := audit.VerifyCheckpoints(context.Background(), d, fromLog); res.OK || res.BadSeq != 68 {
		t.Fatalf("cut tail against the log stream: %+v", res)
	}
}

// A rewrite by someone holding the key, before a checkpoint taken elsewhere,
// still shows: the checkpoint's row now carries another code.
func TestRewriteBeforeCheckpointIsCaught(t *testing.T) {
	d, s, _ := keyedLog(t, 20)
	checkpoint(t, s)
	cps, err := audit.ReadCheckpoints(s.CheckpointFile)
	if err != nil {
		t.Fatal(err)
	}
	cps[0].Hash = strings.Repeat("0", 64) // as if the row had another code then
	res, _ := audit.VerifyCheckpoints(context.Background(), d, cps)
	if res.OK || !strings.Contains(res.Problem, "签名不符") {
		t.Fatalf("altered checkpoint accepted: %+v", res)
	}
}

// (e) A process with another data key is told so, and cannot write.
func TestWrongKeyIsReportedAsSuch(t *testing.T) {
	d, s, _ := keyedLog(t, 5)
	checkpoint(t, s)
	audit.SetKey(d, bytes.Repeat([]byte{9}, 32))
	res := verify(t, s)
	if res.OK || !res.KeyMismatch || !strings.HasPrefix(res.Problem, "审计链密钥不符：") || res.Rows != 5 {
		t.Fatalf("wrong key: %+v", res)
	}
	err := d.Write(context.Background(), func(tx *db.Tx) error {
		return audit.Record(context.Background(), tx, testutil.Root, audit.Entry{Action: "x"})
	})
	if err == nil || !strings.HasPrefix(err.Error(), "审计链密钥不符") {
		t.Fatalf("write with wrong key: %v", err)
	}
}

func TestRecordWithoutKeyFails(t *testing.T) {
	d, err := db.Open(context.Background(), testutil.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	err = d.Write(context.Background(), func(tx *db.Tx) error {
		return audit.Record(context.Background(), tx, testutil.Root, audit.Entry{Action: "x"})
	})
	if err == nil {
		t.Fatal("a row was written without the audit key")
	}
}

// when is a checkpoint's time as verify prints it.
func when(cp audit.Checkpoint) string { return time.UnixMilli(cp.At).Format("2006-01-02 15:04") }

// Serving emits a checkpoint at start and a last one at shutdown, so the
// final row is covered however short the run.
func TestServeCheckpointsCoverStartAndShutdown(t *testing.T) {
	d, s, _ := keyedLog(t, 4)
	stop := s.StartCheckpoints(context.Background(), 24*time.Hour)
	record(t, d, 3)
	stop()
	cps, err := audit.ReadCheckpoints(s.CheckpointFile)
	if err != nil || len(cps) != 2 || cps[0].Seq != 4 || cps[1].Seq != 7 {
		t.Fatalf("checkpoints %+v %v", cps, err)
	}
}
