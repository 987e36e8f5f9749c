package liaison

import (
	"context"
	"slices"

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
// before, or from the start; with the exact total. The researchers are read
// from the partial index people_researchers, never from every person of
// the scope. Needs visit.view.
func (s *Service) FindResearchersPage(ctx context.Context, actor app.Actor, f ResearcherFilter, after, before db.PageKey, limit int) (ResearcherPage, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return ResearcherPage{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (ResearcherPage, error) {
		q, args := researcherPageQuery(actor, f, after, before, limit)
		list, err := db.QueryAll(ctx, tx, scanResearcher, q, args...)
		if err != nil {
			return ResearcherPage{}, err
		}
		pg := ResearcherPage{Less: !after.IsZero(), More: !before.IsZero()}
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
		pg.Researchers = list
		if len(list) > 0 {
			pg.First, pg.Last = ResearcherKey(list[0]), ResearcherKey(list[len(list)-1])
		}
		conds, cargs := researcherConds(actor, f)
		pg.Total, err = tx.Count(ctx, "SELECT COUNT(*)"+researcherCountFrom(f)+conds, cargs...)
		return pg, err
	})
}

// researcherCountFrom is researcherFrom without the office join when f
// filters on nothing of the office: a LEFT JOIN on the key adds no rows, so
// the count is the same without reading each researcher's office.
func researcherCountFrom(f ResearcherFilter) string {
	if f.Region != "" {
		return researcherFrom
	}
	return ` FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.researcher_kind <> '' AND p.active = TRUE`
}

// researcherPageQuery is the roster query of one page: limit+1 rows after
// the key after, or before the key before in reverse order.
func researcherPageQuery(actor app.Actor, f ResearcherFilter, after, before db.PageKey, limit int) (string, []any) {
	conds, args := researcherConds(actor, f)
	q := researcherSelect + conds
	order := " ORDER BY " + researcherKeyCol + ", p.id LIMIT ?"
	switch {
	case !before.IsZero():
		q += " AND (" + researcherKeyCol + " < ? OR (" + researcherKeyCol + " = ? AND p.id < ?))"
		args = append(args, before.Text, before.Text, before.ID)
		order = " ORDER BY " + researcherKeyCol + " DESC, p.id DESC LIMIT ?"
	case !after.IsZero():
		q += " AND (" + researcherKeyCol + " > ? OR (" + researcherKeyCol + " = ? AND p.id > ?))"
		args = append(args, after.Text, after.Text, after.ID)
	}
	return q + order, append(args, limit+1)
}
