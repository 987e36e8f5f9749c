package liaison

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// VisitKey is v's keyset cursor in the visit list's order (newest first).
func VisitKey(v Visit) db.PageKey { return db.PageKey{Text: v.StartDate, ID: v.ID} }

// VisitPage is one page of the visit list.
type VisitPage struct {
	Visits      []Visit
	Total       int  // visits matching the filter in scope
	More, Less  bool // visits follow the last / precede the first
	First, Last db.PageKey
}

// FindVisitsPage lists one page (limit rows, 50 when 0) of the visits
// FindVisits lists, newest first: older than the key after, or newer than
// the key before, or from the newest. A page seeks its rows through
// visits_start (migration 0067) instead of sorting every visit in scope,
// and the total is kept per scope and filter at report_version (which every
// visit and organisation write raises), so it is counted once per change,
// not once per page. Needs visit.view.
func (s *Service) FindVisitsPage(ctx context.Context, actor app.Actor, f VisitFilter, after, before db.PageKey, limit int) (VisitPage, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return VisitPage{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	f.Offset, f.Limit = 0, 0
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (VisitPage, error) {
		q, args := visitPageQuery(actor, f, after, before, limit)
		list, err := db.QueryAll(ctx, tx, scanVisit, q, args...)
		if err != nil {
			return VisitPage{}, err
		}
		pg := VisitPage{Less: !after.IsZero(), More: !before.IsZero()}
		extra := len(list) > limit
		if extra {
			list = list[:limit]
		}
		if !before.IsZero() {
			slices.Reverse(list)
			pg.Less = extra
		} else {
			pg.More = extra
		}
		pg.Visits = list
		if len(list) > 0 {
			pg.First, pg.Last = VisitKey(list[0]), VisitKey(list[len(list)-1])
		}
		pg.Total, err = s.visitTotal(ctx, tx, actor, f)
		return pg, err
	})
}

// visitPageQuery reads limit+1 visits of f older than after, or newer than
// before (in reverse order), or the newest.
func visitPageQuery(actor app.Actor, f VisitFilter, after, before db.PageKey, limit int) (string, []any) {
	where, args := visitFilterWhere(actor, f)
	order := " ORDER BY v.start_date DESC, v.id DESC LIMIT ?"
	switch {
	case !before.IsZero():
		where += " AND (v.start_date > ? OR (v.start_date = ? AND v.id > ?))"
		args = append(args, before.Text, before.Text, before.ID)
		order = " ORDER BY v.start_date, v.id LIMIT ?"
	case !after.IsZero():
		where += " AND (v.start_date < ? OR (v.start_date = ? AND v.id < ?))"
		args = append(args, after.Text, after.Text, after.ID)
	}
	return visitSelect + " WHERE " + where + order, append(args, limit+1)
}

// visitTotals holds, per database, scope and filter, the visit count and
// the report_version it was counted at.
var visitTotals sync.Map

// maxVisitTotalsKept bounds the stores between two clearings of visitTotals.
const maxVisitTotalsKept = 512

var visitTotalsKeptSince atomic.Int64

type visitTotalKey struct {
	db    *db.DB
	scope string
	f     VisitFilter
}

type visitTotal struct{ version, n int64 }

// visitTotal is the number of visits of f in actor's scope, kept at
// report_version and counted again inside tx when that has moved.
func (s *Service) visitTotal(ctx context.Context, tx *db.Tx, actor app.Actor, f VisitFilter) (int, error) {
	var version int64
	if err := tx.QueryRow(ctx, "SELECT version FROM report_version WHERE id = 1").Scan(&version); err != nil {
		return 0, err
	}
	key := visitTotalKey{db: s.DB, scope: fmt.Sprint(actor.Scope, actor.PersonID), f: f}
	if v, ok := visitTotals.Load(key); ok && v.(visitTotal).version == version {
		return int(v.(visitTotal).n), nil
	}
	where, args := visitFilterWhere(actor, f)
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM visits v JOIN orgs o ON o.id = v.school_id WHERE "+where, args...)
	if err != nil {
		return 0, err
	}
	if visitTotalsKeptSince.Add(1) > maxVisitTotalsKept {
		visitTotalsKeptSince.Store(0)
		visitTotals.Clear()
	}
	visitTotals.Store(key, visitTotal{version: version, n: int64(n)})
	return n, nil
}
