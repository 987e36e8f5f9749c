package training

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// SurveyQuestionsTx returns survey id's questions, as FindSurvey does,
// inside the caller's transaction tx and without counting the survey's
// population (a count over the region's people): for answering many
// responses at once (the demo). The same visibility applies: ENOTFOUND
// unless the survey is sent to the actor or the actor manages it.
func (s *Service) SurveyQuestionsTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) ([]Question, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	sv, _, err := s.surveyFor(ctx, tx, actor, id)
	return sv.Questions, err
}

// SignUpTx is SignUp inside the caller's transaction tx, for signing many
// teachers up at once (the demo): the same checks, row and audit entry.
func (s *Service) SignUpTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) error {
	if actor.PersonID == 0 {
		return app.Errorf(app.EFORBIDDEN, "您的账号未关联教师，不能报名")
	}
	p, err := programInScope(ctx, tx, actor, id)
	switch {
	case err != nil:
		return err
	case !p.Open:
		return app.Invalid("program", "该项目由学校或县区指派，不接受个人报名")
	case p.Completed():
		return app.Invalid("program", "该项目已结业")
	case p.MyState != "":
		return app.Invalid("program", "您已报名该项目")
	}
	if _, err := tx.Exec(ctx, "INSERT INTO training_enrolments (program_id, person_id, created_at) VALUES (?, ?, ?)", id,
		actor.PersonID, s.now().UnixMilli()); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, "program.signup", "program", id, "报名培训项目："+p.Title, nil, nil)
}
