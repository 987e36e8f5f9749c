package db

import (
	"context"
	"strings"
)

// InsertRowsPerStatement is how many rows one statement of InsertMany
// carries at most (fewer when the columns would pass maxArgs).
const InsertRowsPerStatement = 500

// maxArgs keeps a statement's bound values under both dialects' limits
// (SQLite 32766, PostgreSQL 65535).
const maxArgs = 30000

// InsertMany writes rows into table's cols with multi-row INSERT
// statements, InsertRowsPerStatement rows (or fewer) a statement, in the
// caller's transaction; each row holds one value per column. suffix
// (e.g. "RETURNING id, id_hash") ends every statement; when scan is set it
// is called for every row the statements return. All or nothing with tx.
func (t *Tx) InsertMany(ctx context.Context, table string, cols []string, rows [][]any, suffix string,
	scan func(Scanner) error) error {
	per := min(InsertRowsPerStatement, max(1, maxArgs/max(1, len(cols))))
	for from := 0; from < len(rows); from += per {
		chunk := rows[from:min(len(rows), from+per)]
		q, args := insertStatement(table, cols, chunk, suffix)
		if scan == nil {
			// Not through the statement cache: the texts are long and vary
			// with the chunk, so keeping them would only crowd it.
			if _, err := t.tx.ExecContext(ctx, Rebind(t.dialect, q), args...); err != nil {
				return err
			}
			continue
		}
		if err := t.scanAll(ctx, q, args, scan); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) scanAll(ctx context.Context, q string, args []any, scan func(Scanner) error) error {
	rs, err := t.tx.QueryContext(ctx, Rebind(t.dialect, q), args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// insertStatement is the INSERT of rows with ? placeholders and its values.
func insertStatement(table string, cols []string, rows [][]any, suffix string) (string, []any) {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	var b strings.Builder
	b.Grow(len(rows)*(len(one)+2) + 64)
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	args := make([]any, 0, len(rows)*len(cols))
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
		args = append(args, r...)
	}
	if suffix != "" {
		b.WriteString(" " + suffix)
	}
	return b.String(), args
}
