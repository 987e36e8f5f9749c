package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrations embed.FS

// migration is one numbered schema change, e.g. 0001_core.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations(d Dialect) ([]migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("迁移文件名不规范: %s", e.Name())
		}
		b, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// LatestVersion is the newest migration compiled into this binary.
func LatestVersion(d Dialect) int {
	ms, err := loadMigrations(d)
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// Migrate applies every embedded migration newer than the database's schema
// version, each in its own transaction. On PostgreSQL an advisory lock keeps
// several starting processes from migrating at once.
func (d *DB) Migrate(ctx context.Context) error {
	ms, err := loadMigrations(d.Dialect)
	if err != nil {
		return err
	}
	if d.Dialect == Postgres {
		conn, err := d.rw.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7243001)"); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7243001)")
	}
	if err := d.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return err
	}
	applied, err := d.appliedVersions(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if err := d.apply(ctx, m); err != nil {
			return fmt.Errorf("迁移 %s 失败: %w", m.name, err)
		}
		d.forgetStatements() // kept plans may name the old schema
	}
	return nil
}

func (d *DB) apply(ctx context.Context, m migration) error {
	return d.Write(ctx, func(tx *Tx) error {
		for _, stmt := range splitStatements(m.sql) {
			if _, err := tx.tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%w\n%s", err, stmt)
			}
		}
		_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, time.Now().UnixMilli())
		return err
	})
}

// appliedVersions is the set of migrations already applied. Each migration
// is applied once by number, so one merged later with a lower number still
// runs.
func (d *DB) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := d.rw.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

// SchemaVersion returns the highest applied migration, 0 for a new database.
func (d *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := d.ro.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil && strings.Contains(err.Error(), "schema_migrations") {
		return 0, nil
	}
	return v, err
}

// splitStatements splits a migration on lines holding only "-- split", so
// trigger bodies with inner semicolons stay whole.
func splitStatements(sql string) []string {
	var out []string
	for _, part := range strings.Split(sql, "\n-- split\n") {
		if s := strings.TrimSpace(part); s != "" {
			out = append(out, s)
		}
	}
	return out
}
