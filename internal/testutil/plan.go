package testutil

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/db"
)

// QueryPlan returns d's plan of q with args, one step a line: the detail
// column of EXPLAIN QUERY PLAN on SQLite, the lines of EXPLAIN on
// PostgreSQL. On PostgreSQL sequential scans are priced out (SET LOCAL
// enable_seqscan = off) so the plan shows whether an index can serve q at
// all, whatever the size of the test tables. A failing EXPLAIN ends t.
func QueryPlan(t testing.TB, d *db.DB, q string, args []any) string {
	t.Helper()
	return queryPlan(t, d, q, args, "SET LOCAL enable_seqscan = off")
}

// OrderedQueryPlan is QueryPlan with bitmap scans priced out too, for a
// list whose LIMIT makes the index read in its order the cheap one: on a
// test's few rows a bitmap read and a sort cost next to nothing.
func OrderedQueryPlan(t testing.TB, d *db.DB, q string, args []any) string {
	t.Helper()
	return queryPlan(t, d, q, args, "SET LOCAL enable_seqscan = off", "SET LOCAL enable_bitmapscan = off")
}

func queryPlan(t testing.TB, d *db.DB, q string, args []any, sets ...string) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	err := d.Read(ctx, func(tx *db.Tx) error {
		explain := "EXPLAIN QUERY PLAN "
		if tx.Dialect() == db.Postgres {
			explain = "EXPLAIN "
			for _, set := range sets {
				if _, err := tx.Exec(ctx, set); err != nil {
					return err
				}
			}
		}
		rows, err := tx.Query(ctx, explain+q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			lines = append(lines, fmt.Sprint(vals[len(vals)-1]))
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatalf("explain: %v\n%s", err, q)
	}
	return strings.Join(lines, "\n")
}

// FullScan returns the first step of plan (as QueryPlan gives it) that
// reads every row of table, or "" when none does. A step reads every row
// when it is PostgreSQL's "Seq Scan on table", or SQLite's "SCAN name"
// (plain, or walking a whole index: "SCAN name USING …"), where name is the
// table or one of the aliases the query gives it.
func FullScan(plan, table string, aliases ...string) string {
	names := append([]string{table}, aliases...)
	for _, step := range strings.Split(plan, "\n") {
		l := strings.TrimSpace(step)
		if seqScanOn(l, table) {
			return l
		}
		for _, n := range names {
			if l == "SCAN "+n || strings.HasPrefix(l, "SCAN "+n+" ") {
				return l
			}
		}
	}
	return ""
}

// seqScanOn reports whether the PostgreSQL plan line l sequentially scans
// table (and not merely a table whose name starts with table's).
func seqScanOn(l, table string) bool {
	_, rest, ok := strings.Cut(l, "Seq Scan on "+table)
	return ok && (rest == "" || rest[0] == ' ')
}
