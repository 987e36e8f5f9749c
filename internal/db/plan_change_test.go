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
	cols := func() (int, error) {
		var n int
		err := d.Read(ctx, func(tx *db.Tx) error {
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
	// Every connection of the pool runs (and so keeps) the query.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := cols(); err != nil {
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
	for i := range 8 {
		n, err := cols()
		if err != nil {
			t.Fatalf("read %d after the column was added: %v", i, err)
		}
		if n != 3 {
			t.Fatalf("read %d saw %d columns, want 3", i, n)
		}
	}
}
