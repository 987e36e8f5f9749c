package org

import (
	"strings"

	"jiaoyan/internal/db"
)

// rowKeyset is the condition and arguments that admit the rows of range r
// sorting after k in the order (textCol, idCol), or before it when before
// is set; the zero k admits the whole range. The key is one row-value
// comparison, (textCol, idCol) > (?, ?), which SQLite and PostgreSQL both
// serve as the start (end) of a range of an index on (…, textCol, idCol):
// the read seeks straight to the key even inside one organisation, where
// db.KeysetWhere's (textCol > ? OR idCol > ?) reads the organisation's
// rows from its first.
func rowKeyset(textCol, idCol string, r db.KeyRange, k db.PageKey, before bool) (string, []any) {
	var conds []string
	var args []any
	add := func(c string, v ...any) { conds = append(conds, c); args = append(args, v...) }
	lo, hi := r.Lo, r.Hi
	switch {
	case k.IsZero():
	case before:
		add("("+textCol+", "+idCol+") < (?, ?)", k.Text, k.ID)
		if hi != "" && k.Text < hi { // the key already ends the range
			hi = ""
		}
	default:
		add("("+textCol+", "+idCol+") > (?, ?)", k.Text, k.ID)
		if lo != "" && lo <= k.Text { // the key already starts the range
			lo = ""
		}
	}
	if lo != "" {
		add(textCol+" >= ?", lo)
	}
	if hi != "" {
		add(textCol+" < ?", hi)
	}
	if len(conds) == 0 {
		return "(1=1)", nil
	}
	return strings.Join(conds, " AND "), args
}
