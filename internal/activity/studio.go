package activity

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// StudioGap is a school a 名师工作室 is assigned to (定点入驻) with whether
// an activity of the studio reached it in the term (someone of the school
// checked in).
type StudioGap struct {
	Studio, School string
	Weak, Reached  bool
}

// Choice is a named id a form offers.
type Choice struct {
	ID   int64
	Name string
}

// AssignStudio assigns studio to school (定点入驻) for 学年 year; both must
// be in the actor's scope.
func (s *Service) AssignStudio(ctx context.Context, actor app.Actor, studio, school int64, year int) error {
	if err := actor.Require(PermManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var sname, spath, oname, opath, kind string
		var sorg int64
		err := tx.QueryRow(ctx, "SELECT s.name, o.path, s.org_id FROM studios s JOIN orgs o ON o.id = s.org_id WHERE s.id = ?", studio).Scan(&sname, &spath, &sorg)
		if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, spath, sorg, 0)) {
			return app.Invalid("studio_id", "工作室不存在或不在您的管辖范围内")
		}
		if err == nil {
			err = tx.QueryRow(ctx, "SELECT name, path, kind FROM orgs WHERE id = ?", school).Scan(&oname, &opath, &kind)
		}
		if db.IsNoRows(err) || (err == nil && (kind != "school" || !auth.InScope(actor, opath, school, 0))) {
			return app.Invalid("school_id", "学校不存在或不在您的管辖范围内")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO studio_assignments (studio_id, school_id, school_year, created_by, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, studio, school, year, actor.Username, s.now().UnixMilli()); err != nil {
			return err
		}
		return record(ctx, tx, actor, "studio.assign", "studio", studio, fmt.Sprintf("%s定点入驻%s", sname, oname), nil,
			audit.Snapshot{"工作室": sname, "学校": oname, "学年": fmt.Sprint(year)})
	})
}

// MaxStudioGaps is the most assignments the studio page lists.
const MaxStudioGaps = 2000

// StudioGaps lists the first MaxStudioGaps assignments of the term's 学年
// of studios in the actor's scope (see StudioGapPage), with the number of
// all of them and of the weak schools among them no studio activity
// reached in the term.
func (s *Service) StudioGaps(ctx context.Context, actor app.Actor, t dict.Term) (list []StudioGap, total, unreached int, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if list, total, err = studioGaps(ctx, tx, actor, t, false, ListPage{Limit: MaxStudioGaps}); err != nil {
			return err
		}
		from, args := gapFrom(actor, t, true)
		unreached, err = tx.Count(ctx, "SELECT COUNT(*)"+from, args...)
		return err
	})
	return list, total, unreached, err
}

// StudioGapPage is page p of the assignments of the term's 学年 of studios
// in the actor's scope, by studio and school, with their total; weakOnly
// keeps the weak schools no activity of their studio reached in the term
// (本学期尚无工作室活动的薄弱学校). Needs activity.manage.
func (s *Service) StudioGapPage(ctx context.Context, actor app.Actor, t dict.Term, weakOnly bool, p ListPage) ([]StudioGap, int, error) {
	if err := actor.Require(PermManage); err != nil {
		return nil, 0, err
	}
	var n int
	list, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (l []StudioGap, err error) {
		l, n, err = studioGaps(ctx, tx, actor, t, weakOnly, p)
		return l, err
	})
	return list, n, err
}

// reachedBy is true when someone of the assigned school checked in to an
// activity of the studio in the term (two arguments: year, half).
const reachedBy = `EXISTS (SELECT 1 FROM activities a JOIN activity_signups su ON su.activity_id = a.id
	AND su.checked_in_at > 0 JOIN people p ON p.id = su.person_id WHERE a.studio_id = x.studio_id AND a.school_year = ? AND a.half = ?
	AND p.org_id = x.school_id)`

// gapFrom is the FROM and WHERE of the assignments in scope, and its
// arguments; weakOnly keeps the unreached weak schools.
func gapFrom(actor app.Actor, t dict.Term, weakOnly bool) (string, []any) {
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	q := ` FROM studio_assignments x JOIN studios st ON st.id = x.studio_id JOIN orgs o ON o.id = st.org_id
		JOIN orgs sc ON sc.id = x.school_id WHERE ` + scope + ` AND x.school_year = ?`
	args = append(args, t.Year)
	if weakOnly {
		q += " AND sc.weak = TRUE AND NOT " + reachedBy
		args = append(args, t.Year, int(t.Half))
	}
	return q, args
}

func studioGaps(ctx context.Context, tx *db.Tx, actor app.Actor, t dict.Term, weakOnly bool, p ListPage) ([]StudioGap, int, error) {
	from, args := gapFrom(actor, t, weakOnly)
	n, err := tx.Count(ctx, "SELECT COUNT(*)"+from, args...)
	if err != nil {
		return nil, 0, err
	}
	list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (StudioGap, error) {
		var g StudioGap
		return g, r.Scan(&g.Studio, &g.School, &g.Weak, &g.Reached)
	}, "SELECT st.name, sc.name, sc.weak, "+reachedBy+from+" ORDER BY st.name, sc.path, x.studio_id, x.school_id LIMIT ? OFFSET ?",
		p.args(append([]any{t.Year, int(t.Half)}, args...))...)
	return list, n, err
}

// StudioChoices are the studios and the weak schools in the actor's scope,
// for the assignment form.
func (s *Service) StudioChoices(ctx context.Context, actor app.Actor) (studios, schools []Choice, err error) {
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		scan := func(r db.Scanner) (Choice, error) { var c Choice; return c, r.Scan(&c.ID, &c.Name) }
		var err error
		if studios, err = db.QueryAll(ctx, tx, scan, "SELECT s.id, s.name FROM studios s JOIN orgs o ON o.id = s.org_id WHERE s.active = TRUE AND "+
			scope+" ORDER BY s.name LIMIT 1000", args...); err != nil {
			return err
		}
		schools, err = db.QueryAll(ctx, tx, scan, "SELECT o.id, o.name FROM orgs o WHERE o.kind = 'school' AND o.weak = TRUE AND o.active = TRUE AND "+
			scope+" ORDER BY o.path LIMIT 2000", args...)
		return err
	})
	return studios, schools, err
}
