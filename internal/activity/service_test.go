package activity_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// withQualification sets the city's 送教人员资格 rule to v and gives teacher
// A the honour 温州市教学能手.
func (f *fixture) withQualification(t *testing.T, v float64) {
	t.Helper()
	ps := &policy.Service{DB: f.w.DB, Now: func() (tm time.Time) { return f.clock }}
	f.svc.Policy = ps
	admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
	if err := ps.SetValue(ctx, admin, "330300", policy.RuleActivityProviderQualified, v, 2025, "测试", 0); err != nil {
		t.Fatal(err)
	}
	if err := f.w.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO person_honours (person_id, name, level, year) VALUES (?, '温州市教学能手', 'city', 2023)", f.w.TeacherA)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// plan is a valid 活动方案 version on 2025-10-28.
func plan(reason string) activity.ServicePlan {
	return activity.ServicePlan{Body: "示范课一节，评课研讨", StartsAt: "2025-10-28 14:00", EndsAt: "2025-10-28 16:00", Place: "鹿城区实验小学",
		Hours: 2, Days: 1, Reason: reason}
}

func (f *fixture) order(t *testing.T, providers ...int64) (item, order int64) {
	t.Helper()
	item, err := f.svc.CreateServiceItem(ctx, f.w.CountyA, activity.ServiceItem{Name: "小学数学示范课", Subject: "数学"}, providers)
	if err != nil {
		t.Fatal(err)
	}
	order, err = f.svc.PlaceOrder(ctx, f.w.SchoolAdminA, item, activity.ServiceOrder{Need: "青年教师课堂提问设计", Preferred: "10 月下旬", Audience: "数学组"})
	if err != nil {
		t.Fatal(err)
	}
	return item, order
}

// TestServicePlanIsAgreedByBothBeforeDispatch: the office drafts the
// 活动方案, the school asks for changes with a reason, the office's second
// version needs its reason, the school confirms; versions are kept, and the
// order is dispatched only once both sides agreed, as the agreed version.
func TestServicePlanIsAgreedByBothBeforeDispatch(t *testing.T) {
	f := newFixture(t)
	f.withQualification(t, 1)
	_, order := f.order(t, f.w.TeacherA)
	if _, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 1, f.w.TeacherA); !isField(err, "plan") {
		t.Errorf("dispatch without a plan: %v", err)
	}
	p := plan("")
	p.Place = ""
	if err := f.svc.ProposePlan(ctx, f.w.CountyA, order, 1, p); !isField(err, "place") {
		t.Errorf("a plan without a place: %v", err)
	}
	if err := f.svc.ProposePlan(ctx, f.w.CountyA, order, 1, plan("")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ProposePlan(ctx, f.w.CountyB, order, 2, plan("改")); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B proposed a plan: %v", err)
	}
	if _, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 2, f.w.TeacherA); !isField(err, "plan") {
		t.Errorf("dispatch before the school confirmed: %v", err)
	}
	if err := f.svc.ReturnPlan(ctx, f.w.SchoolAdminA, order, 2, " "); !isField(err, "return_reason") {
		t.Errorf("a return without a reason: %v", err)
	}
	if err := f.svc.ReturnPlan(ctx, f.w.SchoolAdminA, order, 2, "下午第一节有课，请改到三点"); err != nil {
		t.Fatal(err)
	}
	later := plan("")
	later.StartsAt, later.EndsAt, later.Hours, later.Days = "2025-10-28 15:00", "2025-10-29 16:30", 6, 2
	if err := f.svc.ProposePlan(ctx, f.w.CountyA, order, 3, later); !isField(err, "reason") {
		t.Errorf("a second version without its reason: %v", err)
	}
	later.Reason = "按学校意见改为三点开始，增加第二天的课堂诊断"
	if err := f.svc.ProposePlan(ctx, f.w.CountyA, order, 3, later); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ConfirmPlan(ctx, f.w.CountyA, order, 4); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("the proposing office confirmed its own version again: %v", err)
	}
	if err := f.svc.ConfirmPlan(ctx, f.w.SchoolAdminA, order, 4); err != nil {
		t.Fatal(err)
	}
	o, err := f.svc.FindOrderByID(ctx, f.w.SchoolAdminA, order)
	if err != nil || !o.Agreed() || len(o.Plans) != 2 || o.Plans[0].Number != 2 || o.Plans[0].Reason != later.Reason ||
		o.Plans[1].Side != activity.SideOffice || o.ReturnedReason != "" {
		t.Fatalf("order after agreement: %+v %v", o, err)
	}
	aid, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 5, f.w.TeacherA)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.FindActivityByID(ctx, f.w.SchoolAdminA, aid)
	if err != nil || d.StartsAt != "2025-10-28 15:00" || d.Hours != 6 || d.Plan != later.Body || d.Kind != "service" || d.AudienceName != "鹿城区实验小学" {
		t.Fatalf("dispatched activity: %+v %v; want the agreed second version", d.Activity, err)
	}
	if err := f.svc.ProposePlan(ctx, f.w.CountyA, order, 6, plan("再改")); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a plan change after the dispatch: %v", err)
	}
}

// TestProvidersAreSuggestedAndQualifiedByTheRegionsRule: suggestions put
// the qualified provider first with each reason shown; one not meeting the
// region's rule is 不符合条件 and cannot be dispatched; an unset rule is
// named; the provider's hours and on-site days count once the activity ends.
func TestProvidersAreSuggestedAndQualifiedByTheRegionsRule(t *testing.T) {
	f := newFixture(t)
	other := f.w.MustPerson(t, personAt(f.w.SchoolA, "吴普通"))
	_, order := f.order(t, f.w.TeacherA, other)
	f.svc.Policy = &policy.Service{DB: f.w.DB}
	if _, err := f.svc.SuggestProviders(ctx, f.w.CountyA, order); !strings.Contains(app.ErrorMessage(err), "本区域未设定规则") {
		t.Errorf("suggestions without the rule: %v", err)
	}
	f.withQualification(t, 1)
	list, err := f.svc.SuggestProviders(ctx, f.w.CountyA, order)
	if err != nil || len(list) != 2 {
		t.Fatalf("suggestions: %+v %v", list, err)
	}
	top, low := list[0], list[1]
	if top.PersonID != f.w.TeacherA || !top.Qualified || top.Basis != "温州市教学能手" || !contains(top.Reasons, "学科对口（数学）") ||
		!contains(top.Reasons, "同一县（区）") || !contains(top.Reasons, "本学期已送教 0 次") {
		t.Errorf("first suggestion: %+v", top)
	}
	if low.PersonID != other || low.Qualified || low.Basis != activity.NotQualified {
		t.Errorf("second suggestion: %+v, want 不符合条件", low)
	}
	if _, err := f.svc.SuggestProviders(ctx, f.w.SchoolAdminA, order); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the school saw the office's suggestions: %v", err)
	}
	if err := f.svc.ProposePlan(ctx, f.w.CountyA, order, 1, plan("")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ConfirmPlan(ctx, f.w.SchoolAdminA, order, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 3, other); !isField(err, "provider_id") || !strings.Contains(app.ErrorMessage(err), "不符合条件") {
		t.Errorf("dispatch to an unqualified provider: %v", err)
	}
	if _, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 3, f.w.TeacherB); !isField(err, "provider_id") {
		t.Errorf("dispatch to someone not on the item: %v", err)
	}
	aid, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 3, f.w.TeacherA)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := f.svc.FindOrderByID(ctx, f.w.CountyA, order)
	if o.Hours != 2 || o.Days != 1 || o.ProviderName != "陈鹿城" {
		t.Errorf("order after dispatch: %+v", o)
	}
	if err := f.svc.Feedback(ctx, f.w.SchoolAdminA, order, o.Version, 5, "很有帮助"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("feedback before the activity ended: %v", err)
	}
	if err := f.svc.End(ctx, f.w.CountyA, aid, 1, "示范课一节，评课一场"); err != nil {
		t.Fatal(err)
	}
	var hours float64
	if err := f.w.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT COALESCE(SUM(hours), 0) FROM credit_entries WHERE person_id = ? AND source = ?", f.w.TeacherA,
			activity.SourceService).Scan(&hours)
	}); err != nil || hours != 2 {
		t.Errorf("the provider's ledger hours = %v (%v), want 2", hours, err)
	}
	if err := f.svc.Feedback(ctx, f.w.SchoolAdminA, order, o.Version, 6, ""); !isField(err, "satisfaction") {
		t.Errorf("six stars: %v", err)
	}
	if err := f.svc.Feedback(ctx, f.w.SchoolAdminA, order, o.Version, 5, "很有帮助"); err != nil {
		t.Fatal(err)
	}
	if list, _ = f.svc.SuggestProviders(ctx, f.w.CountyA, order); !contains(list[0].Reasons, "本学期已送教 1 次") {
		t.Errorf("load after one dispatch: %+v", list[0])
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
