package activity

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// ReportRow is one line of a term report: a group (a kind, a county or an
// organiser) with its activities, sign-ups and attendance, and the outcomes
// due and submitted (成果已提交 or 已归档).
type ReportRow struct {
	Name                        string
	Activities, SignUps, Attend int
	Due, Submitted              int
}

// AttendRate is attendance over sign-ups as a percentage (0 with none).
func (r ReportRow) AttendRate() float64 {
	if r.SignUps == 0 {
		return 0
	}
	return float64(r.Attend) * 100 / float64(r.SignUps)
}

// Unreached is a school in scope none of whose people checked in to an
// activity in the term.
type Unreached struct {
	ID           int64
	Name, Region string
	Weak         bool
}

// Report is the term report of the activities organised in the actor's
// scope (教研活动统计).
type Report struct {
	Term                    dict.Term
	ByKind, ByCounty, ByOrg []ReportRow
	Total                   ReportRow
	Unreached               []Unreached
}

const reportSums = `COUNT(*), COALESCE(SUM(a.signups), 0), COALESCE(SUM(a.attended), 0),
	COALESCE(SUM(CASE WHEN a.outcome_kind <> '' AND a.state IN ('ended', 'submitted', 'archived') THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN a.outcome_kind <> '' AND a.state IN ('submitted', 'archived') THEN 1 ELSE 0 END), 0)`

// TermReport counts the term's activities organised in the actor's scope
// by kind, county and organiser, and lists the schools in scope that no
// activity reached (nobody of theirs checked in). Needs activity.manage.
func (s *Service) TermReport(ctx context.Context, actor app.Actor, t dict.Term) (Report, error) {
	if err := actor.Require(PermManage); err != nil {
		return Report{}, err
	}
	scope, sargs := auth.ScopeWhere(actor, "a.org_path", "a.org_id", "")
	const from = " FROM activities a"
	cond := " WHERE a.school_year = ? AND a.half = ? AND a.state <> 'draft' AND " + scope
	args := append([]any{t.Year, int(t.Half)}, sargs...)
	rep := Report{Term: t}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		groups := []struct {
			into *[]ReportRow
			q    string
		}{
			{&rep.ByKind, "SELECT COALESCE(MAX(k.name), a.kind), " + reportSums + from +
				" LEFT JOIN dict_entries k ON k.table_code = '" + TableKind + "' AND k.code = a.kind" + cond + " GROUP BY a.kind"},
			{&rep.ByCounty, "SELECT COALESCE(MAX(r.name), a.region_code), " + reportSums + from +
				" LEFT JOIN regions r ON r.code = a.region_code" + cond + " GROUP BY a.region_code"},
			{&rep.ByOrg, "SELECT a.organiser, " + reportSums + from + cond + " GROUP BY a.organiser"},
		}
		for _, g := range groups {
			if *g.into, err = db.QueryAll(ctx, tx, scanReportRow, g.q, args...); err != nil {
				return err
			}
			slices.SortFunc(*g.into, func(x, y ReportRow) int { return y.Activities - x.Activities })
		}
		if rep.Total, err = scanReportRow(tx.QueryRow(ctx, "SELECT '合计', "+reportSums+from+cond, args...)); err != nil {
			return err
		}
		rep.Unreached, err = unreached(ctx, tx, actor, t)
		return err
	})
	return rep, err
}

func scanReportRow(r db.Scanner) (ReportRow, error) {
	var x ReportRow
	err := r.Scan(&x.Name, &x.Activities, &x.SignUps, &x.Attend, &x.Due, &x.Submitted)
	return x, err
}

// MaxUnreached is the most unreached schools a report lists.
const MaxUnreached = 2000

// unreached lists the schools in scope with no check-in in term t.
func unreached(ctx context.Context, tx *db.Tx, actor app.Actor, t dict.Term) ([]Unreached, error) {
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	args = append(args, t.Year, int(t.Half), MaxUnreached)
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Unreached, error) {
		var u Unreached
		return u, r.Scan(&u.ID, &u.Name, &u.Region, &u.Weak)
	}, `SELECT o.id, o.name, COALESCE(g.name, o.region_code), o.weak FROM orgs o LEFT JOIN regions g ON g.code = o.region_code
		WHERE o.kind = 'school' AND o.active = TRUE AND `+scope+` AND NOT EXISTS (SELECT 1 FROM people p
		JOIN activity_signups s ON s.person_id = p.id AND s.checked_in_at > 0 JOIN activities a ON a.id = s.activity_id
		WHERE p.org_id = o.id AND a.school_year = ? AND a.half = ?) ORDER BY o.path, o.id LIMIT ?`, args...)
}
