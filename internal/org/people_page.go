package org

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// CountMode says how FindPeoplePage counts the list.
type CountMode int

const (
	// CountCheap counts exactly up to CountCap rows; past it the total is an
	// estimate (PersonPage.Estimated) from the per-organisation counters.
	CountCheap CountMode = iota
	// CountExact always counts every matching row (精确计数).
	CountExact
	// CountNone does not count (exports).
	CountNone
)

// CountCap is the most rows a cheap count reads before it estimates.
const CountCap = 2000

// PersonPage is one page of people in list order (organisation path, id).
type PersonPage struct {
	People      []Person
	Total       int  // exact, or an estimate when Estimated
	Estimated   bool // Total is 约: the exact count would read past CountCap
	AtLeast     bool // Total is only "more than CountCap": no counter fits the filter
	More        bool // a row follows the last one
	Less        bool // a row precedes the first one
	First, Last db.PageKey
}

// PersonKey is p's place in list order.
func PersonKey(p Person) db.PageKey { return db.PageKey{Text: p.OrgPath, ID: p.ID} }

// FindPeoplePage lists one page of people in the actor's scope (masked
// unless the actor holds person.sensitive): the page after f.After, before
// f.Before, or f.Offset rows in. It reads the page from the index
// (active, org_path, id), never the whole scoped set.
func (s *Service) FindPeoplePage(ctx context.Context, actor app.Actor, f PersonFilter, count CountMode) (PersonPage, error) {
	if err := actor.Require(auth.PermPersonView); err != nil {
		return PersonPage{}, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	base := f
	base.After, base.Before = db.PageKey{}, db.PageKey{}
	where, args := s.personWhere(actor, base)
	pg, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (PersonPage, error) {
		pg, err := s.readPeoplePage(ctx, tx, actor, f, where, args)
		if err == nil && count != CountNone {
			pg.Total, pg.Estimated, err = s.countPeopleList(ctx, tx, actor, f, where, args, count)
			pg.AtLeast = pg.Estimated && pg.Total <= CountCap+1
		}
		return pg, err
	})
	return pg, failed(err, "find people")
}

func (s *Service) readPeoplePage(ctx context.Context, tx *db.Tx, actor app.Actor, f PersonFilter, where string, args []any) (PersonPage, error) {
	var pg PersonPage
	if f.Offset > 0 && f.After.IsZero() && f.Before.IsZero() {
		k, ok, err := peopleKeyAt(ctx, tx, where, args, f.Offset-1)
		if err != nil || !ok {
			return pg, err
		}
		f.After = k
	}
	if !f.After.IsZero() || !f.Before.IsZero() {
		where, args = s.personWhere(actor, f)
	}
	q, qargs := peoplePageQuery(f, where, args)
	pg.Less, pg.More = !f.After.IsZero(), !f.Before.IsZero()
	people, err := s.scanPeople(ctx, tx, actor, f.Limit+1, q, qargs...)
	if err != nil {
		return pg, err
	}
	extra := len(people) > f.Limit
	if extra {
		people = people[:f.Limit]
	}
	if !f.Before.IsZero() {
		slices.Reverse(people)
		pg.Less = extra
	} else {
		pg.More = extra
	}
	pg.People = people
	if len(people) > 0 {
		pg.First, pg.Last = PersonKey(people[0]), PersonKey(people[len(people)-1])
	}
	return pg, nil
}

// peoplePageQuery is the query of the page f asks for (Limit+1 rows, so
// the caller knows whether more follow), in list order or, for f.Before,
// in reverse.
func peoplePageQuery(f PersonFilter, where string, args []any) (string, []any) {
	order := " ORDER BY p.org_path, p.id LIMIT ?"
	if !f.Before.IsZero() {
		order = " ORDER BY p.org_path DESC, p.id DESC LIMIT ?"
	}
	return personSelect + " WHERE " + where + order, append(slices.Clip(args), f.Limit+1)
}

// peopleKeyAt is the key of row n (from 0) of the list, read from the key
// index alone; ok is false past the end.
func peopleKeyAt(ctx context.Context, tx *db.Tx, where string, args []any, n int) (db.PageKey, bool, error) {
	var k db.PageKey
	err := tx.QueryRow(ctx, "SELECT p.org_path, p.id FROM people p WHERE "+where+" ORDER BY p.org_path, p.id LIMIT 1 OFFSET ?",
		append(slices.Clip(args), n)...).Scan(&k.Text, &k.ID)
	if db.IsNoRows(err) {
		return k, false, nil
	}
	return k, err == nil, err
}

// scanPeople runs a person query and scans every row; limit is the most
// rows it returns (the slice is sized once for up to 1024 of them).
func (s *Service) scanPeople(ctx context.Context, tx *db.Tx, actor app.Actor, limit int, q string, args ...any) ([]Person, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Person, 0, min(limit, 1024))
	for rows.Next() {
		p, err := s.scanPerson(rows, actor)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// scopeRange is the one index range of org paths that covers a
// scope made only of path prefixes; ok is false for any other scope.
func scopeRange(sc app.Scope) (r db.KeyRange, ok bool) {
	if sc.All || len(sc.Prefixes) == 0 || len(sc.OrgIDs) > 0 || sc.SelfPersonID != 0 {
		return r, false
	}
	r.Lo = slices.Min(sc.Prefixes)
	for _, p := range sc.Prefixes {
		end := db.PrefixEnd(p)
		if end == "" {
			return db.KeyRange{}, false
		}
		r.Hi = max(r.Hi, end)
	}
	return r, true
}
