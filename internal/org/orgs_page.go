package org

import (
	"context"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// OrgPage is one page of the organisation list.
type OrgPage struct {
	Orgs        []Org
	Total       int  // organisations of the filter in scope: exact, or CountCap+1 meaning more than CountCap
	AtLeast     bool // Total is only "more than CountCap"
	More, Less  bool // rows follow the last / precede the first
	First, Last db.PageKey
}

// OrgKey is o's keyset cursor in list order (path, id).
func OrgKey(o Org) db.PageKey { return db.PageKey{Text: o.Path, ID: o.ID} }

// OrgPageFilter is an OrgFilter with the page asked for: after the key
// After, ending before Before, or Offset rows in (a deep link ?page=N).
type OrgPageFilter struct {
	OrgFilter
	After, Before db.PageKey
}

// FindOrgsPage lists one page of organisations in the actor's scope, read
// from the index (active, path, id) from the key on, never the whole
// scoped set; the total is exact when exact is set, else exact up to
// CountCap and past it "more than CountCap" (AtLeast).
func (s *Service) FindOrgsPage(ctx context.Context, actor app.Actor, f OrgPageFilter, exact bool) (OrgPage, error) {
	if err := actor.Require(auth.PermOrgView); err != nil {
		return OrgPage{}, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	pg, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (OrgPage, error) {
		where, args := orgListWhere(actor, f.OrgFilter)
		if f.Offset > 0 && f.After.IsZero() && f.Before.IsZero() {
			k, ok, err := orgKeyAt(ctx, tx, where, args, f.Offset-1)
			if err != nil || !ok {
				return OrgPage{}, err
			}
			f.After = k
		}
		q, qargs := orgPageQuery(actor, f)
		list, err := db.QueryAll(ctx, tx, scanOrg, q, qargs...)
		if err != nil {
			return OrgPage{}, err
		}
		pg := pageOfOrgs(list, f)
		pg.Total, pg.AtLeast, err = countOrgs(ctx, tx, where, args, exact)
		return pg, err
	})
	return pg, failed(err, "find orgs page")
}

// orgListWhere is f in actor's scope with the scope's path range spelt
// out, so the count and the key walk seek the list index to the range.
func orgListWhere(actor app.Actor, f OrgFilter) (string, []any) {
	where, args := f.where(actor)
	r, _ := scopeRange(actor.Scope)
	cond, cargs := db.KeysetWhere("o.path", "o.id", r, db.PageKey{}, false)
	return where + " AND " + cond, append(slices.Clip(args), cargs...)
}

// pageOfOrgs trims the limit+1 rows read to the page and sets its links.
func pageOfOrgs(list []Org, f OrgPageFilter) OrgPage {
	pg := OrgPage{Less: !f.After.IsZero(), More: !f.Before.IsZero()}
	extra := len(list) > f.Limit
	if extra {
		list = list[:f.Limit]
	}
	if !f.Before.IsZero() {
		slices.Reverse(list)
		pg.Less = extra
	} else {
		pg.More = extra
	}
	pg.Orgs = list
	if len(list) > 0 {
		pg.First, pg.Last = OrgKey(list[0]), OrgKey(list[len(list)-1])
	}
	return pg
}

// orgPageQuery is the query of the page f asks for: limit+1 rows after
// f.After in list order, or before f.Before in reverse.
func orgPageQuery(actor app.Actor, f OrgPageFilter) (string, []any) {
	where, args := f.where(actor)
	r, _ := scopeRange(actor.Scope)
	key, before := f.After, false
	if !f.Before.IsZero() {
		key, before = f.Before, true
	}
	cond, cargs := db.KeysetWhere("o.path", "o.id", r, key, before)
	order := " ORDER BY o.path, o.id LIMIT ?"
	if before {
		order = " ORDER BY o.path DESC, o.id DESC LIMIT ?"
	}
	return orgSelect + " WHERE " + where + " AND " + cond + order, append(append(slices.Clip(args), cargs...), f.Limit+1)
}

// orgKeyAt is the key of row n (from 0) of the list; ok is false past the
// end.
func orgKeyAt(ctx context.Context, tx *db.Tx, where string, args []any, n int) (db.PageKey, bool, error) {
	var k db.PageKey
	err := tx.QueryRow(ctx, orgKeyAtQuery(where), append(slices.Clip(args), n)...).Scan(&k.Text, &k.ID)
	if db.IsNoRows(err) {
		return k, false, nil
	}
	return k, err == nil, err
}

func orgKeyAtQuery(where string) string {
	return "SELECT o.path, o.id FROM orgs o JOIN regions r ON r.code = o.region_code WHERE " + where +
		" ORDER BY o.path, o.id LIMIT 1 OFFSET ?"
}

// countOrgs counts the list: exactly, or up to CountCap+1.
func countOrgs(ctx context.Context, tx *db.Tx, where string, args []any, exact bool) (int, bool, error) {
	if exact {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM "+orgCountFrom(where)+" WHERE "+where, args...)
		return n, false, err
	}
	n, err := tx.Count(ctx, orgCountCapQuery(where), append(slices.Clip(args), CountCap+1)...)
	return n, n > CountCap, err
}

func orgCountCapQuery(where string) string {
	return "SELECT COUNT(*) FROM (SELECT 1 FROM " + orgCountFrom(where) + " WHERE " + where + " LIMIT ?) c"
}

// orgCountFrom is the FROM of a count of where: orgs alone, read from the
// index (active, path, id), unless where filters on the region (alias r),
// which every org has, so the join changes no count.
func orgCountFrom(where string) string {
	if strings.Contains(" "+where, " r.") || strings.Contains(where, "(r.") {
		return "orgs o JOIN regions r ON r.code = o.region_code"
	}
	return "orgs o"
}
