package training

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// Survey kinds: a needs survey (培训需求调研) or a program's evaluation
// (培训评价).
var SurveyKinds = map[string]string{"needs": "培训需求调研", "evaluation": "培训评价"}

// Question kinds of the one questionnaire component.
var QuestionKinds = map[string]string{"single": "单选", "multiple": "多选", "rating": "评分", "text": "填空"}

// Question is one question of a questionnaire.
type Question struct {
	ID      int64
	Kind    string
	Prompt  string
	Options []string // single and multiple choice only
}

// KindName is the question's kind in Chinese.
func (q Question) KindName() string { return QuestionKinds[q.Kind] }

// Ratings are the choices of a rating question (1-5).
func (q Question) Ratings() []int { return []int{1, 2, 3, 4, 5} }

// Survey is one questionnaire (问卷) and its target population.
type Survey struct {
	ID         int64
	RegionCode string
	RegionName string
	OrgID      int64  // one school of the region, 0 for all of them
	OrgName    string // that school's name
	Kind       string
	ProgramID  int64 // evaluation only
	Program    string
	Title      string
	Tier       string
	Subject    string
	Stage      string
	Status     string
	Version    int
	Questions  []Question
	Targeted   int  // people the survey is sent to
	Answered   int  // people who answered
	Eligible   bool // the actor is in the target population
	Done       bool // the actor has answered
}

// KindName is the survey's kind in Chinese.
func (s Survey) KindName() string { return SurveyKinds[s.Kind] }

// Open reports whether answers are still taken.
func (s Survey) Open() bool { return s.Status == "open" }

// Target reads the population in Chinese, e.g. "鹿城区 · 骨干 · 数学 · 小学".
func (s Survey) Target() string {
	if s.Kind == "evaluation" {
		return "「" + s.Program + "」的报名学员"
	}
	parts := []string{s.RegionName}
	if s.OrgID != 0 {
		parts = []string{s.OrgName}
	}
	if s.Tier != "" {
		parts = append(parts, org.TierNames[s.Tier])
	}
	if s.Subject != "" {
		parts = append(parts, s.Subject)
	}
	if s.Stage != "" {
		parts = append(parts, org.StageNames[s.Stage])
	}
	return strings.Join(parts, " · ")
}

// Rate reads answered of targeted, e.g. "12/30（40.0%）".
func (s Survey) Rate() string { return countShare(s.Answered, s.Targeted) }

func countShare(n, of int) string {
	if of == 0 {
		return fmt.Sprintf("%d/0", n)
	}
	return fmt.Sprintf("%d/%d（%.1f%%）", n, of, float64(n)*100/float64(of))
}

// ParseQuestions reads questions one a line as "类型|题目|选项1;选项2":
// 类型 one of 单选/多选/评分/填空 (full-width ｜ and ； are accepted).
func ParseQuestions(text string) ([]Question, error) {
	byName := map[string]string{}
	for k, v := range QuestionKinds {
		byName[v] = k
	}
	var out []Question
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.NewReplacer("｜", "|", "；", ";").Replace(line))
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		q := Question{Kind: byName[strings.TrimSpace(parts[0])]}
		if len(parts) > 1 {
			q.Prompt = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			for _, o := range strings.Split(parts[2], ";") {
				if o = strings.TrimSpace(o); o != "" {
					q.Options = append(q.Options, o)
				}
			}
		}
		if err := q.validate(); err != nil {
			return nil, app.Invalid("questions", "第 %d 行：%s", i+1, app.ErrorMessage(err))
		}
		out = append(out, q)
	}
	if len(out) == 0 {
		return nil, app.Invalid("questions", "请至少填写一道题目")
	}
	return out, nil
}

// QuestionsText writes questions back in ParseQuestions' form.
func QuestionsText(qs []Question) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.KindName() + "|" + q.Prompt)
		if len(q.Options) > 0 {
			b.WriteString("|" + strings.Join(q.Options, ";"))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (q Question) validate() error {
	switch {
	case q.Kind == "":
		return app.Invalid("questions", "题型应为单选、多选、评分或填空")
	case q.Prompt == "":
		return app.Invalid("questions", "请填写题目")
	case (q.Kind == "single" || q.Kind == "multiple") && len(q.Options) < 2:
		return app.Invalid("questions", "选择题至少需要两个选项")
	case q.Kind != "single" && q.Kind != "multiple" && len(q.Options) > 0:
		return app.Invalid("questions", "评分题和填空题不设选项")
	case len(q.Options) > 20:
		return app.Invalid("questions", "选项不能超过 20 个")
	}
	return nil
}

// CreateSurvey sends a questionnaire: a needs survey to the people of a
// region in the manager's scope (s.RegionCode, the manager's own when
// empty) or of one school in it (s.OrgID), narrowed by tier, subject and
// stage, or, with s.ProgramID, the
// evaluation of a program the manager runs, to its enrolled.
func (s *Service) CreateSurvey(ctx context.Context, actor app.Actor, sv Survey) (int64, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return 0, err
	}
	sv.Title, sv.Subject = strings.TrimSpace(sv.Title), strings.TrimSpace(sv.Subject)
	switch {
	case sv.Title == "":
		return 0, app.Invalid("title", "请填写问卷名称")
	case sv.Tier != "" && org.TierNames[sv.Tier] == "":
		return 0, app.Invalid("tier", "请选择调研对象梯级")
	case sv.Stage != "" && org.StageNames[sv.Stage] == "":
		return 0, app.Invalid("stage", "请选择调研对象学段")
	case len(sv.Questions) == 0:
		return 0, app.Invalid("questions", "请至少填写一道题目")
	}
	for i, q := range sv.Questions {
		if err := q.validate(); err != nil {
			return 0, app.Invalid("questions", "第 %d 题：%s", i+1, app.ErrorMessage(err))
		}
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var program any
		sv.Kind = "needs"
		if sv.ProgramID != 0 {
			p, err := s.managedProgram(ctx, tx, actor, sv.ProgramID)
			if err != nil {
				return err
			}
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_surveys WHERE program_id = ?", p.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return app.Invalid("program", "该项目已有评价问卷")
			}
			sv.Kind, sv.RegionCode, program, sv.Tier, sv.Subject, sv.Stage = "evaluation", p.RegionCode, p.ID, "", "", ""
			sv.OrgID = 0
		} else if sv.OrgID != 0 {
			var path, kind string
			err := tx.QueryRow(ctx, "SELECT path, kind, region_code FROM orgs WHERE id = ? AND active = TRUE", sv.OrgID).
				Scan(&path, &kind, &sv.RegionCode)
			if db.IsNoRows(err) || err == nil && (kind != "school" || !auth.InScope(actor, path, sv.OrgID, 0)) {
				return app.Invalid("org_id", "请选择您管辖范围内的学校")
			}
			if err != nil {
				return err
			}
		} else if sv.RegionCode == "" {
			var err error
			if sv.RegionCode, err = actorRegion(ctx, tx, actor); err != nil {
				return err
			}
		}
		if _, err := regionInScope(ctx, tx, actor, sv.RegionCode); err != nil {
			return app.Invalid("region", "请选择您管辖范围内的区域")
		}
		var err error
		sv.ID, err = tx.InsertID(ctx, `INSERT INTO training_surveys (region_code, org_id, kind, program_id, title, tier, subject, stage,
			status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id`, sv.RegionCode, sv.OrgID, sv.Kind,
			program, sv.Title, sv.Tier, sv.Subject, sv.Stage, actor.Username, s.now().UnixMilli())
		if err != nil {
			return err
		}
		for i, q := range sv.Questions {
			if _, err := tx.Exec(ctx, `INSERT INTO training_survey_questions (survey_id, position, kind, prompt, options)
				VALUES (?, ?, ?, ?, ?)`, sv.ID, i+1, q.Kind, q.Prompt, strings.Join(q.Options, "\n")); err != nil {
				return err
			}
		}
		return audit.RecordChange(ctx, tx, actor, "survey.create", "survey", sv.ID, "发布问卷："+sv.Title, nil,
			audit.Snapshot{"问卷": sv.Title, "类别": sv.KindName(), "题数": strconv.Itoa(len(sv.Questions))})
	})
	return sv.ID, err
}

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

// CloseSurvey stops a survey of the manager's scope taking answers.
func (s *Service) CloseSurvey(ctx context.Context, actor app.Actor, id int64, version int) error {
	if err := actor.Require(PermProgramManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		sv, manager, err := s.surveyFor(ctx, tx, actor, id)
		switch {
		case err == nil && !manager:
			return app.Errorf(app.ENOTFOUND, "找不到该问卷")
		case err != nil:
			return err
		case !sv.Open():
			return app.Invalid("survey", "该问卷已结束")
		}
		res, err := tx.Exec(ctx, "UPDATE training_surveys SET status = 'closed', version = version + 1 WHERE id = ? AND version = ?", id, version)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil || k == 0 {
			return app.Errorf(app.ECONFLICT, "该问卷已被他人修改，请刷新后重试")
		}
		return audit.RecordChange(ctx, tx, actor, "survey.close", "survey", id, "结束问卷："+sv.Title, audit.Snapshot{"状态": "进行中"},
			audit.Snapshot{"状态": "已结束", "填答": sv.Rate()})
	})
}

// Choice is one option of a picker: a code or id and its name.
type Choice struct {
	Value string
	Name  string
}

// SurveyTargets are the regions and schools a manager may send a needs
// survey to: those in their scope, regions by path (the city, then its
// counties), schools by region and name.
func (s *Service) SurveyTargets(ctx context.Context, actor app.Actor) (regions, schools []Choice, err error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return nil, nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		type row struct{ value, name, path string }
		scan := func(r db.Scanner) (row, error) {
			var x row
			return x, r.Scan(&x.value, &x.name, &x.path)
		}
		rs, err := db.QueryAll(ctx, tx, scan, "SELECT code, name, path FROM regions ORDER BY path")
		if err != nil {
			return err
		}
		for _, r := range rs {
			if auth.InScope(actor, r.path, 0, 0) {
				regions = append(regions, Choice{Value: r.value, Name: r.name})
			}
		}
		schools, err = schoolChoices(ctx, tx, actor)
		return err
	})
	return regions, schools, err
}
