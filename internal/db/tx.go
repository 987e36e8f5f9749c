package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Tx is one transaction. Its query methods take portable SQL with ?
// placeholders, rebound for PostgreSQL.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	db      *DB                  // the handle, for Key
	stmts   map[string]*sql.Stmt // prepared once per transaction, closed with it
	cache   *stmtCache           // the pool's kept statements (nil: none)
	missed  []string             // rebound queries prepared here that the cache lacks
}

// stmt returns the prepared statement for q, preparing it on first use, so a
// query run for every row of an import is parsed once. SQLite only: on
// PostgreSQL pgx prepares and keeps statements per connection itself.
func (t *Tx) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	rq := Rebind(t.dialect, q)
	var st *sql.Stmt
	if kept := t.cache.lookupOrNil(rq); kept != nil {
		st = t.tx.StmtContext(ctx, kept)
	} else {
		var err error
		if st, err = t.tx.PrepareContext(ctx, rq); err != nil {
			return nil, err
		}
		if t.cache != nil {
			t.missed = append(t.missed, rq)
		}
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = st
	return st, nil
}

// Dialect reports the database dialect, for the few helpers that differ.
func (t *Tx) Dialect() Dialect { return t.dialect }

// Exec runs a statement.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if t.dialect == Postgres {
		return t.tx.ExecContext(ctx, Rebind(t.dialect, q), args...)
	}
	st, err := t.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// Query runs a query returning rows.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if t.dialect == Postgres {
		return t.tx.QueryContext(ctx, Rebind(t.dialect, q), args...)
	}
	st, err := t.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRow runs a query returning at most one row.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if t.dialect == Postgres {
		return t.tx.QueryRowContext(ctx, Rebind(t.dialect, q), args...)
	}
	st, err := t.stmt(ctx, q)
	if err != nil {
		return t.tx.QueryRowContext(ctx, Rebind(t.dialect, q), args...) // carries the same error to Scan
	}
	return st.QueryRowContext(ctx, args...)
}

// InsertID runs an INSERT that ends in "RETURNING id" and returns the id.
func (t *Tx) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, q, args...).Scan(&id)
	return id, err
}

// Count runs a SELECT COUNT(*) style query and returns the number.
func (t *Tx) Count(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := t.QueryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// ForUpdate is the row-lock suffix for a SELECT: " FOR UPDATE" on
// PostgreSQL, nothing on SQLite (whose write transaction already holds the
// database lock).
func (t *Tx) ForUpdate() string {
	if t.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// IsNoRows reports whether err is sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// IsUniqueViolation reports whether err is a unique-constraint failure in
// either dialect.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// Rebind rewrites ? placeholders as $1, $2, ... for PostgreSQL, leaving ?
// inside quoted strings alone. SQLite queries pass through unchanged.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// In returns "?, ?, ?" for n values, for IN (...) lists.
func In(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
