package activityweb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// ServiceItemBy publishes a menu item of user's office with provider.
func ServiceItemBy(t testing.TB, w *testutil.World, user, name string, provider int64) int64 {
	t.Helper()
	id, err := ServiceOf(w).CreateServiceItem(context.Background(), w.ActorOf(t, user), activity.ServiceItem{Name: name, Subject: "数学"}, []int64{provider})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// OrderBy orders item for school user's school.
func OrderBy(t testing.TB, w *testutil.World, user string, item int64) int64 {
	t.Helper()
	id, err := ServiceOf(w).PlaceOrder(context.Background(), w.ActorOf(t, user), item, activity.ServiceOrder{Need: "课堂提问设计", Preferred: "下周三"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// dispatchPlan is a valid 活动方案: today from an hour ago, at the school.
func dispatchPlan() activity.ServicePlan {
	d := Draft(0, "", activity.ModeAssign)
	return activity.ServicePlan{Body: "示范课一节，评课研讨", StartsAt: d.StartsAt, EndsAt: d.EndsAt, Place: "学校报告厅", Hours: 2, Days: 1}
}

// Qualified sets the city's 送教人员资格 rule (须符合条件) from this 学年 and
// makes person a 教学能手, so that they may be dispatched.
func Qualified(t testing.TB, w *testutil.World, person int64) {
	t.Helper()
	ctx := context.Background()
	ps := &policy.Service{DB: w.DB}
	year := dict.SchoolYearOf(time.Now().In(activity.CST))
	_, ok, err := ps.ValueFor(ctx, "330300", policy.RuleActivityProviderQualified, year)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
		if err := ps.SetValue(ctx, admin, "330300", policy.RuleActivityProviderQualified, 1, year, "测试", 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.DB.Exec(ctx, "INSERT INTO person_honours (person_id, name, level, year) VALUES (?, '温州市教学能手', 'city', 2023)", person); err != nil {
		t.Fatal(err)
	}
}

// AgreedOrder is an order of school_a for county A's item with provider,
// its plan proposed by county_a and confirmed by school_a (version 3).
func AgreedOrder(t testing.TB, w *testutil.World, provider int64) int64 {
	t.Helper()
	ctx, svc := context.Background(), ServiceOf(w)
	order := OrderBy(t, w, "school_a", ServiceItemBy(t, w, "county_a", "小学数学示范课", provider))
	err := svc.ProposePlan(ctx, w.ActorOf(t, "county_a"), order, 1, dispatchPlan())
	if err == nil {
		err = svc.ConfirmPlan(ctx, w.ActorOf(t, "school_a"), order, 2)
	}
	if err != nil {
		t.Fatal(err)
	}
	return order
}

// schoolB is a school administrator account of county B's school.
func schoolB(t testing.TB, w *testutil.World) string {
	p := w.MustPerson(t, org.Person{Name: "龙湾校长", OrgID: w.SchoolB})
	web.TestUser(t, w, p, "school_b", auth.RoleSchoolAdmin)
	return "school_b"
}

func serviceObjects() []web.ScopeObject {
	return []web.ScopeObject{
		{Kind: "service", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(ServiceItemBy(t, w, "county_b", "龙湾区送教示范课", w.TeacherB))}, []string{"龙湾区送教示范课"}
		}},
		{Kind: "service_order", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			item := ServiceItemBy(t, w, "county_b", "龙湾区送教同课异构", w.TeacherB)
			return map[string]string{"id": fmt.Sprint(OrderBy(t, w, schoolB(t, w), item))}, []string{"龙湾区送教同课异构"}
		}},
	}
}

func serviceChanges(ch map[string]changeMaker) {
	ch["POST /services"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/services", Form: form("name", "小学数学示范课", "providers", fmt.Sprint(w.TeacherA))}
	}
	ch["POST /services/{id}/orders"] = func(t testing.TB, w *testutil.World) web.Change {
		item := ServiceItemBy(t, w, "county_a", "小学数学示范课", w.TeacherA)
		return web.Change{User: "school_a", Path: fmt.Sprintf("/services/%d/orders", item), Form: form("need", "课堂提问设计")}
	}
	ch["POST /service-orders/{id}/plan"] = func(t testing.TB, w *testutil.World) web.Change {
		order := OrderBy(t, w, "school_a", ServiceItemBy(t, w, "county_a", "小学数学示范课", w.TeacherA))
		p := dispatchPlan()
		return web.Change{User: "county_a", Path: fmt.Sprintf("/service-orders/%d/plan", order), Form: form("version", "1",
			"body", p.Body, "starts_at", p.StartsAt, "ends_at", p.EndsAt, "place", p.Place, "hours", "2", "days", "1")}
	}
	proposed := func(t testing.TB, w *testutil.World) int64 {
		order := OrderBy(t, w, "school_a", ServiceItemBy(t, w, "county_a", "小学数学示范课", w.TeacherA))
		if err := ServiceOf(w).ProposePlan(context.Background(), w.ActorOf(t, "county_a"), order, 1, dispatchPlan()); err != nil {
			t.Fatal(err)
		}
		return order
	}
	ch["POST /service-orders/{id}/plan/confirm"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "school_a", Path: fmt.Sprintf("/service-orders/%d/plan/confirm", proposed(t, w)), Form: form("version", "2")}
	}
	ch["POST /service-orders/{id}/plan/return"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "school_a", Path: fmt.Sprintf("/service-orders/%d/plan/return", proposed(t, w)),
			Form: form("version", "2", "return_reason", "请改到下午三点")}
	}
	ch["POST /service-orders/{id}/dispatch"] = func(t testing.TB, w *testutil.World) web.Change {
		Qualified(t, w, w.TeacherA)
		order := AgreedOrder(t, w, w.TeacherA)
		return web.Change{User: "county_a", Path: fmt.Sprintf("/service-orders/%d/dispatch", order), Form: form("version", "3",
			"provider_id", fmt.Sprint(w.TeacherA))}
	}
	ch["POST /service-orders/{id}/feedback"] = func(t testing.TB, w *testutil.World) web.Change {
		ctx, svc := context.Background(), ServiceOf(w)
		Qualified(t, w, w.TeacherA)
		order := AgreedOrder(t, w, w.TeacherA)
		aid, err := svc.Dispatch(ctx, w.ActorOf(t, "county_a"), order, 3, w.TeacherA)
		if err == nil {
			err = svc.End(ctx, w.ActorOf(t, "county_a"), aid, 1, "示范课一节")
		}
		if err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "school_a", Path: fmt.Sprintf("/service-orders/%d/feedback", order), Form: form("version", "4", "satisfaction", "5", "feedback", "很有帮助")}
	}
}
