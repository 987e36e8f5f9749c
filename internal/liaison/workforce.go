package liaison

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// Researcher is one member of the 教研员队伍 as the roster, the workload card
// and the dashboards see them. Region is the region of their 教研机构 (the
// office, else the organisation they belong to): its rules apply to them.
type Researcher struct {
	ID            int64
	Name          string
	Kind          string // fulltime, parttime
	Subject       string
	Stage         string
	OfficeID      int64
	OfficeName    string
	OrgID         int64
	OrgPath       string
	Region        string
	Title         string
	Education     string
	TeachingSince int
}

// KindName is 专职 or 兼职.
func (r Researcher) KindName() string { return org.ResearcherKindNames[r.Kind] }

// TitleName is the Chinese 职称.
func (r Researcher) TitleName() string { return org.TitleNames[r.Title] }

// EducationName is the Chinese 学历.
func (r Researcher) EducationName() string { return org.EducationNames[r.Education] }

// StageName is the Chinese 学段.
func (r Researcher) StageName() string { return org.StageNames[r.Stage] }

// ResearcherFilter narrows FindResearchers; zero fields do not filter.
type ResearcherFilter struct {
	Kind     string
	Subject  string
	Stage    string
	OfficeID int64
	Region   string // the region and everything below it
}

// researcherFrom is the roster's tables and the condition every roster
// query starts with.
const researcherFrom = ` FROM people p JOIN orgs o ON o.id = p.org_id LEFT JOIN orgs off ON off.id = p.office_id
	WHERE p.researcher_kind <> '' AND p.active = TRUE`

const researcherSelect = researcherColumns + researcherFrom

// researcherColumns are what scanResearcher reads.
const researcherColumns = `SELECT p.id, p.name, p.researcher_kind, p.researcher_subject, p.researcher_stage,
	COALESCE(p.office_id, 0), COALESCE(off.name, ''), o.id, o.path, COALESCE(off.region_code, o.region_code),
	p.title, p.education, p.teaching_since`

func scanResearcher(r db.Scanner) (Researcher, error) {
	var x Researcher
	err := r.Scan(&x.ID, &x.Name, &x.Kind, &x.Subject, &x.Stage, &x.OfficeID, &x.OfficeName, &x.OrgID, &x.OrgPath,
		&x.Region, &x.Title, &x.Education, &x.TeachingSince)
	return x, err
}

// researcherScope admits researchers in the actor's scope and the actor.
// A scope of region prefixes alone (a county or city administrator) is
// also spelt as a range of p.org_path, so the researchers are read from
// people_researchers_path (active, org_path, id), not from every
// researcher of a province.
func researcherScope(actor app.Actor) (string, []any) {
	where, args := auth.ScopeWhere(actor, "o.path", "o.id", "p.id")
	if lo, hi, ok := prefixRange(actor.Scope); ok {
		// repeated inside the parentheses so the branch of an OR with the
		// actor's own id still matches the partial index
		where, args = "("+where+" AND p.researcher_kind <> '' AND p.active = TRUE AND p.org_path >= ? AND p.org_path < ?)",
			append(args, lo, hi)
	}
	if actor.PersonID != 0 {
		where = "(" + where + " OR p.id = ?)"
		args = append(args, actor.PersonID)
	}
	return where, args
}

// prefixRange is the smallest range [lo, hi) of paths holding every path
// that starts with one of the scope's prefixes, for a scope of prefixes
// alone; ok is false for any other scope.
func prefixRange(sc app.Scope) (lo, hi string, ok bool) {
	if sc.All || len(sc.Prefixes) == 0 || len(sc.OrgIDs) > 0 || sc.SelfPersonID != 0 {
		return "", "", false
	}
	lo = slices.Min(sc.Prefixes)
	for _, p := range sc.Prefixes {
		end := db.PrefixEnd(p)
		if end == "" {
			return "", "", false
		}
		hi = max(hi, end)
	}
	return lo, hi, true
}

// FindResearchers lists the active researchers (专职 and 兼职) the actor may
// see, by office and name. Needs visit.view.
func (s *Service) FindResearchers(ctx context.Context, actor app.Actor, f ResearcherFilter) ([]Researcher, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	var out []Researcher
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = findResearchers(ctx, tx, actor, f)
		return err
	})
	return out, err
}

func findResearchers(ctx context.Context, tx *db.Tx, actor app.Actor, f ResearcherFilter) ([]Researcher, error) {
	q, args := researcherQuery(actor, f)
	list, err := db.QueryAll(ctx, tx, scanResearcher, q, args...)
	sortRoster(list)
	return list, err
}

// researcherQuery is the roster query of f in the actor's scope, unordered
// (findResearchers puts the rows in roster order, the same on both
// databases). Its "p.researcher_kind <> ”" lets both databases read the
// few hundred researchers from the partial index people_researchers.
func researcherQuery(actor app.Actor, f ResearcherFilter) (string, []any) {
	conds, args := researcherConds(actor, f)
	return researcherSelect + conds, args
}

// researcherConds is what follows researcherFrom for f in actor's scope.
func researcherConds(actor app.Actor, f ResearcherFilter) (string, []any) {
	where, args := researcherScope(actor)
	q, fargs := filterConds(f)
	return " AND " + where + q, append(args, fargs...)
}

// filterConds are f's conditions, each " AND …", in a fixed order so a
// filter is always the same statement text.
func filterConds(f ResearcherFilter) (string, []any) {
	var q string
	var args []any
	add := func(cond string, v any) { q += " AND " + cond; args = append(args, v) }
	for _, c := range [...]struct{ col, v string }{{"p.researcher_kind", f.Kind}, {"p.researcher_subject", f.Subject},
		{"p.researcher_stage", f.Stage}} {
		if c.v != "" {
			add(c.col+" = ?", c.v)
		}
	}
	if f.OfficeID != 0 {
		add("p.office_id = ?", f.OfficeID)
	}
	if f.Region != "" {
		cond, largs := likePrefix("COALESCE(off.region_code, o.region_code)", f.Region)
		q += " AND " + cond
		args = append(args, largs...)
	}
	return q, args
}

// loadResearcher returns one researcher in the actor's scope (or the actor).
func loadResearcher(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Researcher, error) {
	where, args := researcherScope(actor)
	r, err := scanResearcher(tx.QueryRow(ctx, researcherSelect+" AND p.id = ? AND "+where, append([]any{id}, args...)...))
	if db.IsNoRows(err) {
		return r, notFound("教研员")
	}
	return r, err
}
