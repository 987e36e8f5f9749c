package training

import (
	"context"

	"jiaoyan/internal/app"
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
