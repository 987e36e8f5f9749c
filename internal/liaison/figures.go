package liaison

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// VisitFigures are a researcher's counts from visits (到校记录) in a 学年,
// what the workload card (report) reads from liaison.
type VisitFigures struct {
	Days      [2]int // on-site days in the first and second 学期
	Lessons   int    // lessons observed in the 学年
	Demo      [2]int // demo lessons per 学期
	LastVisit string // YYYY-MM-DD of the last visit up to the 学年's end, "" if none
	LastStint string // YYYY-MM-DD of the last 下校任教 visit, "" if none
}

// LoadVisitFigures counts researcher id's visits in 学年 year inside the
// caller's read transaction. The caller checks scope first (ResearcherInScope).
func LoadVisitFigures(ctx context.Context, tx *db.Tx, id int64, year int) (VisitFigures, error) {
	var f VisitFigures
	for h := 1; h <= 2; h++ {
		err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(days), 0), COALESCE(SUM(demo_lessons), 0) FROM visits
			WHERE researcher_id = ? AND school_year = ? AND half = ?`, id, year, h).Scan(&f.Days[h-1], &f.Demo[h-1])
		if err != nil {
			return f, err
		}
	}
	end := fmt.Sprintf("%d-08-31", year+1)
	err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(lessons_observed), 0) FROM visits WHERE researcher_id = ? AND school_year = ?`,
		id, year).Scan(&f.Lessons)
	if err == nil {
		err = tx.QueryRow(ctx, `SELECT COALESCE(MAX(start_date), '') FROM visits WHERE researcher_id = ? AND start_date <= ?`,
			id, end).Scan(&f.LastVisit)
	}
	if err == nil {
		err = tx.QueryRow(ctx, `SELECT COALESCE(MAX(start_date), '') FROM visits WHERE researcher_id = ? AND purpose = 'stint'
			AND start_date <= ?`, id, end).Scan(&f.LastStint)
	}
	return f, err
}

// ResearcherInScope loads researcher id inside the caller's transaction;
// ENOTFOUND when there is none or it lies outside actor's scope.
func ResearcherInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Researcher, error) {
	return loadResearcher(ctx, tx, actor, id)
}

// ResearchersInScope lists the researchers matching f in actor's scope
// inside the caller's transaction.
func ResearchersInScope(ctx context.Context, tx *db.Tx, actor app.Actor, f ResearcherFilter) ([]Researcher, error) {
	return findResearchers(ctx, tx, actor, f)
}

// FindResearcherByID is researcher id as actor may see it (visit.view and
// scope); ENOTFOUND otherwise.
func (s *Service) FindResearcherByID(ctx context.Context, actor app.Actor, id int64) (Researcher, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Researcher{}, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Researcher, error) { return loadResearcher(ctx, tx, actor, id) })
}

// CoverageRow counts a county's rural and weak schools (农村、薄弱学校, teaching
// points included) and how many of them had any visit in the 学年.
type CoverageRow struct {
	Region     string
	RegionName string
	Total      int
	Visited    int
}

// Percent is the visited share, 0 when there are no schools.
func (c CoverageRow) Percent() int {
	if c.Total == 0 {
		return 0
	}
	return c.Visited * 100 / c.Total
}

// RuralCoverage counts rural and weak schools in actor's scope and region
// by county, and those visited in 学年 year, inside the caller's transaction.
func RuralCoverage(ctx context.Context, tx *db.Tx, actor app.Actor, region string, year int) ([]CoverageRow, error) {
	where, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	in, rargs := likePrefix("o.region_code", region)
	if region == "" {
		in, rargs = "TRUE", nil
	}
	q := `SELECT SUBSTR(o.region_code, 1, 6), COALESCE(r.name, ''), COUNT(*),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM visits v WHERE v.school_id = o.id AND v.school_year = ?) THEN 1 ELSE 0 END)
		FROM orgs o LEFT JOIN regions r ON r.code = SUBSTR(o.region_code, 1, 6)
		WHERE o.kind IN ('school', 'teaching_point') AND o.active = TRUE AND (o.locale = 'rural' OR o.weak = TRUE)
		AND ` + in + ` AND ` + where + `
		GROUP BY SUBSTR(o.region_code, 1, 6), r.name ORDER BY SUBSTR(o.region_code, 1, 6)`
	return db.QueryAll(ctx, tx, func(r db.Scanner) (CoverageRow, error) {
		var c CoverageRow
		err := r.Scan(&c.Region, &c.RegionName, &c.Total, &c.Visited)
		return c, err
	}, q, append(append([]any{year}, rargs...), args...)...)
}
