package org

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// groupLookup holds what a groups import reads before its rows: the
// people its leaders and members name (by id_hash, with the organisation
// their scope is checked against) and the groups already registered at
// its schools, 500 keys a query instead of a query per member and group.
type groupLookup struct {
	people map[string]groupPerson // id_hash → active person
	groups map[groupKey]int64     // school + name → teaching_groups.id
	refs   map[int64]Member       // people found in the actor's scope, for saveMembers
}

type groupPerson struct {
	id, orgID int64
	name      string
	path      string
}

type groupKey struct {
	org  int64
	name string
}

// newGroupLookup reads the people and groups rows refer to.
func (s *Service) newGroupLookup(ctx context.Context, tx *db.Tx, idx orgIndex, rows []GroupRow) (*groupLookup, error) {
	l := &groupLookup{people: map[string]groupPerson{}, groups: map[groupKey]int64{}, refs: map[int64]Member{}}
	var hashes, orgs []any
	seenOrg, seenHash := map[int64]bool{}, map[string]bool{}
	for _, r := range rows {
		for _, n := range append([]string{r.Leader}, r.Members...) {
			if h := s.Keys.Lookup(NormalizeIDNumber(n)); n != "" && !seenHash[h] {
				seenHash[h] = true
				hashes = append(hashes, h)
			}
		}
		if o, ok := idx[r.School]; ok && o.ID > 0 && !seenOrg[o.ID] {
			seenOrg[o.ID] = true
			orgs = append(orgs, o.ID)
		}
	}
	err := inChunks(hashes, func(part []any) error {
		return scanRows(ctx, tx, func(r db.Scanner) error {
			var p groupPerson
			var h string
			var active bool
			err := r.Scan(&h, &p.id, &p.name, &p.path, &p.orgID, &active)
			if active {
				l.people[h] = p
			}
			return err
		}, // active is checked here, not in WHERE: given it, SQLite walks the (active, org_path) index over every person
			`SELECT p.id_hash, p.id, p.name, o.path, o.id, p.active FROM people p JOIN orgs o ON o.id = p.org_id
			WHERE p.id_hash IN (`+db.In(len(part))+")", part...)
	})
	if err != nil {
		return nil, err
	}
	return l, inChunks(orgs, func(part []any) error {
		return scanRows(ctx, tx, func(r db.Scanner) error {
			var k groupKey
			var id int64
			err := r.Scan(&id, &k.org, &k.name)
			l.groups[k] = id
			return err
		}, "SELECT id, org_id, name FROM teaching_groups WHERE org_id IN ("+db.In(len(part))+")", part...)
	})
}

// person finds the active person with idNumber in the actor's scope;
// field names the row's column in the message when there is none.
func (l *groupLookup) person(s *Service, actor app.Actor, idNumber, field string) (int64, error) {
	if idNumber == "" {
		return 0, nil
	}
	norm := NormalizeIDNumber(idNumber)
	p, ok := l.people[s.Keys.Lookup(norm)]
	if !ok || !auth.InScope(actor, p.path, p.orgID, p.id) {
		return 0, app.Invalid(field, "身份证号 %s 的人员不存在或不在您的管辖范围内", maskedID(norm))
	}
	l.refs[p.id] = Member{ID: p.id, Name: p.name}
	return p.id, nil
}

// inChunks calls fn with keys 500 at a time.
func inChunks(keys []any, fn func([]any) error) error {
	for from := 0; from < len(keys); from += 500 {
		if err := fn(keys[from:min(len(keys), from+500)]); err != nil {
			return err
		}
	}
	return nil
}

// scanRows runs q and calls scan for every row.
func scanRows(ctx context.Context, tx *db.Tx, scan func(db.Scanner) error, q string, args ...any) error {
	rs, err := tx.Query(ctx, q, args...)
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
