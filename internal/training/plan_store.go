package training

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

const planSelect = `SELECT sp.id, sp.org_id, o.name, sp.school_year, sp.public_funds, sp.training_funds, sp.status, sp.review_note,
	sp.reviewed_by, sp.version, o.path, o.region_code FROM school_training_plans sp JOIN orgs o ON o.id = sp.org_id`

type planRow struct {
	Plan
	path, region string
}

func scanPlan(r db.Scanner) (planRow, error) {
	var p planRow
	err := r.Scan(&p.ID, &p.OrgID, &p.OrgName, &p.SchoolYear, &p.PublicFunds, &p.TrainingFunds, &p.Status, &p.ReviewNote,
		&p.ReviewedBy, &p.Version, &p.path, &p.region)
	return p, err
}

// planInScope loads plan id with its themes and activities; ENOTFOUND
// unless the actor's scope holds its school.
func planInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (planRow, error) {
	p, err := scanPlan(tx.QueryRow(ctx, planSelect+" WHERE sp.id = ?", id))
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, p.path, p.OrgID, 0) {
		return p, app.Errorf(app.ENOTFOUND, "找不到该校本研修方案")
	}
	if err != nil {
		return p, err
	}
	p.Themes, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Theme, error) {
		var t Theme
		var forms string
		err := r.Scan(&t.Kind, &t.GroupName, &t.Title, &t.Domain, &forms)
		t.Forms = strings.Split(forms, ",")
		return t, err
	}, "SELECT kind, group_name, title, domain, forms FROM school_training_themes WHERE plan_id = ? ORDER BY sort", id)
	if err != nil {
		return p, err
	}
	p.Activities, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Activity, error) {
		var a Activity
		return a, r.Scan(&a.Month, &a.Title)
	}, "SELECT month, title FROM school_training_activities WHERE plan_id = ? ORDER BY sort", id)
	return p, err
}

// writeParts replaces the plan's themes and activities.
func writeParts(ctx context.Context, tx *db.Tx, p Plan) error {
	for _, t := range []string{"school_training_themes", "school_training_activities"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE plan_id = ?", p.ID); err != nil {
			return err
		}
	}
	for i, t := range p.Themes {
		if _, err := tx.Exec(ctx, `INSERT INTO school_training_themes (plan_id, sort, kind, group_name, title, domain, forms)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, i, t.Kind, t.GroupName, t.Title, t.Domain, strings.Join(t.Forms, ",")); err != nil {
			return err
		}
	}
	for i, a := range p.Activities {
		if _, err := tx.Exec(ctx, `INSERT INTO school_training_activities (plan_id, sort, month, title) VALUES (?, ?, ?, ?)`,
			p.ID, i, a.Month, strings.TrimSpace(a.Title)); err != nil {
			return err
		}
	}
	return nil
}

// schoolInScope checks that orgID is a school in the actor's scope.
func schoolInScope(ctx context.Context, tx *db.Tx, actor app.Actor, orgID int64) (string, error) {
	var path, kind, name string
	err := tx.QueryRow(ctx, "SELECT path, kind, name FROM orgs WHERE id = ?", orgID).Scan(&path, &kind, &name)
	switch {
	case db.IsNoRows(err) || err == nil && !auth.InScope(actor, path, orgID, 0):
		return "", app.Errorf(app.ENOTFOUND, "找不到该学校")
	case err == nil && kind != "school":
		return "", app.Invalid("org_id", "校本研修方案只能由学校编制")
	}
	return name, err
}

// FindPlans lists the plans in the actor's scope matching f, by school.
func (s *Service) FindPlans(ctx context.Context, actor app.Actor, f PlanFilter) ([]Plan, int, error) {
	if !actor.Can(PermPlanEdit) && !actor.Can(PermPlanReview) {
		return nil, 0, app.Errorf(app.EFORBIDDEN, "没有查看校本研修方案的权限")
	}
	where, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	if f.Year != 0 {
		where, args = where+" AND sp.school_year = ?", append(args, f.Year)
	}
	if f.Status != "" {
		where, args = where+" AND sp.status = ?", append(args, f.Status)
	}
	var out []Plan
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM school_training_plans sp JOIN orgs o ON o.id = sp.org_id WHERE "+where,
			args...).Scan(&total); err != nil {
			return err
		}
		rows, err := db.QueryAll(ctx, tx, scanPlan, planSelect+" WHERE "+where+" ORDER BY sp.school_year DESC, o.name, sp.id LIMIT ? OFFSET ?",
			append(args, max(1, f.Limit), f.Offset)...)
		for _, r := range rows {
			out = append(out, r.Plan)
		}
		return err
	})
	return out, total, err
}

// FindPlanByID returns one plan in scope with its budget checked against
// the region's rule (公用经费用于教师培训比例).
func (s *Service) FindPlanByID(ctx context.Context, actor app.Actor, id int64) (Plan, error) {
	if !actor.Can(PermPlanEdit) && !actor.Can(PermPlanReview) {
		return Plan{}, app.Errorf(app.EFORBIDDEN, "没有查看校本研修方案的权限")
	}
	p, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (planRow, error) { return planInScope(ctx, tx, actor, id) })
	if err != nil {
		return Plan{}, err
	}
	r, err := s.Policy.Check(ctx, p.region, policyFundsRule, p.SchoolYear, p.FundsShare())
	p.FundsCheck = r.Text
	return p.Plan, err
}

// Record is one 校本研修 item of a school's 学年 as the ledger holds it
// (the activity module writes them with its activity's title): how many
// of the school's people it credited and with how many 学时.
type Record struct {
	Title  string
	Date   string
	People int
	Hours  float64
}

// FindPlanRecords lists the approved 校本研修 ledger items of the plan's
// school and 学年, for the 研修档案, by date.
func (s *Service) FindPlanRecords(ctx context.Context, actor app.Actor, planID int64) ([]Record, error) {
	if !actor.Can(PermPlanEdit) && !actor.Can(PermPlanReview) {
		return nil, app.Errorf(app.EFORBIDDEN, "没有查看校本研修方案的权限")
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Record, error) {
		p, err := planInScope(ctx, tx, actor, planID)
		if err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Record, error) {
			var x Record
			return x, r.Scan(&x.Title, &x.Date, &x.People, &x.Hours)
		}, `SELECT e.title, MIN(e.on_date), COUNT(DISTINCT e.person_id), SUM(e.hours) FROM credit_entries e
			JOIN people p ON p.id = e.person_id WHERE p.org_id = ? AND e.school_year = ? AND e.category = ? AND e.state = ?
			GROUP BY e.title ORDER BY MIN(e.on_date), e.title`, p.OrgID, p.SchoolYear, credit.CategorySchoolBased, credit.StateApproved)
	})
}
