package org

import (
	"context"
	"math"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// exportBatch is how many people EachPerson reads per batch.
var exportBatch = 1000

// EachPerson calls fn with every person of f in the actor's scope, in list
// order (masked unless the actor holds person.sensitive), until fn returns
// false. It reads batches of exportBatch by key, each batch in one short
// read, so neither the result set nor a long transaction is held.
func (s *Service) EachPerson(ctx context.Context, actor app.Actor, f PersonFilter, fn func(Person) bool) error {
	if err := actor.Require(auth.PermPersonView); err != nil {
		return err
	}
	f.Limit, f.Offset, f.Before = exportBatch, 0, db.PageKey{}
	for {
		people, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Person, error) { return s.personBatch(ctx, tx, actor, f) })
		if err != nil {
			return failed(err, "export people")
		}
		for _, p := range people {
			if !fn(p) {
				return nil
			}
		}
		if len(people) < f.Limit {
			return nil
		}
		f.After = PersonKey(people[len(people)-1])
	}
}

// personBatch is the next f.Limit people after f.After, read so that both
// databases seek the index (active, org_path, id) straight to the key. The
// rest of the key's organisation comes first (org_path = ? AND id > ?:
// SQLite cannot start a range at a row value (org_path, id) whose id is the
// rowid, and would read the organisation from its first row), then the
// organisations after it ((org_path, id) > (key's path, the largest id):
// the range starts past the key's organisation on both).
func (s *Service) personBatch(ctx context.Context, tx *db.Tx, actor app.Actor, f PersonFilter) ([]Person, error) {
	if f.After.IsZero() {
		where, args := s.personWhere(actor, f)
		q, qargs := peoplePageQuery(f, where, args)
		out, err := s.scanPeople(ctx, tx, actor, f.Limit+1, q, qargs...)
		return out[:min(len(out), f.Limit)], err
	}
	q, qargs := s.restOfOrgQuery(actor, f)
	out, err := s.scanPeople(ctx, tx, actor, f.Limit, q, qargs...)
	if err != nil || len(out) == f.Limit {
		return out, err
	}
	next := afterOrg(f, f.Limit-len(out))
	where, args := s.personWhere(actor, next)
	q, qargs = peoplePageQuery(next, where, args)
	rest, err := s.scanPeople(ctx, tx, actor, next.Limit+1, q, qargs...)
	return append(out, rest[:min(len(rest), next.Limit)]...), err
}

// restOfOrgQuery reads up to f.Limit people of f.After's organisation
// after it.
func (s *Service) restOfOrgQuery(actor app.Actor, f PersonFilter) (string, []any) {
	where, args := s.personWhere(actor, f)
	return personSelect + " WHERE " + where + " AND p.org_path = ? AND p.id > ? ORDER BY p.org_path, p.id LIMIT ?",
		append(slices.Clip(args), f.After.Text, f.After.ID, f.Limit)
}

// afterOrg is f continued past every person of f.After's organisation,
// for n more people.
func afterOrg(f PersonFilter, n int) PersonFilter {
	f.After, f.Limit = db.PageKey{Text: f.After.Text, ID: math.MaxInt64}, n
	return f
}
