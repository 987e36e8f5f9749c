package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"jiaoyan/internal/db"
)

// The jobs tests open their own databases rather than through testutil, so
// they build while the core packages testutil wires are being changed.

// testDSN returns a fresh database address: a SQLite file, or a new schema
// in the PostgreSQL named by JIAOYAN_TEST_PG.
func testDSN(t testing.TB) string {
	t.Helper()
	pg := os.Getenv("JIAOYAN_TEST_PG")
	if pg == "" {
		return "sqlite:" + filepath.Join(t.TempDir(), "jobs.db")
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := db.Open(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openDSN opens (and migrates) dsn, closed when the test ends.
func openDSN(t testing.TB, dsn string) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

func openTestDB(t testing.TB) *db.DB { return openDSN(t, testDSN(t)) }
