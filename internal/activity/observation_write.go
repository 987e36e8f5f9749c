package activity

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// ownDraft loads record id for a change by its observer while a draft.
func (s *Service) ownDraft(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Observation, error) {
	o, err := scanObservation(tx.QueryRow(ctx, "SELECT "+obsColumns+obsFrom+" WHERE o.id = ?", id))
	if db.IsNoRows(err) || (err == nil && o.ObserverID != actor.PersonID && !(o.Submitted() && o.TeacherID == actor.PersonID)) {
		return o, app.Errorf(app.ENOTFOUND, "找不到该听课记录，或您无权查看")
	}
	if err != nil {
		return o, err
	}
	if o.ObserverID != actor.PersonID {
		return o, app.Errorf(app.EFORBIDDEN, "只有听课人可以修改听课记录")
	}
	if o.Submitted() {
		return o, app.Errorf(app.EINVALID, "听课记录已提交，不能再修改")
	}
	if o.RubricVersionID != 0 {
		o.Body, o.RubricName, err = versionBody(ctx, tx, o.RubricVersionID)
	}
	return o, err
}

// SaveDraft saves what the observer has typed at d.Version (ECONFLICT when
// stale) and returns the new version; submit also submits the record,
// which then needs every indicator scored and a diagnosis.
func (s *Service) SaveDraft(ctx context.Context, actor app.Actor, d Draft, submit bool) (version int, err error) {
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		version, err = s.SaveDraftTx(ctx, tx, actor, d, submit)
		return err
	})
	return version, err
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

func readyToSubmit(b RubricBody, scores []Score, d Draft) error {
	for i, sc := range scores {
		if sc.Level < 0 {
			return app.Invalid(fmt.Sprintf("score_%d", i), "请为「%s」评定等级", b.Indicators[i].Name)
		}
	}
	if d.Diagnosis == "" {
		return app.Invalid("diagnosis", "提交前请填写诊断意见")
	}
	return nil
}

// Respond saves the observed teacher's response (回复) to a submitted record.
func (s *Service) Respond(ctx context.Context, actor app.Actor, id int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return app.Invalid("response", "请填写回复内容")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var teacher int64
		var state, topic string
		err := tx.QueryRow(ctx, "SELECT teacher_id, state, topic FROM observations WHERE id = ?", id).Scan(&teacher, &state, &topic)
		if db.IsNoRows(err) || (err == nil && (teacher != actor.PersonID || state != ObsSubmitted)) {
			return app.Errorf(app.ENOTFOUND, "找不到该听课记录，或您无权回复")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE observations SET response = ?, updated_at = ? WHERE id = ?", text, s.now().UnixMilli(), id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "observation.respond", "observation", id, "回复听课评价："+topic, nil, audit.Snapshot{"回复": text})
	})
}

// Coding kinds of the tap pad.
const (
	CodingST   = "st"
	CodingFIAS = "fias"
)

// Code runs the tap pad of a draft: a tap (tick false) sets the behaviour
// now going on; a tick of the timer (tick true) samples it, appending it to
// the sequence. The sequence does not touch the record's version, so the
// form saving as one types is not made stale by the pad.
func (s *Service) Code(ctx context.Context, actor app.Actor, id int64, kind, code string, tick bool) (Observation, error) {
	var o Observation
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if o, err = s.ownDraft(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := o.applyCode(kind, code, tick); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE observations SET st_codes = ?, st_current = ?, fias_codes = ?, fias_current = ? WHERE id = ?",
			o.STCodes, o.STCurrent, o.FIASCodes, o.FIASCurrent, id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "observation.code", "observation", id, "课堂观察编码："+o.Topic, nil,
			audit.Snapshot{"方法": kind, "编码": code, "采样": fmt.Sprint(tick)})
	})
	return o, err
}

func (o *Observation) applyCode(kind, code string, tick bool) error {
	switch {
	case kind == CodingST && !tick:
		if code != "T" && code != "S" {
			return app.Invalid("code", "S-T 编码只能是 T 或 S")
		}
		o.STCurrent = code
	case kind == CodingST:
		o.STCodes += o.STCurrent
	case kind == CodingFIAS && !tick:
		c, err := ParseFIAS(code)
		if err != nil || len(c) != 1 {
			return app.Invalid("code", "弗兰德斯编码应为 1 至 10 的数字")
		}
		o.FIASCurrent = c[0]
	case kind == CodingFIAS && o.FIASCurrent != 0:
		o.FIASCodes = strings.TrimSpace(o.FIASCodes + " " + fmt.Sprint(o.FIASCurrent))
	case kind != CodingFIAS:
		return app.Invalid("kind", "没有这种课堂观察方法")
	}
	return nil
}

// SaveCodes replaces both coded sequences of a draft as corrected by the
// observer; a bad code is an error at its field and nothing is written.
func (s *Service) SaveCodes(ctx context.Context, actor app.Actor, id int64, st, fias string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.SaveCodesTx(ctx, tx, actor, id, st, fias) })
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

// Coding is the analysis of a record's coding with the region's rules.
type Coding struct {
	ST   STResult
	FIAS FIASResult
	Th   STThresholds
}
