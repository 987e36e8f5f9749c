package org

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// A keyed list is a table whose rows carry their organisation's path in
// org_path, kept by triggers, with an index (active, org_path, id): its
// scoped list is one range of that index read in list order (teaching
// groups, studios; people have their own, people_page.go).

// keyedPage is what one page of a keyed list knows.
type keyedPage[T any] struct {
	Rows        []T
	Total       int  // exact, or CountCap+1 meaning more than CountCap
	AtLeast     bool // Total is only "more than CountCap"
	More, Less  bool
	First, Last db.PageKey
}

// keyedFilter is the page asked for: after After, ending before Before, or
// Offset rows in; Limit rows (50 when 0).
type keyedFilter struct {
	After, Before db.PageKey
	Offset, Limit int
}

// keyedScope is the condition admitting rows of alias in actor's scope with
// the scope's path range spelt out, so the index is sought to the range,
// and, when key is not zero, only rows after (before) it.
func keyedScope(actor app.Actor, alias, personCol string, key db.PageKey, before bool) (string, []any) {
	r, _ := scopeRange(actor.Scope)
	cond, args := rowKeyset(alias+".org_path", alias+".id", r, key, before)
	scope, sargs := auth.ScopeWhere(actor, alias+".org_path", alias+".org_id", personCol)
	return alias + ".active = TRUE AND " + cond + " AND " + scope, append(args, sargs...)
}

// keyedQueries are the three queries of one page: the rows, the key at an
// offset (a deep link) and the capped count.
type keyedQueries struct {
	sel   string // SELECT … FROM … (the row columns, alias joined)
	from  string // FROM … for the key walk and the count (alias alone)
	alias string
}

// pageQuery is limit+1 rows of where after the key in list order, or before
// it in reverse.
func (k keyedQueries) pageQuery(where string, args []any, before bool, limit int) (string, []any) {
	order := " ORDER BY " + k.alias + ".org_path, " + k.alias + ".id LIMIT ?"
	if before {
		order = " ORDER BY " + k.alias + ".org_path DESC, " + k.alias + ".id DESC LIMIT ?"
	}
	return k.sel + " WHERE " + where + order, append(slices.Clip(args), limit+1)
}

func (k keyedQueries) keyAtQuery(where string) string {
	return "SELECT " + k.alias + ".org_path, " + k.alias + ".id " + k.from + " WHERE " + where + " ORDER BY " + k.alias +
		".org_path, " + k.alias + ".id LIMIT 1 OFFSET ?"
}

func (k keyedQueries) countQuery(where string) string {
	return "SELECT COUNT(*) FROM (SELECT 1 " + k.from + " WHERE " + where + " LIMIT ?) c"
}

// readKeyed reads one page of a keyed list: where (from keyedScope with
// the zero key) and extra (the page's filters on the same alias) in actor's
// scope.
func readKeyed[T any](ctx context.Context, tx *db.Tx, k keyedQueries, actor app.Actor, personCol, extra string, extraArgs []any,
	f keyedFilter, exact bool, scan func(db.Scanner) (T, error), key func(T) db.PageKey) (keyedPage[T], error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	base, bargs := keyedScope(actor, k.alias, personCol, db.PageKey{}, false)
	base, bargs = base+extra, append(bargs, extraArgs...)
	if f.Offset > 0 && f.After.IsZero() && f.Before.IsZero() {
		var at db.PageKey
		err := tx.QueryRow(ctx, k.keyAtQuery(base), append(slices.Clip(bargs), f.Offset-1)...).Scan(&at.Text, &at.ID)
		if db.IsNoRows(err) {
			return keyedPage[T]{}, nil
		}
		if err != nil {
			return keyedPage[T]{}, err
		}
		f.After = at
	}
	cursor, before := f.After, false
	if !f.Before.IsZero() {
		cursor, before = f.Before, true
	}
	where, args := keyedScope(actor, k.alias, personCol, cursor, before)
	q, qargs := k.pageQuery(where+extra, append(args, extraArgs...), before, f.Limit)
	rows, err := db.QueryAll(ctx, tx, scan, q, qargs...)
	if err != nil {
		return keyedPage[T]{}, err
	}
	pg := keyedPage[T]{Less: !f.After.IsZero(), More: !f.Before.IsZero()}
	extraRow := len(rows) > f.Limit
	if extraRow {
		rows = rows[:f.Limit]
	}
	if before {
		slices.Reverse(rows)
		pg.Less = extraRow
	} else {
		pg.More = extraRow
	}
	pg.Rows = rows
	if len(rows) > 0 {
		pg.First, pg.Last = key(rows[0]), key(rows[len(rows)-1])
	}
	if exact {
		pg.Total, err = tx.Count(ctx, "SELECT COUNT(*) "+k.from+" WHERE "+base, bargs...)
		return pg, err
	}
	pg.Total, err = tx.Count(ctx, k.countQuery(base), append(slices.Clip(bargs), CountCap+1)...)
	pg.AtLeast = pg.Total > CountCap
	return pg, err
}
