package demo

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/training"
)

// planStates are the states the demo's plans are left in, school by school.
var planStates = []string{training.PlanDraft, training.PlanSubmitted, training.PlanFiled, training.PlanReturned,
	training.PlanSubmitted, training.PlanFiled}

// countyPlans writes this 学年's 1+x plans of the county's first schools,
// left as drafts, waiting for 备案, filed and returned, in one transaction
// with the county's other plans (countyPlansFiled).
func (g *gen) countyPlans(ctx context.Context, ts *training.Service, k *county, year int) (int, error) {
	var plans []schoolPlan
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || s.kind == kPoint || len(plans) >= len(planStates) {
			continue
		}
		plans = append(plans, schoolPlan{s, planStates[len(plans)]})
	}
	return len(plans), writePlans(ctx, ts, k, year, plans)
}

// schoolPlan is a school whose plan the demo leaves in state.
type schoolPlan struct {
	s     *school
	state string
}

// writePlans saves the plans of the county's schools and moves each to
// its state, the county's bureau deciding, all in one transaction through
// the service's Tx variants (same checks, rows and audit entries as the
// pages' calls).
func writePlans(ctx context.Context, ts *training.Service, k *county, year int, plans []schoolPlan) error {
	bureau, err := bureauID(ctx, ts, k.code)
	if err != nil {
		return err
	}
	return ts.DB.Write(ctx, func(tx *db.Tx) error {
		for _, sp := range plans {
			a := app.Actor{Username: builder.Username, OrgID: sp.s.id, Perms: app.Perms(training.PermPlanEdit, training.PermPlanReview),
				Scope: app.Scope{All: true}}
			id, err := ts.SavePlanTx(ctx, tx, a, demoPlan(sp.s, year))
			if err != nil {
				return err
			}
			if err := leavePlan(ctx, tx, ts, a, bureau, id, sp.state); err != nil {
				return err
			}
		}
		return nil
	})
}

func demoPlan(s *school, year int) training.Plan {
	return training.Plan{OrgID: s.id, SchoolYear: year, PublicFunds: 120, TrainingFunds: float64(9 + len(s.name)%5),
		Themes: []training.Theme{
			{Kind: "school", Title: "指向核心素养的课堂转型", Domain: "teacher", Forms: []string{"reflection", "expert"}},
			{Kind: "group", GroupName: "语文组", Title: "整本书阅读教学", Domain: "student", Forms: []string{"peer", "online"}},
			{Kind: "group", GroupName: "数学组", Title: "大单元作业设计", Domain: "student", Forms: []string{"peer"}},
		},
		Activities: []training.Activity{{Month: 9, Title: "研修主题启动会"}, {Month: 10, Title: "同课异构"}, {Month: 11, Title: "专家进校指导"},
			{Month: 12, Title: "学期研修成果展示"}}}
}

// leavePlan moves a saved plan to state inside tx, the county's bureau
// deciding.
func leavePlan(ctx context.Context, tx *db.Tx, ts *training.Service, school app.Actor, bureauID, id int64, state string) error {
	if state == training.PlanDraft {
		return nil
	}
	if err := ts.SubmitPlanTx(ctx, tx, school, id, 1); err != nil || state == training.PlanSubmitted {
		return err
	}
	bureau := school
	bureau.OrgID = bureauID
	note := map[bool]string{true: "", false: "请补充各教研组的月度活动安排"}[state == training.PlanFiled]
	return ts.ReviewPlanTx(ctx, tx, bureau, id, 2, state == training.PlanFiled, note)
}

// bureauID is the 教育局 of a county.
func bureauID(ctx context.Context, ts *training.Service, region string) (int64, error) {
	var id int64
	err := ts.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT id FROM orgs WHERE region_code = ? AND kind = 'bureau' ORDER BY id LIMIT 1", region).Scan(&id)
	})
	return id, err
}
