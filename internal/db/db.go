// Package db opens jiaoyan's database, SQLite (embedded, the default) or
// PostgreSQL, runs the embedded migrations, and gives services one
// transaction helper whose queries are written once with ? placeholders.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the SQL dialect behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database. For SQLite it keeps one writer connection (all
// write transactions queue on it) and a pool of readers; for PostgreSQL both
// are the same pool. Pool sizes follow the core count; pool.go states the
// formula (SQLite readers 2 × cores, at least 4; PostgreSQL 4 × cores,
// between 8 and 32 per process).
type DB struct {
	Dialect Dialect
	Path    string // the SQLite file, empty for PostgreSQL
	rw      *sql.DB
	ro      *sql.DB
	keys    map[string][]byte // see SetKey
	rwStmts *stmtCache        // statements kept prepared on rw
	roStmts *stmtCache        // on ro (the same cache when ro is rw)
}

// Open opens dsn ("sqlite:PATH" or "postgres://...") and checks it answers.
// It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	}
	return nil, fmt.Errorf("不支持的数据库地址 %q：应以 sqlite: 或 postgres:// 开头", dsn)
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("SQLite 数据库路径不能为空")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, err
		}
	}
	rw, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	sizePool(rw, 1, 0)
	if err := rw.PingContext(ctx); err != nil {
		rw.Close()
		return nil, fmt.Errorf("打开 SQLite 数据库 %s 失败: %w", path, err)
	}
	ro, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		rw.Close()
		return nil, err
	}
	sizePool(ro, SQLiteReaders(cores()), 0)
	return &DB{Dialect: SQLite, Path: path, rw: rw, ro: ro, rwStmts: newStmtCache(), roStmts: newStmtCache()}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	sizePool(pool, PostgresConns(cores()), time.Hour)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("连接 PostgreSQL 失败: %w", err)
	}
	// No kept statements on PostgreSQL: pgx keeps each connection's
	// statements itself and drops one that fails, so a column another
	// process's migration adds ("cached plan must not change result type")
	// costs one failed try, which Read retries (see planChanged).
	return &DB{Dialect: Postgres, rw: pool, ro: pool}, nil
}

// Close closes every connection.
func (d *DB) Close() error {
	d.forgetStatements()
	err := d.rw.Close()
	if d.ro != d.rw {
		if err2 := d.ro.Close(); err == nil {
			err = err2
		}
	}
	return err
}

// Ping reports whether the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.ro.PingContext(ctx) }

// Write runs fn in one read-write transaction and commits it if fn returns
// nil; otherwise it rolls back and returns fn's error. On SQLite the
// transaction takes the write lock at BEGIN, so writers queue instead of
// failing with SQLITE_BUSY half-way.
func (d *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	return d.run(ctx, d.rw, nil, fn)
}

// Read runs fn in one read-only transaction: a consistent snapshot. On
// PostgreSQL a read that fails because a statement a connection kept no
// longer matches the schema (another process migrated) is run again, up to
// planRetries times: each failure drops that connection's statement.
func (d *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	err := d.run(ctx, d.ro, &sql.TxOptions{ReadOnly: true}, fn)
	for i, n := 0, d.planRetries(); i < n && planChanged(err) && ctx.Err() == nil; i++ {
		err = d.run(ctx, d.ro, &sql.TxOptions{ReadOnly: true}, fn)
	}
	return err
}

// planRetries bounds Read's retries after a schema change by the size of
// the reader pool. Every pooled connection may hold the stale statement,
// once: a try that fails drops it from the connection it ran on. So even if
// each try lands on a connection not yet cleaned, the first try and one
// retry per further connection have cleaned them all, and the last retry
// runs on a clean one. (A fn that runs several statements the schema change
// made stale can need more; it then fails, and the next request succeeds.)
func (d *DB) planRetries() int {
	return max(1, d.ro.Stats().MaxOpenConnections)
}

// planChanged reports whether err is PostgreSQL's "cached plan must not
// change result type" (SQLSTATE 0A000): a statement prepared before a
// schema change, which pgx has dropped from that connection on failing.
func planChanged(err error) bool {
	return err != nil && strings.Contains(err.Error(), "cached plan must not change result type")
}

func (d *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*Tx) error) (err error) {
	stx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("开始事务失败: %w", err)
	}
	tx := &Tx{tx: stx, dialect: d.Dialect, db: d, cache: d.stmtsOf(pool)}
	defer func() {
		if p := recover(); p != nil {
			stx.Rollback()
			panic(p)
		}
		if err != nil {
			stx.Rollback()
			return
		}
		if err = stx.Commit(); err == nil && len(tx.missed) > 0 {
			// The transaction's connection is back in the pool: keep the
			// queries it prepared for the next transactions.
			tx.cache.keep(context.WithoutCancel(ctx), pool, tx.missed)
		}
	}()
	return fn(tx)
}

// stmtsOf is the statement cache of pool.
func (d *DB) stmtsOf(pool *sql.DB) *stmtCache {
	if pool == d.ro {
		return d.roStmts
	}
	return d.rwStmts
}

// Exec runs one statement outside an explicit transaction (maintenance only).
func (d *DB) Exec(ctx context.Context, q string, args ...any) error {
	_, err := d.rw.ExecContext(ctx, Rebind(d.Dialect, q), args...)
	return err
}
