package quality

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jiaoyan/internal/db"
)

// batch inserts rows many at a time: one multi-row INSERT per size rows,
// prepared once per transaction, which is what makes a 900,000-row import
// take seconds.
type batch struct {
	tx        *db.Tx
	head      string
	cols, max int
	args      []any
	n         int
	full      string // the statement for max rows
	lead      string // SQL literals that begin every row, "" for none
}

func newBatch(tx *db.Tx, head string, cols, size int) *batch {
	b := &batch{tx: tx, head: head, cols: cols, max: size}
	b.full = b.statement(size)
	return b
}

// newBatchLead is newBatch for rows that all begin with the same values,
// written once into the statement as the SQL literals lead ("7, '数学'")
// rather than bound on every row; cols counts the bound values only.
func newBatchLead(tx *db.Tx, head, lead string, cols, size int) *batch {
	b := &batch{tx: tx, head: head, cols: cols, max: size, lead: lead + ", "}
	b.full = b.statement(size)
	return b
}

// sqlText is s as an SQL string literal; only for a plainName, so that no
// quoting rule of either database (quotes, backslashes under PostgreSQL's
// standard_conforming_strings = off, NUL) is ever relied on.
func sqlText(s string) string { return "'" + s + "'" }

// plainName reports whether s is non-empty and only letters, digits and
// spaces: a name that may be written into SQL as a literal.
func plainName(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' {
			return false
		}
	}
	return s != "" && utf8.ValidString(s)
}

func (b *batch) statement(rows int) string {
	one := "(" + b.lead + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	var sb strings.Builder
	sb.WriteString(b.head)
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(one)
	}
	return sb.String()
}

// add queues one row of len(cols) values, inserting when the batch is full.
func (b *batch) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	b.n++
	if b.n < b.max {
		return nil
	}
	_, err := b.tx.Exec(ctx, b.full, b.args...)
	b.args, b.n = b.args[:0], 0
	return err
}

// flush inserts the rows still queued.
func (b *batch) flush(ctx context.Context) error {
	if b.n == 0 {
		return nil
	}
	_, err := b.tx.Exec(ctx, b.statement(b.n), b.args...)
	b.args, b.n = b.args[:0], 0
	return err
}

// bulkCacheKiB is the page cache a bulk write transaction is given on
// SQLite: enough for the b-tree pages a 900,000-row import touches, so
// that the pager does not spill dirty pages to the WAL mid-transaction and
// read them back.
const bulkCacheKiB = 128 << 10

// bulkCache widens the SQLite connection's page cache for the rest of tx
// and returns the call that puts it back; on PostgreSQL both do nothing.
func bulkCache(ctx context.Context, tx *db.Tx) (restore func()) {
	if tx.Dialect() != db.SQLite {
		return func() {}
	}
	var was int64
	if err := tx.QueryRow(ctx, "PRAGMA cache_size").Scan(&was); err != nil {
		return func() {}
	}
	if _, err := tx.Exec(ctx, "PRAGMA cache_size = "+strconv.Itoa(-bulkCacheKiB)); err != nil {
		return func() {}
	}
	return func() { tx.Exec(ctx, "PRAGMA cache_size = "+strconv.FormatInt(was, 10)) }
}
