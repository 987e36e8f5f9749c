package liaison

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// VisitFilter narrows FindVisits; zero fields do not filter.
type VisitFilter struct {
	ResearcherID int64
	SchoolID     int64
	Year         int // 学年
	Half         int // 1 or 2, with Year
	Purpose      string
	LinkID       int64
	StationID    int64
	Offset       int
	Limit        int // 0 means 100
}

const visitSelect = `SELECT v.id, v.researcher_id, p.name, v.school_id, o.name, o.path, v.purpose, v.start_date, v.end_date,
	v.days, v.school_year, v.half, v.lessons_observed, v.demo_lessons, v.meetings, v.notes, COALESCE(v.link_id, 0),
	COALESCE(v.station_id, 0), v.station_phase, v.version
	FROM visits v JOIN people p ON p.id = v.researcher_id JOIN orgs o ON o.id = v.school_id`

func scanVisit(r db.Scanner) (Visit, error) {
	var v Visit
	var half int
	err := r.Scan(&v.ID, &v.ResearcherID, &v.ResearcherName, &v.SchoolID, &v.SchoolName, &v.SchoolPath, &v.Purpose,
		&v.StartDate, &v.EndDate, &v.Days, &v.Term.Year, &half, &v.LessonsObserved, &v.DemoLessons, &v.Meetings, &v.Notes,
		&v.LinkID, &v.StationID, &v.StationPhase, &v.Version)
	v.Term.Half = dict.Half(half)
	return v, err
}

// visitWhere admits visits to schools in the actor's scope, and the actor's
// own visits wherever they were.
func visitWhere(actor app.Actor) (string, []any) {
	where, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	if actor.PersonID != 0 {
		where = "(" + where + " OR v.researcher_id = ?)"
		args = append(args, actor.PersonID)
	}
	return where, args
}

// FindVisits lists the visits the actor may see, newest first, and the total.
func (s *Service) FindVisits(ctx context.Context, actor app.Actor, f VisitFilter) ([]Visit, int, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, 0, err
	}
	where, args := visitFilterWhere(actor, f)
	if f.Limit <= 0 {
		f.Limit = 100
	}
	var out []Visit
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if total, err = tx.Count(ctx, "SELECT COUNT(*) FROM visits v JOIN orgs o ON o.id = v.school_id WHERE "+where, args...); err != nil {
			return err
		}
		out, err = db.QueryAll(ctx, tx, scanVisit, visitSelect+" WHERE "+where+" ORDER BY v.start_date DESC, v.id DESC LIMIT ? OFFSET ?",
			append(args, f.Limit, f.Offset)...)
		return err
	})
	return out, total, err
}

// visitFilterWhere is the condition of f's visits in the actor's scope
// (f's Offset and Limit aside).
func visitFilterWhere(actor app.Actor, f VisitFilter) (string, []any) {
	where, args := visitWhere(actor)
	add := func(cond string, v any) { where += " AND " + cond; args = append(args, v) }
	for _, c := range []struct {
		col string
		v   int64
	}{{"v.researcher_id", f.ResearcherID}, {"v.school_id", f.SchoolID}, {"v.school_year", int64(f.Year)},
		{"v.half", int64(f.Half)}, {"v.link_id", f.LinkID}, {"v.station_id", f.StationID}} {
		if c.v != 0 {
			add(c.col+" = ?", c.v)
		}
	}
	if f.Purpose != "" {
		add("v.purpose = ?", f.Purpose)
	}
	return where, args
}

// FindVisitByID returns one visit the actor may see, or ENOTFOUND.
func (s *Service) FindVisitByID(ctx context.Context, actor app.Actor, id int64) (Visit, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Visit{}, err
	}
	var v Visit
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		v, err = loadVisit(ctx, tx, actor, id)
		return err
	})
	return v, err
}

func loadVisit(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Visit, error) {
	v, err := scanVisit(tx.QueryRow(ctx, visitSelect+" WHERE v.id = ?", id))
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, v.SchoolPath, v.SchoolID, 0) && v.ResearcherID != actor.PersonID) {
		return Visit{}, notFound("到校记录")
	}
	if err != nil {
		return v, err
	}
	v.Members, err = loadVisitMembers(ctx, tx, id)
	return v, err
}

// canWrite reports whether the actor may write visits of researcherID: their
// own with visit.edit, anyone's in scope with liaison.manage.
func canWrite(ctx context.Context, tx *db.Tx, actor app.Actor, researcherID int64) error {
	if actor.Can(PermLiaisonManage) {
		var path string
		var orgID int64
		var kind string
		err := tx.QueryRow(ctx, `SELECT o.path, o.id, p.researcher_kind FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`,
			researcherID).Scan(&path, &orgID, &kind)
		if err == nil && kind != "" && auth.InScope(actor, path, orgID, researcherID) {
			return nil
		}
		if researcherID != actor.PersonID {
			return app.Invalid("researcher_id", "所选教研员不存在或不在您的管辖范围内")
		}
	}
	if actor.Can(PermVisitEdit) && researcherID == actor.PersonID && researcherID != 0 {
		return nil
	}
	return app.Errorf(app.EFORBIDDEN, "只能记录或修改本人的到校")
}

func today(s *Service) time.Time { return s.now().In(time.FixedZone("CST", 8*3600)) }
