package org

import (
	"context"
	"fmt"
	"sync"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Figure keys of org_figures: each row counts one organisation alone, never
// its subtree; a subtree's figure is the sum over the orgs under its path.
const (
	FigureSchools     = "schools"     // 1 for an active school or teaching point
	FigurePeople      = "people"      // active people at the org
	FigureResearchers = "researchers" // active people with a researcher kind
	figureTitle       = "title:"      // + 职称 code: active people by title
)

// personFigures is what a person row contributes to org_figures.
type personFigures struct {
	OrgID      int64
	Title      string
	Researcher bool
	Active     bool
}

// loadPersonFigures reads what person id contributes now, inside tx.
func loadPersonFigures(ctx context.Context, tx *db.Tx, id int64) (personFigures, error) {
	var f personFigures
	err := tx.QueryRow(ctx, "SELECT org_id, title, researcher_kind <> '', active FROM people WHERE id = ?", id).
		Scan(&f.OrgID, &f.Title, &f.Researcher, &f.Active)
	return f, err
}

// movePersonFigures takes old's contribution off and adds nw's, in the
// caller's write transaction.
func (s *Service) movePersonFigures(ctx context.Context, tx *db.Tx, old, nw personFigures) error {
	if old == nw {
		return nil
	}
	if err := s.addPersonFigures(ctx, tx, old, -1); err != nil {
		return err
	}
	return s.addPersonFigures(ctx, tx, nw, 1)
}

// addPersonFigures adds sign times an active person's counts; an inactive
// person counts nothing.
func (s *Service) addPersonFigures(ctx context.Context, tx *db.Tx, f personFigures, sign int) error {
	if !f.Active || f.OrgID == 0 {
		return nil
	}
	keys := []string{FigurePeople, figureTitle + f.Title}
	if f.Researcher {
		keys = append(keys, FigureResearchers)
	}
	for _, k := range keys {
		if err := s.addFigure(ctx, tx, f.OrgID, k, sign); err != nil {
			return err
		}
	}
	return nil
}

// addSchoolFigure counts an org as an active school (sign 1) or no longer
// (sign -1); other kinds count nothing.
func (s *Service) addSchoolFigure(ctx context.Context, tx *db.Tx, orgID int64, kind string, sign int) error {
	if kind != KindSchool && kind != KindTeachingPoint {
		return nil
	}
	return s.addFigure(ctx, tx, orgID, FigureSchools, sign)
}

// addFigure adds delta to one figure of one org, creating the row.
func (s *Service) addFigure(ctx context.Context, tx *db.Tx, orgID int64, key string, delta int) error {
	_, err := tx.Exec(ctx, `INSERT INTO org_figures (org_id, figure, value, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, figure) DO UPDATE SET value = org_figures.value + excluded.value, updated_at = excluded.updated_at`,
		orgID, key, delta, s.now())
	if err == nil {
		_, err = tx.Exec(ctx, "UPDATE org_figures_version SET version = version + 1 WHERE id = 1")
	}
	return err
}

// Figures are summed org_figures of a scope, with the time of the newest
// change among them (zero when there is none).
type Figures struct {
	Values  map[string]int
	Changed time.Time
}

// figuresWhere sums org_figures over the orgs matching where (on alias o).
func figuresWhere(ctx context.Context, tx *db.Tx, where string, args []any) (Figures, error) {
	q := "SELECT f.figure, SUM(f.value), MAX(f.updated_at) FROM org_figures f GROUP BY f.figure"
	if where != "(1=1)" {
		q = "SELECT f.figure, SUM(f.value), MAX(f.updated_at) FROM org_figures f JOIN orgs o ON o.id = f.org_id WHERE " +
			where + " GROUP BY f.figure"
	}
	fs := Figures{Values: map[string]int{}}
	var newest int64
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return fs, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v, at int64
		if err := rows.Scan(&k, &v, &at); err != nil {
			return fs, err
		}
		fs.Values[k], newest = int(v), max(newest, at)
	}
	if newest > 0 {
		fs.Changed = time.UnixMilli(newest)
	}
	return fs, rows.Err()
}

// FiguresInScope sums the maintained figures over every organisation the
// actor's scope covers. It does not check permissions. A scope's sum is
// kept in this process and reused while org_figures_version has not moved
// (read in the same transaction, so the sum and the version agree), so a
// whole city costs one indexed read until a person or school changes.
func (s *Service) FiguresInScope(ctx context.Context, actor app.Actor) (Figures, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Figures, error) {
		where, args := scopeWhere(actor, "")
		return s.sumFigures(ctx, tx, where, args)
	})
}

// sumFigures is figuresWhere through the process's cache: the sum for
// (where, args) is reused while org_figures_version, read in tx, has not
// moved since it was summed.
func (s *Service) sumFigures(ctx context.Context, tx *db.Tx, where string, args []any) (Figures, error) {
	var version int64
	if err := tx.QueryRow(ctx, "SELECT version FROM org_figures_version WHERE id = 1").Scan(&version); err != nil {
		return Figures{}, err
	}
	key := figureCacheKey{db: s.DB, scope: fmt.Sprint(where, args)}
	if c, ok := figureCache.Load(key); ok && c.(cachedFigures).version == version {
		return c.(cachedFigures).figures.clone(), nil
	}
	fs, err := figuresWhere(ctx, tx, where, args)
	if err == nil {
		figureCache.Store(key, cachedFigures{version: version, figures: fs.clone()})
	}
	return fs, err
}

// figureCache holds, per database and scope, the summed figures and the
// org_figures_version they were summed at.
var figureCache sync.Map

type figureCacheKey struct {
	db    *db.DB
	scope string
}

type cachedFigures struct {
	version int64
	figures Figures
}

// clone copies f so a caller may change its map without touching the cache.
func (f Figures) clone() Figures {
	out := Figures{Values: make(map[string]int, len(f.Values)), Changed: f.Changed}
	for k, v := range f.Values {
		out.Values[k] = v
	}
	return out
}
