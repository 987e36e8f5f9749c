package training

import (
	"context"
	"fmt"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/policy"
)

const policyFundsRule = policy.RuleSchoolTrainingShareOfPublicFunds

// SavePlan creates (ID 0) or updates at p.Version a school's plan while it
// is a draft or returned, with its themes and activities. A second plan of
// the same school and 学年 is EINVALID; a stale version ECONFLICT.
func (s *Service) SavePlan(ctx context.Context, actor app.Actor, p Plan) (int64, error) {
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) (err error) {
		id, err = s.SavePlanTx(ctx, tx, actor, p)
		return err
	})
	return id, err
}

// SavePlanTx is SavePlan inside the caller's transaction tx, for writing
// many plans at once (the demo): the same checks, rows and audit entry.
func (s *Service) SavePlanTx(ctx context.Context, tx *db.Tx, actor app.Actor, p Plan) (int64, error) {
	if err := actor.Require(PermPlanEdit); err != nil {
		return 0, err
	}
	if p.ID != 0 { // the plan in scope first: its school and 学年 stay
		old, err := planInScope(ctx, tx, actor, p.ID)
		if err != nil {
			return 0, err
		}
		p.OrgID, p.SchoolYear = old.OrgID, old.SchoolYear
	}
	if err := p.Validate(); err != nil {
		return 0, err
	}
	name, err := schoolInScope(ctx, tx, actor, p.OrgID)
	if err != nil {
		return 0, err
	}
	if p.ID == 0 {
		err = s.insertPlan(ctx, tx, actor, &p)
	} else {
		err = s.updatePlan(ctx, tx, actor, p)
	}
	if err != nil {
		return 0, err
	}
	if err := writeParts(ctx, tx, p); err != nil {
		return 0, err
	}
	return p.ID, audit.RecordChange(ctx, tx, actor, "school_plan.save", "school_plan", p.ID,
		fmt.Sprintf("保存校本研修方案：%s %d学年", name, p.SchoolYear), nil, planSnapshot(p))
}

func planSnapshot(p Plan) audit.Snapshot {
	return audit.Snapshot{"学年": strconv.Itoa(p.SchoolYear), "主题数": strconv.Itoa(len(p.Themes)),
		"活动数": strconv.Itoa(len(p.Activities)), "公用经费": num(p.PublicFunds), "培训经费": num(p.TrainingFunds)}
}

func (s *Service) insertPlan(ctx context.Context, tx *db.Tx, actor app.Actor, p *Plan) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM school_training_plans WHERE org_id = ? AND school_year = ?", p.OrgID,
		p.SchoolYear).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return app.Invalid("school_year", "本校 %d学年已有校本研修方案，请在原方案上修改", p.SchoolYear)
	}
	now := s.now().UnixMilli()
	var err error
	p.ID, err = tx.InsertID(ctx, `INSERT INTO school_training_plans (org_id, school_year, public_funds, training_funds, status,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.OrgID, p.SchoolYear, p.PublicFunds,
		p.TrainingFunds, PlanDraft, actor.Username, now, now)
	return err
}

func (s *Service) updatePlan(ctx context.Context, tx *db.Tx, actor app.Actor, p Plan) error {
	old, err := planInScope(ctx, tx, actor, p.ID)
	if err != nil {
		return err
	}
	if !old.Editable() {
		return app.Invalid("status", "方案%s，不能修改", old.StatusName())
	}
	res, err := tx.Exec(ctx, `UPDATE school_training_plans SET public_funds = ?, training_funds = ?, version = version + 1,
		updated_at = ? WHERE id = ? AND version = ?`, p.PublicFunds, p.TrainingFunds, s.now().UnixMilli(), p.ID, p.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return app.Errorf(app.ECONFLICT, "该方案已被他人修改，请刷新后重试")
	}
	return nil
}

// SubmitPlan reports a draft or returned plan to the county for 备案: a
// 待办 for the county's administrators.
func (s *Service) SubmitPlan(ctx context.Context, actor app.Actor, id int64, version int) error {
	if err := actor.Require(PermPlanEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.SubmitPlanTx(ctx, tx, actor, id, version) })
}

// SubmitPlanTx is SubmitPlan inside the caller's transaction tx.
func (s *Service) SubmitPlanTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, version int) error {
	if err := actor.Require(PermPlanEdit); err != nil {
		return err
	}
	p, err := planInScope(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	if !p.Editable() {
		return app.Invalid("status", "方案%s，不能再次报送", p.StatusName())
	}
	if err := movePlan(ctx, tx, p, version, PlanSubmitted, "", "", s.now().UnixMilli()); err != nil {
		return err
	}
	users, err := countyApprovers(ctx, tx, p.region)
	if err != nil {
		return err
	}
	if err := notify.AddTodos(ctx, tx, users, notify.Todo{Key: planKey(id), Source: "校本研修方案",
		Title: fmt.Sprintf("备案校本研修方案：%s %d学年", p.OrgName, p.SchoolYear), Link: fmt.Sprintf("/school-plans/%d", id)}); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, "school_plan.submit", "school_plan", id, "报送校本研修方案："+p.OrgName,
		audit.Snapshot{"状态": p.StatusName()}, audit.Snapshot{"状态": PlanStatusNames[PlanSubmitted]})
}

func planKey(id int64) string { return fmt.Sprintf("school_plan:%d", id) }

// movePlan sets the status of p at version, refusing a stale one.
func movePlan(ctx context.Context, tx *db.Tx, p planRow, version int, status, note, by string, at int64) error {
	q, args := "UPDATE school_training_plans SET status = ?, version = version + 1", []any{status}
	if status == PlanSubmitted {
		q, args = q+", submitted_at = ?", append(args, at)
	} else {
		q, args = q+", review_note = ?, reviewed_by = ?, reviewed_at = ?", append(args, note, by, at)
	}
	res, err := tx.Exec(ctx, q+" WHERE id = ? AND version = ?", append(args, p.ID, version)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return app.Errorf(app.ECONFLICT, "该方案已被他人处理或修改，请刷新后重试")
	}
	return nil
}

// ReviewPlan is the county's 备案 (file true) or return with a reason of a
// submitted plan in scope; the school's administrators are told.
func (s *Service) ReviewPlan(ctx context.Context, actor app.Actor, id int64, version int, file bool, note string) error {
	if err := actor.Require(PermPlanReview); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.ReviewPlanTx(ctx, tx, actor, id, version, file, note) })
}

// ReviewPlanTx is ReviewPlan inside the caller's transaction tx.
func (s *Service) ReviewPlanTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, version int, file bool, note string) error {
	if err := actor.Require(PermPlanReview); err != nil {
		return err
	}
	p, err := planInScope(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	if lv, err := level(ctx, tx, withPerm(actor)); err != nil || lv != StageCounty {
		return app.Errorf(app.EFORBIDDEN, "校本研修方案由县级教育行政部门备案")
	}
	status, verb := PlanFiled, "备案"
	if !file {
		status, verb = PlanReturned, "退回"
		if note == "" {
			return app.Invalid("note", "退回须填写修改意见")
		}
	}
	if p.Status != PlanSubmitted {
		return app.Invalid("status", "方案%s，不能%s", p.StatusName(), verb)
	}
	if err := movePlan(ctx, tx, p, version, status, note, actor.Username, s.now().UnixMilli()); err != nil {
		return err
	}
	if _, err := notify.CloseTodos(ctx, tx, planKey(id)); err != nil {
		return err
	}
	if err := tellSchool(ctx, tx, p, "校本研修方案已"+verb, fmt.Sprintf("%d学年校本研修方案已%s。%s", p.SchoolYear, verb, note)); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, "school_plan."+status, "school_plan", id, verb+"校本研修方案："+p.OrgName,
		audit.Snapshot{"状态": p.StatusName()}, audit.Snapshot{"状态": PlanStatusNames[status], "意见": note})
}

// withPerm lets level read the actor's organisation kind for a reviewer
// who may not approve claims.
func withPerm(a app.Actor) app.Actor {
	b := a
	b.Perms = map[app.Perm]bool{PermClaimApprove: true}
	return b
}

func tellSchool(ctx context.Context, tx *db.Tx, p planRow, title, body string) error {
	users, err := notify.UsersAt(ctx, tx, p.OrgID, auth.RoleSchoolAdmin)
	if err != nil {
		return err
	}
	for _, u := range users {
		if _, err := notify.Send(ctx, tx, notify.Message{UserID: u, Title: title, Body: body,
			Link: fmt.Sprintf("/school-plans/%d", p.ID)}); err != nil {
			return err
		}
	}
	return nil
}

const policyTrainerRule = policy.RuleOfficeTrainerTrainingPerYear
