package activity

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/checkin"
	"jiaoyan/internal/db"
)

// Tx variants for writing many sign-ups and check-ins in one transaction
// (the demo): each does inside the caller's transaction tx exactly what
// its public method does in its own: the same checks, rows, tallies,
// 学时 and audit entry.

// SignUpTx is SignUp inside the caller's transaction tx.
func (s *Service) SignUpTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) error {
	if actor.PersonID == 0 {
		return app.Errorf(app.EFORBIDDEN, "本账号未关联人员，不能报名")
	}
	a, su, signed, err := s.open(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	if signed && !su.Cancelled {
		return app.Errorf(app.EINVALID, "您已报名本活动")
	}
	if err := s.mayJoin(a, signed); err != nil {
		return err
	}
	if err := addSignUp(ctx, tx, id, actor.PersonID, "self", signed, s.now().UnixMilli()); err != nil {
		return err
	}
	return record(ctx, tx, actor, "activity.signup", ObjectType, id, "报名："+a.Title, nil, audit.Snapshot{"人员": fmt.Sprint(actor.PersonID)})
}

// CheckInTx is CheckIn inside the caller's transaction tx.
func (s *Service) CheckInTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, code string) (Activity, error) {
	if actor.PersonID == 0 {
		return Activity{}, app.Errorf(app.EFORBIDDEN, "本账号未关联人员，不能签到")
	}
	now := s.now()
	a, su, signed, err := s.open(ctx, tx, actor, id)
	if err != nil {
		return a, err
	}
	if err := checkin.Check(s.Keys, code, CheckinKind, id, now); err != nil {
		return a, err
	}
	if a.State != StatePublished && a.State != StateRunning {
		return a, app.Errorf(app.EINVALID, "活动%s，不能签到", a.StateName())
	}
	if signed && su.CheckedIn() {
		return a, app.Errorf(app.EINVALID, "您已于 %s 签到", su.CheckInTime())
	}
	if !signed || su.Cancelled {
		if err := s.mayJoin(a, false); err != nil {
			return a, err
		}
		if err := addSignUp(ctx, tx, id, actor.PersonID, "self", signed, now.UnixMilli()); err != nil {
			return a, err
		}
	}
	return a, s.attend(ctx, tx, actor, a, now.UnixMilli())
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

// SaveDraftTx is SaveDraft inside the caller's transaction tx.
func (s *Service) SaveDraftTx(ctx context.Context, tx *db.Tx, actor app.Actor, d Draft, submit bool) (int, error) {
	o, err := s.ownDraft(ctx, tx, actor, d.ID)
	if err != nil {
		return 0, err
	}
	scores, total, err := o.Body.Grade(d.Levels, d.Comments)
	if err != nil {
		return 0, err
	}
	d.Diagnosis, d.Suggestion, d.Followup = strings.TrimSpace(d.Diagnosis), strings.TrimSpace(d.Suggestion), strings.TrimSpace(d.Followup)
	state, action := ObsDraft, "observation.draft"
	if submit {
		if err := readyToSubmit(o.Body, scores, d); err != nil {
			return 0, err
		}
		state, action = ObsSubmitted, "observation.submit"
	}
	raw, _ := json.Marshal(scores)
	res, err := tx.Exec(ctx, `UPDATE observations SET scores = ?, total = ?, diagnosis = ?, suggestion = ?, followup = ?,
		state = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, string(raw), total, d.Diagnosis, d.Suggestion,
		d.Followup, state, s.now().UnixMilli(), d.ID, d.Version)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, app.Errorf(app.ECONFLICT, "该听课记录已在别处保存过，请刷新后重试")
	}
	version := d.Version + 1
	return version, record(ctx, tx, actor, action, "observation", d.ID, actionName(action)+"："+o.Topic, nil,
		audit.Snapshot{"总分": fmt.Sprint(total), "状态": map[string]string{ObsDraft: "草稿", ObsSubmitted: "已提交"}[state],
			audit.VersionKey: fmt.Sprint(version)})
}

// SaveCodesTx is SaveCodes inside the caller's transaction tx.
func (s *Service) SaveCodesTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, st, fias string) error {
	st, err := ParseST(st)
	if err != nil {
		return err
	}
	codes, err := ParseFIAS(fias)
	if err != nil {
		return err
	}
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprint(c)
	}
	o, err := s.ownDraft(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE observations SET st_codes = ?, fias_codes = ? WHERE id = ?", st, strings.Join(parts, " "), id); err != nil {
		return err
	}
	return record(ctx, tx, actor, "observation.code", "observation", id, "更正课堂观察编码："+o.Topic, nil,
		audit.Snapshot{"S-T": st, "FIAS": strings.Join(parts, " ")})
}
