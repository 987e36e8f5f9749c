package training

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Answers are a respondent's answers by question id: the chosen option
// numbers (from 1) or the rating for choices, the text for text questions.
type Answers map[int64][]string

// Answer records the actor's answers to a survey sent to them, once: a
// second answer is refused. Choice and rating questions must be answered;
// text questions may be left empty.
func (s *Service) Answer(ctx context.Context, actor app.Actor, id int64, ans Answers) error {
	if err := actor.Require(PermCreditView); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.AnswerTx(ctx, tx, actor, id, ans) })
}

// AnswerTx is Answer inside the caller's transaction tx, for recording
// many people's answers at once (the demo): the same checks, rows and
// audit entry. ENOTFOUND and the other refusals but a repeated answer come
// before anything is written, so the caller may go on to the next person.
func (s *Service) AnswerTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, ans Answers) error {
	if err := actor.Require(PermCreditView); err != nil {
		return err
	}
	sv, _, err := s.surveyFor(ctx, tx, actor, id)
	switch {
	case err != nil:
		return err
	case !sv.Eligible:
		return app.Errorf(app.EFORBIDDEN, "该问卷未发给您")
	case !sv.Open():
		return app.Invalid("survey", "该问卷已结束")
	case sv.Done:
		return app.Invalid("survey", "您已提交过该问卷，不能重复提交")
	}
	rows, err := answerRows(sv.Questions, ans)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO training_survey_responses (survey_id, person_id, created_at) VALUES (?, ?, ?)", id,
		actor.PersonID, s.now().UnixMilli()); err != nil {
		if db.IsUniqueViolation(err) {
			return app.Invalid("survey", "您已提交过该问卷，不能重复提交")
		}
		return err
	}
	for _, a := range rows {
		if _, err := tx.Exec(ctx, "INSERT INTO training_survey_answers (survey_id, question_id, choice, text) VALUES (?, ?, ?, ?)",
			id, a.question, a.choice, a.text); err != nil {
			return err
		}
	}
	return audit.RecordChange(ctx, tx, actor, "survey.answer", "survey", id, "提交问卷："+sv.Title, nil, nil)
}

type answerRow struct {
	question int64
	choice   int
	text     string
}

// answerRows checks ans against the questions and gives the rows to store.
func answerRows(qs []Question, ans Answers) ([]answerRow, error) {
	var out []answerRow
	for i, q := range qs {
		vals := ans[q.ID]
		bad := app.Invalid(fmt.Sprintf("q%d", q.ID), "第 %d 题「%s」：请作答", i+1, q.Prompt)
		switch q.Kind {
		case "text":
			if t := strings.TrimSpace(strings.Join(vals, "")); t != "" {
				if len([]rune(t)) > 1000 {
					return nil, app.Invalid(fmt.Sprintf("q%d", q.ID), "第 %d 题「%s」：不能超过 1000 字", i+1, q.Prompt)
				}
				out = append(out, answerRow{question: q.ID, text: t})
			}
		case "single", "rating", "multiple":
			max := len(q.Options)
			if q.Kind == "rating" {
				max = 5
			}
			if len(vals) == 0 || q.Kind != "multiple" && len(vals) > 1 {
				return nil, bad
			}
			seen := map[int]bool{}
			for _, v := range vals {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || n < 1 || n > max || seen[n] {
					return nil, bad
				}
				seen[n] = true
				out = append(out, answerRow{question: q.ID, choice: n})
			}
		}
	}
	return out, nil
}
