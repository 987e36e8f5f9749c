package training

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

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
