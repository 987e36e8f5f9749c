package org

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// PeopleListQueries are the queries one people list page runs for actor
// (the page after a key, the deep-link key walk, the cheap count), for
// query-plan tests.
func (s *Service) PeopleListQueries(actor app.Actor, f PersonFilter) map[string][]any {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	pw, pa := s.personWhere(actor, f)
	page, pageArgs := peoplePageQuery(f, pw, pa)
	base := f
	base.After, base.Before = db.PageKey{}, db.PageKey{}
	where, args := s.personWhere(actor, base)
	return map[string][]any{
		page: pageArgs,
		"SELECT p.org_path, p.id FROM people p WHERE " + where + " ORDER BY p.org_path, p.id LIMIT 1 OFFSET ?": append(args[:len(args):len(args)], 500),
		"SELECT COUNT(*) FROM (SELECT 1 FROM people p WHERE " + where + " LIMIT ?) c":                          append(args[:len(args):len(args)], CountCap+1),
	}
}

// SetExportBatch sets EachPerson's batch size for a test and returns the
// function that restores it.
func SetExportBatch(n int) func() {
	old := exportBatch
	exportBatch = n
	return func() { exportBatch = old }
}

// OrgListQueries are the queries of one organisation list page, for the
// plan test.
func (s *Service) OrgListQueries(actor app.Actor, f OrgPageFilter) map[string][]any {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	page, pageArgs := orgPageQuery(actor, f)
	where, args := orgListWhere(actor, f.OrgFilter)
	return map[string][]any{
		page:                    pageArgs,
		orgKeyAtQuery(where):    append(args[:len(args):len(args)], 500),
		orgCountCapQuery(where): append(args[:len(args):len(args)], CountCap+1),
	}
}

// GroupListQueries and StudioListQueries are the queries of one page of
// those lists (the page, the deep-link key walk, the capped count).
func (s *Service) GroupListQueries(actor app.Actor, f GroupFilter) map[string][]any {
	conds, args := groupConds(f)
	return keyedListQueries(groupList, actor, "", conds, args, f.After, f.Before)
}

func (s *Service) StudioListQueries(actor app.Actor, after, before db.PageKey) map[string][]any {
	return keyedListQueries(studioList, actor, "s.host_id", "", nil, after, before)
}

func keyedListQueries(k keyedQueries, actor app.Actor, personCol, extra string, extraArgs []any, after, before db.PageKey) map[string][]any {
	base, bargs := keyedScope(actor, k.alias, personCol, db.PageKey{}, false)
	base, bargs = base+extra, append(bargs, extraArgs...)
	cursor, back := after, false
	if !before.IsZero() {
		cursor, back = before, true
	}
	where, args := keyedScope(actor, k.alias, personCol, cursor, back)
	page, pargs := k.pageQuery(where+extra, append(args, extraArgs...), back, 50)
	return map[string][]any{
		page:               pargs,
		k.keyAtQuery(base): append(bargs[:len(bargs):len(bargs)], 500),
		k.countQuery(base): append(bargs[:len(bargs):len(bargs)], CountCap+1),
	}
}

// PersonBatchQueries are the two queries of one EachPerson batch after
// f.After (the rest of its organisation, then the organisations after it),
// for the plan test.
func (s *Service) PersonBatchQueries(actor app.Actor, f PersonFilter) (inOrg string, inOrgArgs []any, past string, pastArgs []any) {
	f.Limit = exportBatch
	inOrg, inOrgArgs = s.restOfOrgQuery(actor, f)
	next := afterOrg(f, f.Limit)
	where, nargs := s.personWhere(actor, next)
	past, pastArgs = peoplePageQuery(next, where, nargs)
	return inOrg, inOrgArgs, past, pastArgs
}
