// Package testutil opens test databases: a temporary SQLite file, or a fresh
// schema in the PostgreSQL named by JIAOYAN_TEST_PG, migrated and dropped
// when the test ends.
package testutil

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/secret"
)

// OpenTestDB returns a migrated, empty database for t.
func OpenTestDB(t testing.TB) *db.DB {
	t.Helper()
	ctx := context.Background()
	dsn := DSN(t)
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	audit.SetKey(d, AuditKey())
	return d
}

// MasterKey is the data key of test databases and their services.
func MasterKey() []byte { return bytes.Repeat([]byte{42}, 32) }

// AuditKey is the audit chain key OpenTestDB gives its databases.
func AuditKey() []byte { return secret.AuditKey(MasterKey()) }

// DSN returns a fresh, empty database address for t: a SQLite file in
// t.TempDir(), or, when JIAOYAN_TEST_PG is set, a new schema there.
func DSN(t testing.TB) string {
	t.Helper()
	pg := os.Getenv("JIAOYAN_TEST_PG")
	if pg == "" {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	return pgSchema(t, pg)
}

// UsingPostgres reports whether tests run against PostgreSQL.
func UsingPostgres() bool { return os.Getenv("JIAOYAN_TEST_PG") != "" }

func pgSchema(t testing.TB, base string) string {
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := db.Open(ctx, base)
	if err != nil {
		t.Fatalf("JIAOYAN_TEST_PG: %v", err)
	}
	if err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("JIAOYAN_TEST_PG: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
