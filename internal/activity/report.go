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
	Unreached               []Unreached    // the first MaxUnreached
	Providers               []ProviderLoad // the first MaxProviders
	// UnreachedTotal and ProvidersTotal are the whole lists' lengths; the
	// page says when it shows fewer, and the exports hold them all
	// (UnreachedPage, ProviderPage).
	UnreachedTotal, ProvidersTotal int
}

// ProviderLoad is a 送教助研 provider's term: the dispatches, and the
// agreed hours and on-site days (送教天数) counted to them.
type ProviderLoad struct {
	Name, Org string
	Orders    int
	Hours     float64
	Days      int
}

// TermReport counts the term's activities organised in the actor's scope
// by kind, county and organiser, and lists the schools in scope that no
// activity reached (nobody of theirs checked in; from activity_reached).
// The counts are one indexed read of activity_term_totals, which every
// write keeps current (see tallied), never a scan of the term's
// activities. Needs activity.manage.
func (s *Service) TermReport(ctx context.Context, actor app.Actor, t dict.Term) (Report, error) {
	if err := actor.Require(PermManage); err != nil {
		return Report{}, err
	}
	scope, sargs := auth.ScopeWhere(actor, "t.org_path", "t.org_id", "")
	args := append([]any{t.Year, int(t.Half)}, sargs...)
	rep := Report{Term: t}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		groups, err := db.QueryAll(ctx, tx, scanGroup, `SELECT COALESCE(k.name, t.kind), COALESCE(r.name, t.region_code), t.organiser,
			t.activities, t.signups, t.attended, t.due, t.submitted FROM activity_term_totals t
			LEFT JOIN dict_entries k ON k.table_code = '`+TableKind+`' AND k.code = t.kind LEFT JOIN regions r ON r.code = t.region_code
			WHERE t.school_year = ? AND t.half = ? AND t.activities > 0 AND `+scope+` ORDER BY t.org_path, t.organiser, t.kind`, args...)
		if err != nil {
			return err
		}
		rep.fill(groups)
		if rep.Unreached, rep.UnreachedTotal, err = unreached(ctx, tx, actor, t, ListPage{Limit: MaxUnreached}); err != nil {
			return err
		}
		rep.Providers, rep.ProvidersTotal, err = providerLoads(ctx, tx, actor, t, ListPage{Limit: MaxProviders})
		return err
	})
	return rep, err
}

// MaxProviders is the most providers the report page lists.
const MaxProviders = 500

// ProviderPage is one page of the term's providers (providerLoads) with
// their total, for the export of the whole list. Needs activity.manage.
func (s *Service) ProviderPage(ctx context.Context, actor app.Actor, t dict.Term, p ListPage) ([]ProviderLoad, int, error) {
	if err := actor.Require(PermManage); err != nil {
		return nil, 0, err
	}
	var n int
	list, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (l []ProviderLoad, err error) {
		l, n, err = providerLoads(ctx, tx, actor, t, p)
		return l, err
	})
	return list, n, err
}

// providerLoads sums the term's 送教 dispatches of the offices in scope by
// provider, most hours first: page p and the number of providers.
func providerLoads(ctx context.Context, tx *db.Tx, actor app.Actor, t dict.Term, p ListPage) ([]ProviderLoad, int, error) {
	scope, sargs := auth.ScopeWhere(actor, "i.org_path", "i.org_id", "")
	args := append([]any{t.Year, int(t.Half)}, sargs...)
	from := ` FROM service_orders so JOIN activities a ON a.id = so.activity_id
		JOIN service_items i ON i.id = so.item_id JOIN people p ON p.id = so.provider_id JOIN orgs o ON o.id = p.org_id
		WHERE a.school_year = ? AND a.half = ? AND ` + scope + ` GROUP BY p.id, p.name, o.name`
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM (SELECT p.id"+from+") c", args...)
	if err != nil {
		return nil, 0, err
	}
	list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (ProviderLoad, error) {
		var x ProviderLoad
		return x, r.Scan(&x.Name, &x.Org, &x.Orders, &x.Hours, &x.Days)
	}, "SELECT p.name, o.name, COUNT(*), SUM(so.hours), SUM(so.days)"+from+" ORDER BY SUM(so.hours) DESC, p.name, p.id LIMIT ? OFFSET ?",
		p.args(args)...)
	return list, n, err
}

// group is one (kind, county, organiser) line of the grouped read.
type group struct {
	kind, county string
	row          ReportRow
}

func scanGroup(r db.Scanner) (group, error) {
	var g group
	x := &g.row
	err := r.Scan(&g.kind, &g.county, &x.Name, &x.Activities, &x.SignUps, &x.Attend, &x.Due, &x.Submitted)
	return g, err
}

// fill sums the groups by kind, county and organiser, most activities first.
func (rep *Report) fill(groups []group) {
	sum := func(key func(group) string) []ReportRow {
		idx := map[string]int{}
		var out []ReportRow
		for _, g := range groups {
			k := key(g)
			i, ok := idx[k]
			if !ok {
				i, idx[k] = len(out), len(out)
				out = append(out, ReportRow{Name: k})
			}
			out[i].add(g.row)
		}
		slices.SortStableFunc(out, func(x, y ReportRow) int { return y.Activities - x.Activities })
		return out
	}
	rep.ByKind = sum(func(g group) string { return g.kind })
	rep.ByCounty = sum(func(g group) string { return g.county })
	rep.ByOrg = sum(func(g group) string { return g.row.Name })
	rep.Total = ReportRow{Name: "合计"}
	for _, g := range groups {
		rep.Total.add(g.row)
	}
}

func (r *ReportRow) add(x ReportRow) {
	r.Activities += x.Activities
	r.SignUps += x.SignUps
	r.Attend += x.Attend
	r.Due += x.Due
	r.Submitted += x.Submitted
}

// MaxUnreached is the most unreached schools the report page lists.
const MaxUnreached = 2000

// UnreachedPage is one page of the schools in scope no activity reached in
// term t, with their total, for the export of the whole list. Needs
// activity.manage.
func (s *Service) UnreachedPage(ctx context.Context, actor app.Actor, t dict.Term, p ListPage) ([]Unreached, int, error) {
	if err := actor.Require(PermManage); err != nil {
		return nil, 0, err
	}
	var n int
	list, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (l []Unreached, err error) {
		l, n, err = unreached(ctx, tx, actor, t, p)
		return l, err
	})
	return list, n, err
}

// unreached lists page p of the schools in scope with no check-in in term
// t, by path, and their number.
func unreached(ctx context.Context, tx *db.Tx, actor app.Actor, t dict.Term, p ListPage) ([]Unreached, int, error) {
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	args = append(args, t.Year, int(t.Half))
	from := ` FROM orgs o LEFT JOIN regions g ON g.code = o.region_code
		WHERE o.kind = 'school' AND o.active = TRUE AND ` + scope + ` AND NOT EXISTS (SELECT 1 FROM activity_reached x
		WHERE x.school_year = ? AND x.half = ? AND x.org_id = o.id)`
	n, err := tx.Count(ctx, "SELECT COUNT(*)"+from, args...)
	if err != nil {
		return nil, 0, err
	}
	list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (Unreached, error) {
		var u Unreached
		return u, r.Scan(&u.ID, &u.Name, &u.Region, &u.Weak)
	}, "SELECT o.id, o.name, COALESCE(g.name, o.region_code), o.weak"+from+" ORDER BY o.path, o.id LIMIT ? OFFSET ?", p.args(args)...)
	return list, n, err
}
