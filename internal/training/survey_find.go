package training

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// targetWhere is the condition under which person p (of org o in region
// r) belongs to survey t's population (t of region g).
const targetWhere = `p.active = TRUE AND o.kind = 'school' AND (
	(t.kind = 'evaluation' AND EXISTS (SELECT 1 FROM training_enrolments e WHERE e.program_id = t.program_id AND e.person_id = p.id AND e.state = 'approved'))
	OR (t.kind = 'needs' AND r.path LIKE g.path || '%' AND (t.org_id = 0 OR p.org_id = t.org_id) AND (t.tier = '' OR p.tier = t.tier)
		AND (t.subject = '' OR ',' || p.subjects || ',' LIKE '%,' || t.subject || ',%')
		AND (t.stage = '' OR ',' || p.stages || ',' LIKE '%,' || t.stage || ',%')))`

const surveySelect = `SELECT t.id, t.region_code, g.name, t.org_id, COALESCE(so.name, ''), t.kind, COALESCE(t.program_id, 0), COALESCE(pr.title, ''), t.title, t.tier,
	t.subject, t.stage, t.status, t.version,
	0, (SELECT COUNT(*) FROM training_survey_responses x WHERE x.survey_id = t.id),
	(SELECT COUNT(*) FROM people p JOIN orgs o ON o.id = p.org_id JOIN regions r ON r.code = o.region_code WHERE p.id = ? AND ` + targetWhere + `),
	(SELECT COUNT(*) FROM training_survey_responses x WHERE x.survey_id = t.id AND x.person_id = ?)
	FROM training_surveys t JOIN regions g ON g.code = t.region_code LEFT JOIN training_programs pr ON pr.id = t.program_id
	LEFT JOIN orgs so ON so.id = t.org_id`

// targeted counts the people sv is sent to, for the response rate on the
// survey pages; answering or closing a survey never counts its
// population (an evaluation's approved enrolees are few; a needs survey's
// region is read once per page).
func targeted(ctx context.Context, tx *db.Tx, sv Survey) (int, error) {
	var n int
	q := `SELECT COUNT(*) FROM training_surveys t JOIN regions g ON g.code = t.region_code
		JOIN people p ON TRUE JOIN orgs o ON o.id = p.org_id JOIN regions r ON r.code = o.region_code
		WHERE t.id = ? AND ` + targetWhere
	if sv.Kind == "evaluation" {
		q = `SELECT COUNT(*) FROM training_enrolments e JOIN people p ON p.id = e.person_id JOIN orgs o ON o.id = p.org_id
			WHERE e.program_id = (SELECT program_id FROM training_surveys WHERE id = ?) AND e.state = 'approved'
			AND p.active = TRUE AND o.kind = 'school'`
	}
	err := tx.QueryRow(ctx, q, sv.ID).Scan(&n)
	return n, err
}

func scanSurvey(r db.Scanner) (Survey, error) {
	var sv Survey
	var eligible, done int
	err := r.Scan(&sv.ID, &sv.RegionCode, &sv.RegionName, &sv.OrgID, &sv.OrgName, &sv.Kind, &sv.ProgramID, &sv.Program, &sv.Title, &sv.Tier, &sv.Subject,
		&sv.Stage, &sv.Status, &sv.Version, &sv.Targeted, &sv.Answered, &eligible, &done)
	sv.Eligible, sv.Done = eligible > 0, done > 0
	return sv, err
}

// FindSurveys lists the questionnaires the actor answers (sent to them)
// or manages (of a region in their scope), newest first.
func (s *Service) FindSurveys(ctx context.Context, actor app.Actor) ([]Survey, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	vis, args := programVisible(actor)
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Survey, error) {
		all, err := db.QueryAll(ctx, tx, scanSurvey, surveySelect+" WHERE "+vis+" ORDER BY t.id DESC LIMIT 500",
			append([]any{actor.PersonID, actor.PersonID}, args...)...)
		if err != nil {
			return nil, err
		}
		out := all[:0]
		for _, sv := range all {
			if !sv.Eligible && !s.managesSurvey(ctx, tx, actor, sv) {
				continue
			}
			if sv.Targeted, err = targeted(ctx, tx, sv); err != nil {
				return nil, err
			}
			out = append(out, sv)
		}
		return out, nil
	})
}

func (s *Service) managesSurvey(ctx context.Context, tx *db.Tx, actor app.Actor, sv Survey) bool {
	if !actor.Can(PermProgramManage) {
		return false
	}
	_, err := regionInScope(ctx, tx, actor, sv.RegionCode)
	return err == nil
}

// surveyFor loads a survey with its questions the actor answers or manages.
func (s *Service) surveyFor(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Survey, bool, error) {
	vis, args := programVisible(actor)
	sv, err := scanSurvey(tx.QueryRow(ctx, surveySelect+" WHERE t.id = ? AND "+vis, append([]any{actor.PersonID, actor.PersonID, id}, args...)...))
	if db.IsNoRows(err) {
		return sv, false, app.Errorf(app.ENOTFOUND, "找不到该问卷")
	}
	if err != nil {
		return sv, false, err
	}
	manager := s.managesSurvey(ctx, tx, actor, sv)
	if !sv.Eligible && !manager {
		return sv, false, app.Errorf(app.ENOTFOUND, "找不到该问卷")
	}

	sv.Questions, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Question, error) {
		var q Question
		var opts string
		err := r.Scan(&q.ID, &q.Kind, &q.Prompt, &opts)
		if opts != "" {
			q.Options = strings.Split(opts, "\n")
		}
		return q, err
	}, "SELECT id, kind, prompt, options FROM training_survey_questions WHERE survey_id = ? ORDER BY position", id)
	return sv, manager, err
}

// FindSurvey returns one questionnaire with its questions, and whether
// the actor manages it (and so may read its results).
func (s *Service) FindSurvey(ctx context.Context, actor app.Actor, id int64) (Survey, bool, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return Survey{}, false, err
	}
	var sv Survey
	var manager bool
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if sv, manager, err = s.surveyFor(ctx, tx, actor, id); err != nil {
			return err
		}
		sv.Targeted, err = targeted(ctx, tx, sv)
		return err
	})
	return sv, manager, err
}
