package db_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// columns lists every table.column the migrated database defines, sorted.
func columns(t *testing.T, d *db.DB) []string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	if d.Dialect == db.Postgres {
		q = `SELECT table_name || '.' || column_name FROM information_schema.columns
			WHERE table_schema = current_schema()`
	}
	var out []string
	err := d.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestDialectsDefineTheSameSchema migrates a SQLite and a PostgreSQL database
// and compares their tables and columns, so a migration written for one
// dialect only is caught. It needs JIAOYAN_TEST_PG (CI sets it).
func TestDialectsDefineTheSameSchema(t *testing.T) {
	if !testutil.UsingPostgres() {
		t.Skip("JIAOYAN_TEST_PG not set: the PostgreSQL run of .ci/run compares the dialects")
	}
	pg := testutil.OpenTestDB(t)
	lite, err := db.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "lite.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if err := lite.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	a, b := set(columns(t, lite)), set(columns(t, pg))
	for c := range a {
		if !b[c] {
			t.Errorf("%s exists on SQLite only", c)
		}
	}
	for c := range b {
		if !a[c] {
			t.Errorf("%s exists on PostgreSQL only", c)
		}
	}
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

var migrationName = regexp.MustCompile(`^(\d{4})_([a-z]+)(_[a-z0-9_]+)?\.sql$`)

// modules are the names a migration may start with: the package that owns
// the tables it creates (DESIGN §3).
var modules = map[string]bool{
	"core": true, "auth": true, "audit": true, "org": true, "dict": true, "policy": true, "jobs": true,
	"attach": true, "notify": true, "credit": true, "rectify": true, "liaison": true, "activity": true,
	"training": true, "quality": true, "review": true, "inspect": true, "resource": true, "report": true,
}

// TestMigrationsAreNamedByModuleInBothDialects checks that every migration
// is named NNNN_<module>_what.sql and exists under the same name in both
// dialect folders.
func TestMigrationsAreNamedByModuleInBothDialects(t *testing.T) {
	dir := filepath.Join("migrations")
	names := map[string][]string{}
	for _, d := range []string{"sqlite", "postgres"} {
		entries, err := fs.ReadDir(os.DirFS(dir), d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			names[e.Name()] = append(names[e.Name()], d)
		}
	}
	seen := map[string]string{}
	for name, dialects := range names {
		m := migrationName.FindStringSubmatch(name)
		if m == nil || !modules[m[2]] {
			t.Errorf("%s: name a migration NNNN_<module>_what.sql after the package that owns its tables", name)
			continue
		}
		if len(dialects) != 2 {
			t.Errorf("%s exists only in %s", name, strings.Join(dialects, ", "))
		}
		if other, dup := seen[m[1]]; dup {
			t.Errorf("migration number %s is used by %s and %s", m[1], other, name)
		}
		seen[m[1]] = name
	}
}
