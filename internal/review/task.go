package review

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Task is one review task (评审任务) as its expert sees it. In a blind
// campaign Author and School are empty.
type Task struct {
	ID             int64
	CampaignID     int64
	Campaign       string
	Blind          bool
	Status         string
	Due            string
	NoConflict     bool
	RubricVersion  int
	Rubric         []RubricItem
	Scores         []float64
	Comment        string
	Total          *float64
	Submission     Submission
	CampaignFields []string // the call's extra fields, answered in Submission.Answers
	Version        int
}

// Overdue reports whether the task is open past its due date on today.
func (t Task) Overdue(today string) bool {
	return t.Status != AsDone && t.Due != "" && t.Due < today
}

const taskCols = `a.id, a.campaign_id, c.title, c.blind, a.status, a.due_on, a.no_conflict, a.rubric_version, a.scores, a.comment,
	a.total, a.version, ` + subCols + `, c.form_fields`

const taskFrom = ` FROM review_assignments a JOIN review_campaigns c ON c.id = a.campaign_id
	JOIN review_experts e ON e.id = a.expert_id JOIN review_submissions s ON s.id = a.submission_id
	JOIN people p ON p.id = s.author_id JOIN orgs o ON o.id = s.org_id`

// mine is the condition that the assignment's expert is the actor.
const mine = ` ((e.person_id IS NOT NULL AND e.person_id = ?) OR (e.user_id IS NOT NULL AND e.user_id = ?))`

func scanTask(r db.Scanner) (Task, error) {
	var t Task
	var scores string
	var x Submission
	var co, answers, fields string
	err := r.Scan(&t.ID, &t.CampaignID, &t.Campaign, &t.Blind, &t.Status, &t.Due, &t.NoConflict, &t.RubricVersion, &scores,
		&t.Comment, &t.Total, &t.Version,
		&x.ID, &x.CampaignID, &x.AuthorID, &x.Author, &co, &x.OrgID, &x.OrgName, &x.OrgPath, &x.County, &x.Title,
		&x.Subject, &x.Stage, &x.Content, &x.Status, &x.Level, &x.CheckNote, &x.Score, &x.Rank, &x.Awarded, &x.Version, &answers, &x.ScoreMethod, &fields)
	x.Answers = jsonList(answers)
	if scores != "" {
		_ = json.Unmarshal([]byte(scores), &t.Scores) // written by SaveScores only
	}
	t.Submission = expertView(x, t.Blind)
	t.CampaignFields = jsonList(fields)
	return t, err
}

// expertView is what an expert may see of a submission: in a blind
// campaign no names, school or ids of people and places.
func expertView(x Submission, blind bool) Submission {
	v := Submission{ID: x.ID, CampaignID: x.CampaignID, Title: x.Title, Subject: x.Subject, Stage: x.Stage, Content: x.Content, Answers: x.Answers}
	if !blind {
		v.Author, v.OrgName = x.Author, x.OrgName
	}
	return v
}

// MyTasks lists the actor's review tasks that are not declined, open
// first by due date.
func (s *Service) MyTasks(ctx context.Context, actor app.Actor) (out []Task, err error) {
	if err := actor.Require(PermScore); err != nil {
		return nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		out, err = db.QueryAll(ctx, tx, scanTask, "SELECT "+taskCols+taskFrom+" WHERE"+mine+
			" AND a.status IN ('invited','accepted','done') ORDER BY CASE WHEN a.status = 'done' THEN 1 ELSE 0 END, a.due_on, a.id",
			actor.PersonID, actor.UserID)
		return err
	})
	return out, err
}

// InPool reports whether the actor is an active member of some pool.
func (s *Service) InPool(ctx context.Context, actor app.Actor) (in bool, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_experts e WHERE e.active = TRUE AND"+mine, actor.PersonID, actor.UserID)
		in = n > 0
		return err
	})
	return in, err
}

// FindTask returns one of the actor's own open or done tasks with the
// rubric it is scored on. Anyone else's task, and a task declined or
// declared a conflict, is not found.
func (s *Service) FindTask(ctx context.Context, actor app.Actor, id int64) (t Task, err error) {
	if err := actor.Require(PermScore); err != nil {
		return t, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		t, err = ownTask(ctx, tx, actor, id)
		return err
	})
	return t, err
}

func ownTask(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Task, error) {
	t, err := scanTask(tx.QueryRow(ctx, "SELECT "+taskCols+taskFrom+" WHERE a.id = ? AND"+mine+
		" AND a.status IN ('invited','accepted','done')", id, actor.PersonID, actor.UserID))
	if err != nil {
		return Task{}, notFound("评审任务")
	}
	if t.RubricVersion == 0 {
		t.RubricVersion, t.Rubric, err = currentRubric(ctx, tx, t.CampaignID)
	} else {
		t.Rubric, err = rubricVersion(ctx, tx, t.CampaignID, t.RubricVersion)
	}
	return t, err
}

// Respond accepts or declines an invitation; a decline (with its reason)
// leaves the submission for the campaign manager's 补派.
func (s *Service) Respond(ctx context.Context, actor app.Actor, id int64, accept bool, reason string) error {
	if err := actor.Require(PermScore); err != nil {
		return err
	}
	if !accept && strings.TrimSpace(reason) == "" {
		return app.Invalid("reason", "请填写谢绝原因")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		t, err := ownTask(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if t.Status != AsInvited {
			return app.Invalid("status", "该邀请已答复")
		}
		status, action := AsAccepted, "assignment.accept"
		if !accept {
			status, action = AsDeclined, "assignment.decline"
		}
		if err := s.setTask(ctx, tx, id, status); err != nil {
			return err
		}
		if !accept {
			if err := s.closeDeclined(ctx, tx, id); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, action, "assignment", id, fmt.Sprintf("%s评审邀请 %s %s", map[bool]string{true: "接受", false: "谢绝"}[accept],
			t.Campaign, reason), nil, nil)
	})
}

func (s *Service) setTask(ctx context.Context, tx *db.Tx, id int64, status string) error {
	_, err := tx.Exec(ctx, "UPDATE review_assignments SET status = ?, version = version + 1, updated_at = ? WHERE id = ?", status, s.now().Unix(), id)
	return err
}

func (s *Service) closeDeclined(ctx context.Context, tx *db.Tx, id int64) error {
	if _, err := tx.Exec(ctx, "UPDATE review_experts SET declines = declines + 1 WHERE id = (SELECT expert_id FROM review_assignments WHERE id = ?)", id); err != nil {
		return err
	}
	return closeTodoIfDone(ctx, tx, id)
}

// Declare is the expert's 回避声明 before scoring: no conflict lets them
// score (and accepts the invitation); a conflict records it against the
// submission and hands the task back for 补派.
func (s *Service) Declare(ctx context.Context, actor app.Actor, id int64, conflict bool, reason string) error {
	if err := actor.Require(PermScore); err != nil {
		return err
	}
	if conflict && strings.TrimSpace(reason) == "" {
		return app.Invalid("reason", "请说明需要回避的原因")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		t, err := ownTask(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if t.Status == AsDone {
			return app.Invalid("status", "评分已提交")
		}
		if conflict {
			var expert int64
			if err := tx.QueryRow(ctx, "SELECT expert_id FROM review_assignments WHERE id = ?", id).Scan(&expert); err != nil {
				return err
			}
			if err := addConflict(ctx, tx, expert, 0, 0, t.Submission.ID, reason, s.now().Unix()); err != nil {
				return err
			}
			if err := s.setTask(ctx, tx, id, AsConflict); err != nil {
				return err
			}
			if err := closeTodoIfDone(ctx, tx, id); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, "UPDATE review_assignments SET no_conflict = TRUE, status = ?, version = version + 1, updated_at = ? WHERE id = ?",
			AsAccepted, s.now().Unix(), id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "assignment.declare", "assignment", id, "回避声明 "+t.Campaign+"："+
			map[bool]string{true: "需回避 " + reason, false: "无利益冲突"}[conflict], nil, nil)
	})
}

// TotalText is the submitted total to one decimal, "" before 提交.
func (t Task) TotalText() string {
	if t.Total == nil {
		return ""
	}
	return strconv.FormatFloat(*t.Total, 'f', 1, 64)
}
