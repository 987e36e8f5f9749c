package training_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

func plan1x(f fixture) training.Plan {
	return training.Plan{OrgID: f.SchoolA, SchoolYear: 2020, PublicFunds: 200, TrainingFunds: 16,
		Themes: []training.Theme{
			{Kind: "school", Title: "以学定教的课堂转型", Domain: "teacher", Forms: []string{"reflection", "expert"}},
			{Kind: "group", GroupName: "数学组", Title: "大单元作业设计", Domain: "student", Forms: []string{"peer"}},
		},
		Activities: []training.Activity{{Month: 9, Title: "主题启动会"}, {Month: 11, Title: "同课异构"}}}
}

func TestPlanIsOnePlusXFiledByTheCounty(t *testing.T) {
	f := newFixture(t)
	if err := f.Pol.SetValue(ctx, app.System("测试", "region.edit"), "330300", policy.RuleSchoolTrainingShareOfPublicFunds, 10, 2020, "", 0); err != nil {
		t.Fatal(err)
	}
	bad := plan1x(f)
	bad.Themes = bad.Themes[1:]
	if _, err := f.Svc.SavePlan(ctx, f.SchoolAdminA, bad); app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "一个学校主题") {
		t.Errorf("plan without a school theme: %v", err)
	}
	id, err := f.Svc.SavePlan(ctx, f.SchoolAdminA, plan1x(f))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := f.Svc.FindPlanByID(ctx, f.SchoolAdminA, id)
	if p.FundsCheck != "公用经费用于教师培训比例 8%，要求不低于 10%，差 2%" && !strings.Contains(p.FundsCheck, "差 2") {
		t.Errorf("budget check reads %q", p.FundsCheck)
	}
	if err := f.Svc.ReviewPlan(ctx, f.CountyA, id, p.Version, true, ""); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("filing a draft: %v", err)
	}
	if err := f.Svc.SubmitPlan(ctx, f.SchoolAdminA, id, p.Version); err != nil {
		t.Fatal(err)
	}
	if openTodos(t, f, "county_a", "/school-plans/"+itoa(int(id))) != 1 {
		t.Errorf("the county has no 待办 to file the plan")
	}
	if err := f.Svc.ReviewPlan(ctx, f.CountyB, id, p.Version+1, true, ""); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B filing it: %v", err)
	}
	if err := f.Svc.ReviewPlan(ctx, f.CountyA, id, p.Version+1, true, ""); err != nil {
		t.Fatal(err)
	}
	p, _ = f.Svc.FindPlanByID(ctx, f.SchoolAdminA, id)
	if p.StatusName() != "已备案" || p.Editable() || len(p.Themes) != 2 || p.Themes[0].FormsText() != "自我反思、专家引领" {
		t.Errorf("plan after 备案: %+v", p)
	}
	if _, err := f.Svc.SavePlan(ctx, f.SchoolAdminA, p); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("editing a filed plan: %v", err)
	}
	if msgs := messages(t, f, "school_a"); len(msgs) != 1 || !strings.Contains(msgs[0], "已备案") {
		t.Errorf("school told %q", msgs)
	}
}
