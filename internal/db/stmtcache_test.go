package db

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// openCacheDB is a SQLite database with one table, for the statement cache.
func openCacheDB(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Exec(ctx, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	return d
}

func readV(t *testing.T, d *DB, id int) string {
	t.Helper()
	var v string
	if err := d.Read(context.Background(), func(tx *Tx) error {
		return tx.QueryRow(context.Background(), "SELECT v FROM t WHERE id = ?", id).Scan(&v)
	}); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestKeptStatementsSeeEveryWrite: a query kept prepared across
// transactions answers from the data as it is now, on the single writer
// connection and on the readers, and a write transaction that reuses a kept
// INSERT neither waits for its own connection nor loses rows.
func TestKeptStatementsSeeEveryWrite(t *testing.T) {
	d := openCacheDB(t)
	ctx := context.Background()
	for i := 1; i <= 3; i++ {
		if err := d.Write(ctx, func(tx *Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO t (id, v) VALUES (?, ?)", i, fmt.Sprint("v", i))
			return err
		}); err != nil {
			t.Fatalf("insert %d: %v", i, err)
		}
	}
	if d.rwStmts.size() != 1 {
		t.Fatalf("writer keeps %d statements after three identical inserts, want 1", d.rwStmts.size())
	}
	if got := readV(t, d, 2); got != "v2" {
		t.Fatalf("first read = %q", got)
	}
	if err := d.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE t SET v = ? WHERE id = ?", "changed", 2)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := readV(t, d, 2); got != "changed" {
		t.Fatalf("kept read after an update = %q, want changed", got)
	}
	if d.roStmts.lookup("SELECT v FROM t WHERE id = ?") == nil {
		t.Fatal("the read was not kept for the next transaction")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Go(func() {
			var n int
			errs <- d.Read(ctx, func(tx *Tx) error {
				var err error
				n, err = tx.Count(ctx, "SELECT COUNT(*) FROM t WHERE id <= ?", 3)
				if err == nil && n != 3 {
					err = fmt.Errorf("reader %d counts %d rows", i, n)
				}
				return err
			})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestStatementCacheIsBounded: past stmtCacheMax distinct queries the rest
// are prepared per transaction and still answer.
func TestStatementCacheIsBounded(t *testing.T) {
	d := openCacheDB(t)
	ctx := context.Background()
	for i := range stmtCacheMax + 20 {
		var n int
		if err := d.Read(ctx, func(tx *Tx) error {
			var err error
			n, err = tx.Count(ctx, fmt.Sprintf("SELECT %d + COUNT(*) FROM t", i))
			return err
		}); err != nil || n != i {
			t.Fatalf("query %d = %d, %v", i, n, err)
		}
	}
	if got := d.roStmts.size(); got != stmtCacheMax {
		t.Fatalf("readers keep %d statements, want the bound %d", got, stmtCacheMax)
	}
}

// TestFailedTransactionKeepsNothing: the queries of a transaction that
// rolled back are not kept.
func TestFailedTransactionKeepsNothing(t *testing.T) {
	d := openCacheDB(t)
	ctx := context.Background()
	err := d.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a"); err != nil {
			return err
		}
		return fmt.Errorf("boom")
	})
	if err == nil || d.rwStmts.size() != 0 {
		t.Fatalf("err %v, kept %d", err, d.rwStmts.size())
	}
}
