package db

import (
	"context"
	"database/sql"
)

// Scanner is a row that can be scanned: *sql.Row or *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// QueryAll runs q and returns every row converted by scan.
func QueryAll[T any](ctx context.Context, tx *Tx, scan func(Scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scan)
}

func collect[T any](rows *sql.Rows, scan func(Scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ReadValue runs fn in one read-only transaction and returns its value.
func ReadValue[T any](ctx context.Context, d *DB, fn func(*Tx) (T, error)) (T, error) {
	var v T
	err := d.Read(ctx, func(tx *Tx) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v, err
}

// QueryPage returns one page of a list and the total: countQ counts the
// rows selectQ returns (both take args; selectQ ends before LIMIT).
func QueryPage[T any](ctx context.Context, tx *Tx, scan func(Scanner) (T, error), countQ, selectQ string,
	args []any, limit, offset int) ([]T, int, error) {
	total, err := tx.Count(ctx, countQ, args...)
	if err != nil {
		return nil, 0, err
	}
	rows, err := QueryAll(ctx, tx, scan, selectQ+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
	return rows, total, err
}
