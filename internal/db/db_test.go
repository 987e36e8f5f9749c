package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

func TestMigrateIsIdempotentAndVersioned(t *testing.T) {
	d := testutil.OpenTestDB(t)
	ctx := context.Background()
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	v, err := d.SchemaVersion(ctx)
	if err != nil || v != db.LatestVersion(d.Dialect) || v == 0 {
		t.Fatalf("schema version = %d, %v; want %d", v, err, db.LatestVersion(d.Dialect))
	}
}

func TestWriteRollsBackOnError(t *testing.T) {
	d := testutil.OpenTestDB(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := d.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO jobs (kind, status, created_at, updated_at) VALUES (?, ?, ?, ?)", "x", "queued", 1, 1); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	var n int
	d.Read(ctx, func(tx *db.Tx) error { n, err = tx.Count(ctx, "SELECT COUNT(*) FROM jobs"); return err })
	if n != 0 {
		t.Fatalf("rolled-back insert is visible: %d rows", n)
	}
}

func TestAuditLogRefusesUpdateAndDelete(t *testing.T) {
	d := testutil.OpenTestDB(t)
	ctx := context.Background()
	err := d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (1, 1, 'x', '', 'h')")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"} {
		err := d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q); return err })
		if err == nil {
			t.Errorf("%s succeeded on the append-only audit log", q)
		}
	}
}

func TestRebind(t *testing.T) {
	got := db.Rebind(db.Postgres, "SELECT '?' , a FROM t WHERE a = ? AND b IN (?, ?)")
	want := "SELECT '?' , a FROM t WHERE a = $1 AND b IN ($2, $3)"
	if got != want {
		t.Fatalf("got %q", got)
	}
	if db.Rebind(db.SQLite, "a = ?") != "a = ?" {
		t.Fatal("sqlite query changed")
	}
}

func TestBackupAndRestoreRefusesLiveDatabase(t *testing.T) {
	if testutil.UsingPostgres() {
		t.Skip("backup/restore is for SQLite")
	}
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	d, err := db.Open(ctx, "sqlite:"+live)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO jobs (kind, status, created_at, updated_at) VALUES ('before', 'done', 1, 1)")
		return err
	})
	bak := filepath.Join(dir, "b.db")
	if err := d.Backup(ctx, bak); err != nil {
		t.Fatal(err)
	}
	d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO jobs (kind, status, created_at, updated_at) VALUES ('after', 'done', 1, 1)")
		return err
	})
	if err := d.Heartbeat(ctx, "test", "host", 1); err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(ctx, bak, live, false); err == nil {
		t.Fatal("restore over a live database succeeded without --force")
	}
	d.Close()
	if err := db.Restore(ctx, bak, live, true); err != nil {
		t.Fatalf("forced restore: %v", err)
	}
	r, _ := db.Open(ctx, "sqlite:"+live)
	defer r.Close()
	var kinds []string
	r.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, "SELECT kind FROM jobs ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			rows.Scan(&k)
			kinds = append(kinds, k)
		}
		return nil
	})
	if len(kinds) != 1 || kinds[0] != "before" {
		t.Fatalf("restored rows = %v, want [before]", kinds)
	}
}

func TestSQLiteRunsWALWithFullSync(t *testing.T) {
	if testutil.UsingPostgres() {
		t.Skip("SQLite pragmas")
	}
	d := testutil.OpenTestDB(t)
	ctx := context.Background()
	var mode string
	var sync, fk int
	d.Write(ctx, func(tx *db.Tx) error {
		tx.QueryRow(ctx, "PRAGMA journal_mode").Scan(&mode)
		tx.QueryRow(ctx, "PRAGMA synchronous").Scan(&sync)
		return tx.QueryRow(ctx, "PRAGMA foreign_keys").Scan(&fk)
	})
	if mode != "wal" || sync != 2 || fk != 1 {
		t.Fatalf("journal_mode=%s synchronous=%d foreign_keys=%d; want wal, 2 (FULL), 1", mode, sync, fk)
	}
}

// TestPoolsFollowTheCoreCount: the budgets documented in pool.go, and the
// pools an opened database really has.
func TestPoolsFollowTheCoreCount(t *testing.T) {
	for _, c := range []struct{ cores, sqlite, pg int }{{1, 4, 8}, {2, 4, 8}, {4, 8, 16}, {8, 16, 32}, {64, 128, 32}} {
		if got := db.SQLiteReaders(c.cores); got != c.sqlite {
			t.Errorf("SQLiteReaders(%d) = %d, want %d", c.cores, got, c.sqlite)
		}
		if got := db.PostgresConns(c.cores); got != c.pg {
			t.Errorf("PostgresConns(%d) = %d, want %d", c.cores, got, c.pg)
		}
	}
	d := testutil.OpenTestDB(t)
	w, r := d.PoolSizes()
	n := runtime.GOMAXPROCS(0)
	want := [2]int{1, db.SQLiteReaders(n)}
	if d.Dialect == db.Postgres {
		want = [2]int{db.PostgresConns(n), db.PostgresConns(n)}
	}
	if [2]int{w, r} != want {
		t.Fatalf("%s pools = writer %d, readers %d; want %v", d.Dialect, w, r, want)
	}
}
