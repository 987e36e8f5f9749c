package quality

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// ExamEdit is what the organiser may change on an exam before its scores
// are imported: name, 学年学期, kind, grades, participating schools and the
// prior exam. Version is the version the form was read at.
type ExamEdit struct {
	ID        int64
	Version   int
	Name      string
	Term      dict.Term
	Kind      string
	Grades    []string
	SchoolIDs []int64
	PriorID   int64
}

// UpdateExam changes an exam the actor organises while no scores are
// imported (ECONFLICT after, or when the form is stale). A school-level
// exam keeps its school. The change is audited with before and after.
func (s *Service) UpdateExam(ctx context.Context, actor app.Actor, in ExamEdit) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, in.ID)
		if err != nil {
			return err
		}
		if err := noScores(ctx, tx, in.ID, "修改"); err != nil {
			return err
		}
		before := e
		e.Name, e.Term.Year, e.Term.Half, e.Kind, e.Grades = strings.TrimSpace(in.Name), in.Term.Year, in.Term.Half, in.Kind, in.Grades
		e.PriorID = in.PriorID
		if e.Level != LevelSchool {
			e.SchoolIDs = in.SchoolIDs
		}
		if err := e.Validate(); err != nil {
			return err
		}
		if err := checkSchools(ctx, tx, actor, e.SchoolIDs); err != nil {
			return err
		}
		if err := checkPrior(ctx, tx, actor, e); err != nil {
			return err
		}
		if err := checkDependents(ctx, tx, e); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE quality_exams SET name = ?, school_year = ?, half = ?, kind = ?, grades = ?, prior_exam_id = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, e.Name, e.Term.Year, int(e.Term.Half), e.Kind,
			strings.Join(e.Grades, "、"), nullID(e.PriorID), s.now().UnixMilli(), e.ID, in.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ECONFLICT, "该考试已被他人修改，请刷新后重新填写")
		}
		if _, err := tx.Exec(ctx, "DELETE FROM quality_exam_schools WHERE exam_id = ?", e.ID); err != nil {
			return err
		}
		for _, id := range e.SchoolIDs {
			if _, err := tx.Exec(ctx, "INSERT INTO quality_exam_schools (exam_id, school_id) VALUES (?, ?) ON CONFLICT DO NOTHING", e.ID, id); err != nil {
				return err
			}
		}
		e.Version = in.Version + 1
		return record(ctx, tx, actor, "exam.update", "exam", e.ID, "修改考试："+e.Name, before.snapshot(), e.snapshot())
	})
}

// DeleteExam removes an exam the actor organises that has never been
// analysed, with its papers and scores (ECONFLICT when it has a stored
// analysis, is another exam's prior, or the version is stale). Audited.
func (s *Service) DeleteExam(ctx context.Context, actor app.Actor, id int64, version int) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if e.Version != version {
			return app.Errorf(app.ECONFLICT, "该考试已被他人修改，请刷新后再删除")
		}
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM quality_reports WHERE exam_id = ?", id)
		if err != nil {
			return err
		}
		if n > 0 || e.ReportID != 0 {
			return app.Errorf(app.ECONFLICT, "该考试已有分析报告，不能删除")
		}
		if n, err = tx.Count(ctx, "SELECT COUNT(*) FROM quality_exams WHERE prior_exam_id = ?", id); err != nil {
			return err
		}
		if n > 0 {
			return app.Errorf(app.ECONFLICT, "该考试是其他考试的前测考试，不能删除")
		}
		for _, q := range []string{"DELETE FROM quality_scores WHERE exam_id = ?", "DELETE FROM quality_exam_subjects WHERE exam_id = ?",
			"DELETE FROM quality_items WHERE exam_id = ?", "DELETE FROM quality_paper_setters WHERE exam_id = ?", "DELETE FROM quality_exam_schools WHERE exam_id = ?", "DELETE FROM quality_exams WHERE id = ?"} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "exam.delete", "exam", id, "删除考试："+e.Name, e.snapshot(), nil)
	})
}

// noScores refuses (ECONFLICT) once any subject's scores are imported.
func noScores(ctx context.Context, tx *db.Tx, id int64, what string) error {
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM quality_exam_subjects WHERE exam_id = ?", id)
	if err == nil && n > 0 {
		err = app.Errorf(app.ECONFLICT, "该考试已导入成绩，不能再%s考试信息", what)
	}
	return err
}

// checkDependents refuses a term that is not earlier than that of an exam
// taking this one as its prior.
func checkDependents(ctx context.Context, tx *db.Tx, e Exam) error {
	n, err := tx.Count(ctx, `SELECT COUNT(*) FROM quality_exams WHERE prior_exam_id = ? AND (school_year < ? OR school_year = ? AND half <= ?)`,
		e.ID, e.Term.Year, e.Term.Year, int(e.Term.Half))
	if err == nil && n > 0 {
		err = app.Invalid("term", "该考试是其他考试的前测考试，学期应早于那次考试")
	}
	return err
}
