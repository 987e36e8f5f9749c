package review

import (
	"context"
	"encoding/json"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// ScoreForm is one save of the score form: a score per rubric item (in the
// rubric's order), a comment, and Final for 提交 (a draft otherwise, as
// the expert types).
type ScoreForm struct {
	Task    int64
	Version int
	Scores  []float64
	Comment string
	Final   bool
}

// SaveScores saves the expert's scores on their task after the 回避声明;
// the task keeps the rubric version it was first scored on. A final save
// needs every item and closes the 待办. It returns the new version.
func (s *Service) SaveScores(ctx context.Context, actor app.Actor, f ScoreForm) (int, error) {
	if err := actor.Require(PermScore); err != nil {
		return 0, err
	}
	var v int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		t, err := ownTask(ctx, tx, actor, f.Task)
		if err != nil {
			return err
		}
		if err := checkScores(t, f); err != nil {
			return err
		}
		var total any
		if f.Final {
			sum := 0.0
			for _, x := range f.Scores {
				sum += x
			}
			total = sum
		}
		status := t.Status
		if f.Final {
			status = AsDone
		}
		raw, _ := json.Marshal(f.Scores)
		now := s.now().Unix()
		res, err := tx.Exec(ctx, `UPDATE review_assignments SET scores = ?, comment = ?, total = ?, status = ?, rubric_version = ?,
			done_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, string(raw), f.Comment, total, status,
			t.RubricVersion, map[bool]int64{true: now, false: 0}[f.Final], now, f.Task, f.Version)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return stale()
		}
		if err != nil {
			return err
		}
		v = f.Version + 1
		action := "assignment.score"
		if f.Final {
			action = "assignment.submit"
			if err := s.finishTask(ctx, tx, t); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, action, "assignment", f.Task, "评分 "+t.Campaign, nil, nil)
	})
	return v, err
}

func checkScores(t Task, f ScoreForm) error {
	switch {
	case t.Status == AsDone:
		return app.Invalid("scores", "评分已提交，不能修改")
	case !t.NoConflict:
		return app.Invalid("no_conflict", "请先完成回避声明")
	case len(f.Scores) > len(t.Rubric), f.Final && len(f.Scores) != len(t.Rubric):
		return app.Invalid("scores", "请为全部 %d 项指标打分", len(t.Rubric))
	}
	for i, x := range f.Scores {
		if x < 0 || x > float64(t.Rubric[i].Max) {
			return app.Invalid(fmt.Sprintf("score_%d", i), "“%s”的得分应在 0 到 %d 之间", t.Rubric[i].Name, t.Rubric[i].Max)
		}
	}
	return nil
}

// finishTask closes the 待办 and counts the review, late or not, on the
// expert's record (动态管理).
func (s *Service) finishTask(ctx context.Context, tx *db.Tx, t Task) error {
	late := 0
	if t.Overdue(s.today()) {
		late = 1
	}
	if _, err := tx.Exec(ctx, `UPDATE review_experts SET reviews_done = reviews_done + 1, reviews_late = reviews_late + ?
		WHERE id = (SELECT expert_id FROM review_assignments WHERE id = ?)`, late, t.ID); err != nil {
		return err
	}
	return closeTodoIfDone(ctx, tx, t.ID)
}
