package liaison

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// SaveVisit records a new visit (ID 0) or saves an edit. The school must be
// in the actor's scope; a researcher writes only their own visits unless the
// actor holds liaison.manage. The 学年/学期 comes from the region's 校历.
// A stale Version gets ECONFLICT naming who changed what.
func (s *Service) SaveVisit(ctx context.Context, actor app.Actor, v Visit, memberIDs []int64) (int64, error) {
	if err := v.Validate(today(s)); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := canWrite(ctx, tx, actor, v.ResearcherID); err != nil {
			return err
		}
		_, name, region, err := schoolInScope(ctx, tx, actor, v.SchoolID)
		if err != nil {
			return err
		}
		start, _ := time.Parse("2006-01-02", v.StartDate)
		v.SchoolName, v.Term = name, s.termOf(ctx, region, start)
		if err := tx.QueryRow(ctx, "SELECT name FROM people WHERE id = ?", v.ResearcherID).Scan(&v.ResearcherName); err != nil {
			return err
		}
		return s.writeVisit(ctx, tx, actor, &v, memberIDs)
	})
	return v.ID, err
}

func (s *Service) writeVisit(ctx context.Context, tx *db.Tx, actor app.Actor, v *Visit, memberIDs []int64) error {
	now := s.now().UnixMilli()
	if v.ID == 0 {
		if err := insertVisit(ctx, tx, actor, v, now); err != nil {
			return err
		}
		if err := s.saveVisitMembers(ctx, tx, actor, v, memberIDs); err != nil {
			return err
		}
		if err := refreshSummaries(ctx, tx, map[summaryKey]bool{{v.ResearcherID, v.Term}: true}, now); err != nil {
			return err
		}
		v.Version = 1
		return record(ctx, tx, actor, "visit.create", "visit", v.ID, "记录到校："+v.ResearcherName+" 到 "+v.SchoolName, nil, v.snapshot())
	}
	old, err := loadVisit(ctx, tx, actor, v.ID)
	if err != nil {
		return err
	}
	if err := s.updateVisitRow(ctx, tx, v, now); err != nil {
		return err
	}
	if err := s.saveVisitMembers(ctx, tx, actor, v, memberIDs); err != nil {
		return err
	}
	keys := map[summaryKey]bool{{old.ResearcherID, old.Term}: true, {v.ResearcherID, v.Term}: true}
	if err := refreshSummaries(ctx, tx, keys, now); err != nil {
		return err
	}
	v.Version = old.Version + 1
	return record(ctx, tx, actor, "visit.update", "visit", v.ID, "修改到校记录："+v.ResearcherName+" 到 "+v.SchoolName, old.snapshot(), v.snapshot())
}

func insertVisit(ctx context.Context, tx *db.Tx, actor app.Actor, v *Visit, now int64) error {
	var err error
	v.ID, err = tx.InsertID(ctx, `INSERT INTO visits (researcher_id, school_id, purpose, start_date, end_date, days, school_year, half,
		lessons_observed, demo_lessons, meetings, notes, link_id, station_id, station_phase, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		v.ResearcherID, v.SchoolID, v.Purpose, v.StartDate, v.EndDate, v.Days, v.Term.Year, int(v.Term.Half),
		v.LessonsObserved, v.DemoLessons, v.Meetings, v.Notes, nullable(v.LinkID), nullable(v.StationID), v.StationPhase,
		actor.Username, now, now)
	return firstErr(err, closeVisitTodos(ctx, tx, v))
}

func (s *Service) updateVisitRow(ctx context.Context, tx *db.Tx, v *Visit, now int64) error {
	res, err := tx.Exec(ctx, `UPDATE visits SET researcher_id = ?, school_id = ?, purpose = ?, start_date = ?, end_date = ?, days = ?,
		school_year = ?, half = ?, lessons_observed = ?, demo_lessons = ?, meetings = ?, notes = ?, link_id = ?, station_id = ?,
		station_phase = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		v.ResearcherID, v.SchoolID, v.Purpose, v.StartDate, v.EndDate, v.Days, v.Term.Year, int(v.Term.Half), v.LessonsObserved,
		v.DemoLessons, v.Meetings, v.Notes, nullable(v.LinkID), nullable(v.StationID), v.StationPhase, now, v.ID, v.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return audit.Stale(ctx, tx, "visit", v.ID, v.Version)
	}
	return closeVisitTodos(ctx, tx, v)
}

func (s *Service) saveVisitMembers(ctx context.Context, tx *db.Tx, actor app.Actor, v *Visit, ids []int64) error {
	if _, err := tx.Exec(ctx, "DELETE FROM visit_members WHERE visit_id = ?", v.ID); err != nil {
		return err
	}
	v.Members = nil
	for _, id := range ids {
		p, err := s.Org.FindPersonByID(ctx, actor, id)
		if err != nil {
			return app.Invalid("members", "同行人员中有不存在或不在您管辖范围内的人员")
		}
		if _, err := tx.Exec(ctx, "INSERT INTO visit_members (visit_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING", v.ID, id); err != nil {
			return err
		}
		v.Members = append(v.Members, org.Member{ID: p.ID, Name: p.Name})
	}
	return nil
}

func loadVisitMembers(ctx context.Context, tx *db.Tx, id int64) ([]org.Member, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (org.Member, error) {
		var m org.Member
		err := r.Scan(&m.ID, &m.Name)
		return m, err
	}, "SELECT p.id, p.name FROM visit_members m JOIN people p ON p.id = m.person_id WHERE m.visit_id = ? ORDER BY p.id", id)
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
