package db_test

import (
	"context"
	"sync"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// TestReadSurvivesAnotherProcessAddingAColumn: after the connections have
// kept "SELECT * ..." prepared, another process (here a second handle on
// the same database) adds a column; the next reads answer, with the new
// column, instead of failing with "cached plan must not change result type".
func TestReadSurvivesAnotherProcessAddingAColumn(t *testing.T) {
	if !testutil.UsingPostgres() {
		t.Skip("JIAOYAN_TEST_PG not set: the schema-change retry is PostgreSQL's")
	}
	ctx := context.Background()
	dsn := testutil.DSN(t)
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Exec(ctx, "CREATE TABLE plan_change (id BIGINT PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	if err := d.Exec(ctx, "INSERT INTO plan_change (id, v) VALUES (1, 'a')"); err != nil {
		t.Fatal(err)
	}
	// cols reads the table's columns; hold, when set, runs at the end of
	// the read, keeping its connection until hold returns.
	cols := func(hold func()) (int, error) {
		var n int
		err := d.Read(ctx, func(tx *db.Tx) error {
			if hold != nil {
				defer hold()
			}
			rows, err := tx.Query(ctx, "SELECT * FROM plan_change WHERE id = ?", 1)
			if err != nil {
				return err
			}
			defer rows.Close()
			c, err := rows.Columns()
			n = len(c)
			for rows.Next() {
			}
			if err == nil {
				err = rows.Err()
			}
			return err
		})
		return n, err
	}
	// Every connection of the pool runs (and so keeps) the query: the
	// reads hold their connections until all of them have run it.
	_, conns := d.PoolSizes()
	var ran, wg sync.WaitGroup
	ran.Add(conns)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := cols(func() { ran.Done(); ran.Wait() }); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	other, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Exec(ctx, "ALTER TABLE plan_change ADD COLUMN w TEXT NOT NULL DEFAULT 'b'"); err != nil {
		t.Fatal(err)
	}
	for i := range conns {
		n, err := cols(nil)
		if err != nil {
			t.Fatalf("read %d after the column was added: %v", i, err)
		}
		if n != 3 {
			t.Fatalf("read %d saw %d columns, want 3", i, n)
		}
	}
}
