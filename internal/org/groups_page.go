package org

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// ListPage is one page of a keyset-paged list of organisations' rows
// (teaching groups, studios).
type ListPage[T any] struct {
	Rows        []T
	Total       int  // exact, or CountCap+1 meaning more than CountCap
	AtLeast     bool // Total is only "more than CountCap"
	More, Less  bool // rows follow the last / precede the first
	First, Last db.PageKey
}

func listPageOf[T any](k keyedPage[T]) ListPage[T] {
	return ListPage[T]{Rows: k.Rows, Total: k.Total, AtLeast: k.AtLeast, More: k.More, Less: k.Less, First: k.First, Last: k.Last}
}

var groupList = keyedQueries{sel: groupSelect, from: "FROM teaching_groups g", alias: "g"}

// GroupKey is g's cursor in list order (organisation path, id).
func GroupKey(g Group) db.PageKey { return db.PageKey{Text: g.OrgPath, ID: g.ID} }

// groupConds are f's filters on alias g.
func groupConds(f GroupFilter) (string, []any) {
	var q string
	var args []any
	add := func(cond string, v ...any) { q += " AND " + cond; args = append(args, v...) }
	if f.OrgID != 0 { // the org_path equality keeps the read on the list index
		add("g.org_id = ? AND g.org_path = (SELECT path FROM orgs WHERE id = ?)", f.OrgID, f.OrgID)
	}
	if f.Kind != "" {
		add("g.kind = ?", f.Kind)
	}
	if f.Text != "" {
		add("g.name LIKE ?", "%"+f.Text+"%")
	}
	return q, args
}

// FindGroupsPage lists one page of active teaching groups in the actor's
// scope in list order (organisation, then filing), read from the index
// (active, org_path, id) from the key on; the total is exact when exact is
// set, else exact up to CountCap and past it AtLeast.
func (s *Service) FindGroupsPage(ctx context.Context, actor app.Actor, f GroupFilter, exact bool) (ListPage[Group], error) {
	if err := actor.Require(auth.PermGroupView); err != nil {
		return ListPage[Group]{}, err
	}
	conds, args := groupConds(f)
	pg, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (keyedPage[Group], error) {
		return readKeyed(ctx, tx, groupList, actor, "", conds, args,
			keyedFilter{After: f.After, Before: f.Before, Offset: f.Offset, Limit: f.Limit}, exact, scanGroup, GroupKey)
	})
	return listPageOf(pg), failed(err, "find groups page")
}

var studioList = keyedQueries{sel: studioSelect, from: "FROM studios s", alias: "s"}

// StudioKey is st's cursor in list order (organisation path, id).
func StudioKey(st Studio) db.PageKey { return db.PageKey{Text: st.OrgPath, ID: st.ID} }

// StudioFilter narrows FindStudiosPage and names the page.
type StudioFilter struct {
	Level         string
	Text          string
	Offset, Limit int
	After, Before db.PageKey
}

// FindStudiosPage lists one page of active 名师工作室 in the actor's scope
// (the host's organisation, or the host), in list order (organisation,
// then id), read from the index (active, org_path, id); totals as
// FindGroupsPage.
func (s *Service) FindStudiosPage(ctx context.Context, actor app.Actor, f StudioFilter, exact bool) (ListPage[Studio], error) {
	if err := actor.Require(auth.PermGroupView); err != nil {
		return ListPage[Studio]{}, err
	}
	var conds string
	var args []any
	if f.Level != "" {
		conds, args = conds+" AND s.level = ?", append(args, f.Level)
	}
	if f.Text != "" {
		conds, args = conds+" AND s.name LIKE ?", append(args, "%"+f.Text+"%")
	}
	pg, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (keyedPage[Studio], error) {
		return readKeyed(ctx, tx, studioList, actor, "s.host_id", conds, args,
			keyedFilter{After: f.After, Before: f.Before, Offset: f.Offset, Limit: f.Limit}, exact, scanStudio, StudioKey)
	})
	return listPageOf(pg), failed(err, "find studios page")
}
