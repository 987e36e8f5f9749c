package quality

import (
	"context"
	"encoding/json"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Report is the head of a stored analysis.
type Report struct {
	ID        int64
	ExamID    int64
	Students  int
	Subjects  []string // in score order, the total (总分) last
	Missing   []string // paper subjects without scores, not analysed
	Meta      json.RawMessage
	Notes     []string // rules not set, so their warnings were not raised (本区域未设定规则：…)
	CreatedAt int64
}

// Analysis levels of the stored group records.
const (
	GroupRegion = "region"
	GroupCounty = "county"
	GroupSchool = "school"
	GroupClass  = "class"
)

// visible reports whether a group record at scope path (school id sid) may
// be shown to actor: region figures to whoever sees the exam; a county's to
// users inside or above it; a school's or class's to users above it only.
func visible(actor app.Actor, level, path string, sid int64) bool {
	switch level {
	case GroupRegion:
		return true
	case GroupCounty:
		if auth.InScope(actor, path, 0, 0) {
			return true
		}
		for _, p := range actor.Scope.Prefixes {
			if strings.HasPrefix(p, path) {
				return true
			}
		}
		return strings.HasPrefix(actor.OrgPath, path)
	}
	return auth.InScope(actor, path, sid, 0)
}

// currentReport loads the exam (which the actor must see) and its current
// report, or the earlier one ctx asks for (WithReport).
func currentReport(ctx context.Context, tx *db.Tx, actor app.Actor, examID int64) (Exam, Report, error) {
	e, _, err := seeExam(ctx, tx, actor, examID)
	if err != nil {
		return e, Report{}, err
	}
	rid := reportOf(ctx, e.ReportID)
	if rid == 0 {
		return e, Report{}, app.Errorf(app.ENOTFOUND, "该考试还没有分析报告")
	}
	var rp Report
	var subjects, missing, meta, notes string
	err = tx.QueryRow(ctx, "SELECT id, exam_id, students, subjects, missing, meta, notes, created_at FROM quality_reports WHERE id = ? AND exam_id = ?", rid, examID).
		Scan(&rp.ID, &rp.ExamID, &rp.Students, &subjects, &missing, &meta, &notes, &rp.CreatedAt)
	if db.IsNoRows(err) {
		return e, Report{}, app.Errorf(app.ENOTFOUND, "找不到该次分析报告")
	}
	if notes != "" {
		rp.Notes = strings.Split(notes, "；")
	}
	rp.Subjects, rp.Meta = splitList(subjects), json.RawMessage(meta)
	rp.Missing = splitList(missing)
	return e, rp, err
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}

// FindReport returns the exam's current report head.
func (s *Service) FindReport(ctx context.Context, actor app.Actor, examID int64) (Exam, Report, error) {
	var e Exam
	var rp Report
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if _, rp, err = currentReport(ctx, tx, actor, examID); err != nil {
			return err
		}
		e, _, err = loadExam(ctx, tx, actor, examID)
		return err
	})
	return e, rp, err
}
