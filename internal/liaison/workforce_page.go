package liaison

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// researcherKeyCol is the roster's sort key: office name, then name. The
// list is ordered by it and the id, and a page continues after the last
// (key, id), so no page is skipped or repeated when researchers are added.
const researcherKeyCol = "COALESCE(off.name, '') || ' ' || p.name"

// ResearcherKey is r's keyset cursor in the roster order.
func ResearcherKey(r Researcher) db.PageKey {
	return db.PageKey{Text: r.OfficeName + " " + r.Name, ID: r.ID}
}

// ResearcherPage is one page of the roster.
type ResearcherPage struct {
	Researchers []Researcher
	Total       int  // researchers matching the filter in scope
	More, Less  bool // rows follow the last / precede the first
	First, Last db.PageKey
}

// FindResearchersPage lists one page (limit rows, 50 when 0) of the roster
// FindResearchers lists: after the key after, or ending before the key
// before, or from the start; with the exact total. The order is kept as
// keys at report_version (rosterOf), so a page reads the version and its
// own rows by id; when the order is stale it is read again from the
// partial index people_researchers, never from every person of the scope.
// Needs visit.view.
func (s *Service) FindResearchersPage(ctx context.Context, actor app.Actor, f ResearcherFilter, after, before db.PageKey, limit int) (ResearcherPage, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return ResearcherPage{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (ResearcherPage, error) {
		keys, err := rosterOf(ctx, tx, s.DB, actor, f)
		if err != nil {
			return ResearcherPage{}, err
		}
		win, extra := rosterWindow(keys, after, before, limit)
		pg := ResearcherPage{Total: len(keys), Less: !after.IsZero(), More: !before.IsZero()}
		if !before.IsZero() {
			pg.Less = extra
		} else {
			pg.More = extra
		}
		if pg.Researchers, err = researchersByID(ctx, tx, actor, f, win); err != nil {
			return ResearcherPage{}, err
		}
		if len(win) > 0 {
			pg.First, pg.Last = win[0], win[len(win)-1]
		}
		return pg, nil
	})
}
