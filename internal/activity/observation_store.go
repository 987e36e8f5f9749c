package activity

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

const obsColumns = `o.id, o.observer_id, po.name, o.teacher_id, pt.name, o.school_id, s.name, o.org_path, o.subject, o.grade, o.topic,
	o.on_date, o.lesson_type, o.rubric_version_id, o.scores, o.total, o.diagnosis, o.suggestion, o.followup,
	o.response, o.st_codes, o.st_current, o.fias_codes, o.fias_current, o.state, o.school_year, o.half, o.version`

const obsFrom = ` FROM observations o JOIN people po ON po.id = o.observer_id JOIN people pt ON pt.id = o.teacher_id
	JOIN orgs s ON s.id = o.school_id`

func scanObservation(r db.Scanner) (Observation, error) {
	var o Observation
	var scores string
	err := r.Scan(&o.ID, &o.ObserverID, &o.ObserverName, &o.TeacherID, &o.TeacherName, &o.SchoolID, &o.SchoolName, &o.OrgPath,
		&o.Subject, &o.Grade, &o.Topic, &o.Date, &o.LessonType, &o.RubricVersionID, &scores, &o.Total, &o.Diagnosis,
		&o.Suggestion, &o.Followup, &o.Response, &o.STCodes, &o.STCurrent, &o.FIASCodes, &o.FIASCurrent,
		&o.State, &o.SchoolYear, &o.Half, &o.Version)
	if err == nil && scores != "" {
		err = json.Unmarshal([]byte(scores), &o.Scores)
	}
	return o, err
}

// obsWhere admits the observations actor may see: their own as observer;
// submitted ones of their own lessons; and submitted ones at schools in the
// scope of an organiser (activity.manage).
func obsWhere(actor app.Actor) (string, []any) {
	q, args := "o.observer_id = ? OR (o.state = 'submitted' AND o.teacher_id = ?)", []any{actor.PersonID, actor.PersonID}
	if actor.Can(PermManage) {
		own, oargs := auth.ScopeWhere(actor, "o.org_path", "o.school_id", "")
		q += " OR (o.state = 'submitted' AND " + own + ")"
		args = append(args, oargs...)
	}
	return "(" + q + ")", args
}

// CreateObservation starts a draft record by the actor's person of a lesson
// of o.TeacherID (a person in the actor's scope or at the actor's own
// organisation), scored with o.RubricID's current version when set.
func (s *Service) CreateObservation(ctx context.Context, actor app.Actor, o Observation) (id int64, err error) {
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		id, err = s.CreateObservationTx(ctx, tx, actor, o)
		return err
	})
	return id, err
}

// CreateObservationTx is CreateObservation inside the caller's transaction tx.
func (s *Service) CreateObservationTx(ctx context.Context, tx *db.Tx, actor app.Actor, o Observation) (int64, error) {
	if actor.PersonID == 0 {
		return 0, app.Errorf(app.EFORBIDDEN, "本账号未关联人员，不能记录听课")
	}
	if err := o.validateHead(); err != nil {
		return 0, err
	}
	if err := s.lessonOf(ctx, tx, actor, &o); err != nil {
		return 0, err
	}
	if o.RubricID != 0 {
		r, err := s.FindRubricByID(ctx, actor, o.RubricID)
		if err != nil {
			return 0, app.Invalid("rubric_id", "所选量表不存在或不可用")
		}
		o.RubricVersionID = r.VersionID
	}
	d, _ := time.ParseInLocation(time.DateOnly, o.Date, CST)
	t := s.termOf(ctx, "", d)
	at := s.now().UnixMilli()
	id, err := tx.InsertID(ctx, `INSERT INTO observations (observer_id, teacher_id, school_id, org_path, subject, grade, topic, on_date,
		lesson_type, rubric_version_id, state, school_year, half, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?) RETURNING id`, actor.PersonID, o.TeacherID, o.SchoolID, o.OrgPath,
		o.Subject, o.Grade, o.Topic, o.Date, o.LessonType, o.RubricVersionID, t.Year, int(t.Half), actor.Username, at, at)
	if err != nil {
		return 0, err
	}
	return id, record(ctx, tx, actor, "observation.create", "observation", id, "听课："+o.Topic, nil,
		audit.Snapshot{"授课教师": fmt.Sprint(o.TeacherID), "课题": o.Topic, "日期": o.Date, "课型": o.LessonName()})
}

// lessonOf checks the observed teacher and fills the school from them.
func (s *Service) lessonOf(ctx context.Context, tx *db.Tx, actor app.Actor, o *Observation) error {
	err := tx.QueryRow(ctx, `SELECT o.id, o.path FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ? AND p.active = TRUE`,
		o.TeacherID).Scan(&o.SchoolID, &o.OrgPath)
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, o.OrgPath, o.SchoolID, o.TeacherID) && o.SchoolID != actor.OrgID) {
		return app.Invalid("teacher_id", "授课教师不存在或不在您的听课范围内")
	}
	return err
}

// FindObservationByID is one record as the actor may see it, with its
// rubric version; the observer's name is hidden from the observed teacher
// when the observer chose so.
func (s *Service) FindObservationByID(ctx context.Context, actor app.Actor, id int64) (Observation, error) {
	where, args := obsWhere(actor)
	o, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Observation, error) {
		o, err := scanObservation(tx.QueryRow(ctx, "SELECT "+obsColumns+obsFrom+" WHERE o.id = ? AND "+where, append([]any{id}, args...)...))
		if err == nil && o.RubricVersionID != 0 {
			o.Body, o.RubricName, err = versionBody(ctx, tx, o.RubricVersionID)
		}
		return o, err
	})
	if db.IsNoRows(err) {
		return o, app.Errorf(app.ENOTFOUND, "找不到该听课记录，或您无权查看")
	}
	if err != nil {
		return o, err
	}
	list := []Observation{o}
	err = s.hideObservers(ctx, actor, list)
	return list[0], err
}

// ObsFilter selects observations: a 学年 (0 all), and a role: "observer"
// (those I observed), "teacher" (of my lessons) or "" (all I may see).
type ObsFilter struct {
	Year          int
	Role          string
	ObserverID    int64  // records of this observer (0 any)
	SchoolID      int64  // at this school (0 any)
	From, To      string // on_date between, YYYY-MM-DD ("" open)
	Limit, Offset int
}

// FindObservations lists the records the actor may see, newest first,
// with the total count.
func (s *Service) FindObservations(ctx context.Context, actor app.Actor, f ObsFilter) ([]Observation, int, error) {
	where, args := obsWhere(actor)
	switch f.Role {
	case "observer":
		where += " AND o.observer_id = ?"
		args = append(args, actor.PersonID)
	case "teacher":
		where += " AND o.teacher_id = ?"
		args = append(args, actor.PersonID)
	}
	if f.Year != 0 {
		where += " AND o.school_year = ?"
		args = append(args, f.Year)
	}
	where, args = f.narrow(where, args)
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var n int
	list, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Observation, error) {
		var err error
		if n, err = tx.Count(ctx, "SELECT COUNT(*) FROM observations o WHERE "+where, args...); err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, scanObservation, "SELECT "+obsColumns+obsFrom+" WHERE "+where+
			" ORDER BY o.on_date DESC, o.id DESC LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
	})
	if err == nil {
		err = s.hideObservers(ctx, actor, list)
	}
	return list, n, err
}

// narrow adds the observer, school and date conditions of f.
func (f ObsFilter) narrow(where string, args []any) (string, []any) {
	if f.ObserverID != 0 {
		where += " AND o.observer_id = ?"
		args = append(args, f.ObserverID)
	}
	if f.SchoolID != 0 {
		where += " AND o.school_id = ?"
		args = append(args, f.SchoolID)
	}
	if f.From != "" {
		where += " AND o.on_date >= ?"
		args = append(args, f.From)
	}
	if f.To != "" {
		where += " AND o.on_date <= ?"
		args = append(args, f.To)
	}
	return where, args
}

// ObservationsAt lists the records researcher made at school from one date
// to another, as the actor may see them (drafts only to their observer):
// what a visit page shows of the lessons observed on it, at most 100.
func (s *Service) ObservationsAt(ctx context.Context, actor app.Actor, researcher, school int64, from, to string) ([]Observation, error) {
	list, _, err := s.FindObservations(ctx, actor, ObsFilter{ObserverID: researcher, SchoolID: school, From: from, To: to, Limit: 100})
	return list, err
}
