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
