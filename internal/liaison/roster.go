package liaison

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// The roster's order (office name, then name, then id) is kept in this
// process per database, scope and filter, as keys alone, and reused while
// report_version stays: triggers raise it on every write of what the order
// reads (researchers' rows, organisations; migration 0035), for every serve
// process sharing the database. A roster page then reads the version, finds
// its place in the kept keys and reads only its own rows by id, so it costs
// the 50 rows it shows, not the sort of every researcher of a city.
var rosterCache sync.Map

// maxRosterKept bounds the stores between two clearings of rosterCache.
const maxRosterKept = 256

var rosterKeptSince atomic.Int64

type rosterKey struct {
	db    *db.DB
	scope string
	f     ResearcherFilter
}

type rosterOrder struct {
	version int64
	keys    []db.PageKey // in roster order
}

// compareKeys is the roster order of two keys: text, then id, bytewise, so
// it is the same on both databases whatever their collation.
func compareKeys(a, b db.PageKey) int {
	if c := strings.Compare(a.Text, b.Text); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// sortRoster puts researchers in roster order (compareKeys).
func sortRoster(list []Researcher) {
	slices.SortFunc(list, func(a, b Researcher) int { return compareKeys(ResearcherKey(a), ResearcherKey(b)) })
}

// rosterKeysQuery reads the keys of the roster of f in actor's scope,
// unordered (the order is compareKeys, applied in Go).
func rosterKeysQuery(actor app.Actor, f ResearcherFilter) (string, []any) {
	conds, args := researcherConds(actor, f)
	return "SELECT p.id, " + researcherKeyCol + researcherFrom + conds, args
}

// rosterOf is the roster order of f in actor's scope at the current
// report_version, read from the kept order or, when it is stale, from the
// database inside tx.
func rosterOf(ctx context.Context, tx *db.Tx, d *db.DB, actor app.Actor, f ResearcherFilter) ([]db.PageKey, error) {
	var version int64
	if err := tx.QueryRow(ctx, "SELECT version FROM report_version WHERE id = 1").Scan(&version); err != nil {
		return nil, err
	}
	key := rosterKey{db: d, scope: fmt.Sprint(actor.Scope, actor.PersonID), f: f}
	if v, ok := rosterCache.Load(key); ok && v.(rosterOrder).version == version {
		return v.(rosterOrder).keys, nil
	}
	q, args := rosterKeysQuery(actor, f)
	keys, err := db.QueryAll(ctx, tx, func(r db.Scanner) (db.PageKey, error) {
		var k db.PageKey
		err := r.Scan(&k.ID, &k.Text)
		return k, err
	}, q, args...)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(keys, compareKeys)
	if rosterKeptSince.Add(1) > maxRosterKept {
		rosterKeptSince.Store(0)
		rosterCache.Clear()
	}
	rosterCache.Store(key, rosterOrder{version: version, keys: keys})
	return keys, nil
}

// rosterWindow is the part of keys one page shows: up to limit+1 keys
// after after, or up to limit+1 keys ending just before before (in roster
// order), or the first limit+1; extra says a key lies beyond the limit.
func rosterWindow(keys []db.PageKey, after, before db.PageKey, limit int) (win []db.PageKey, extra bool) {
	switch {
	case !before.IsZero():
		end, _ := slices.BinarySearchFunc(keys, before, compareKeys)
		start := max(0, end-limit)
		return keys[start:end], start > 0
	case !after.IsZero():
		start, found := slices.BinarySearchFunc(keys, after, compareKeys)
		if found {
			start++
		}
		keys = keys[start:]
	}
	return keys[:min(limit, len(keys))], len(keys) > limit
}

// researchersByID reads the researchers of ids in actor's scope and f, in
// the order of ids, by primary key: the scope is checked on each row
// (auth.ScopeWhere) without the path range, so neither database walks the
// scope's researchers to find the ids.
func researchersByID(ctx context.Context, tx *db.Tx, actor app.Actor, f ResearcherFilter, ids []db.PageKey) ([]Researcher, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q, args := researchersByIDQuery(actor, f, ids)
	list, err := db.QueryAll(ctx, tx, scanResearcher, q, args...)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	// ids are the kept order's, so every row is one of them
	for i, k := range ids {
		at[k.ID] = i
	}
	slices.SortFunc(list, func(a, b Researcher) int { return at[a.ID] - at[b.ID] })
	return list, nil
}

// researchersByIDQuery is researchersByID's read.
func researchersByIDQuery(actor app.Actor, f ResearcherFilter, ids []db.PageKey) (string, []any) {
	marks := make([]string, len(ids))
	args := make([]any, 0, len(ids)+4)
	for i, k := range ids {
		marks[i] = "?"
		args = append(args, k.ID)
	}
	where, sargs := auth.ScopeWhere(actor, "o.path", "o.id", "p.id")
	if actor.PersonID != 0 {
		where = "(" + where + " OR p.id = ?)"
		sargs = append(sargs, actor.PersonID)
	}
	fq, fargs := filterConds(f)
	// "active <> FALSE" rather than "= TRUE": no index on active can serve
	// it, so the planner seeks the ids by primary key
	q := researcherColumns + ` FROM people p JOIN orgs o ON o.id = p.org_id LEFT JOIN orgs off ON off.id = p.office_id
	WHERE p.id IN (` + strings.Join(marks, ",") + `) AND p.researcher_kind <> '' AND p.active <> FALSE AND ` + where + fq
	return q, append(append(args, sargs...), fargs...)
}
