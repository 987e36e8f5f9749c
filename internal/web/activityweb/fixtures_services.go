package activityweb

import (
	"context"
	"fmt"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
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

// dispatchDraft is a valid dispatch: today from an hour ago, at the school.
func dispatchDraft() activity.Activity {
	d := Draft(0, "", activity.ModeAssign)
	return activity.Activity{StartsAt: d.StartsAt, EndsAt: d.EndsAt, Place: "学校报告厅", Plan: "示范课一节，评课研讨", Hours: 2}
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
	ch["POST /service-orders/{id}/dispatch"] = func(t testing.TB, w *testutil.World) web.Change {
		order := OrderBy(t, w, "school_a", ServiceItemBy(t, w, "county_a", "小学数学示范课", w.TeacherA))
		d := dispatchDraft()
		return web.Change{User: "county_a", Path: fmt.Sprintf("/service-orders/%d/dispatch", order), Form: form("version", "1",
			"provider_id", fmt.Sprint(w.TeacherA), "plan", d.Plan, "starts_at", d.StartsAt, "ends_at", d.EndsAt, "place", d.Place, "hours", "2")}
	}
	ch["POST /service-orders/{id}/feedback"] = func(t testing.TB, w *testutil.World) web.Change {
		ctx, svc := context.Background(), ServiceOf(w)
		order := OrderBy(t, w, "school_a", ServiceItemBy(t, w, "county_a", "小学数学示范课", w.TeacherA))
		aid, err := svc.Dispatch(ctx, w.ActorOf(t, "county_a"), order, 1, w.TeacherA, dispatchDraft())
		if err == nil {
			err = svc.End(ctx, w.ActorOf(t, "county_a"), aid, 1, "示范课一节")
		}
		if err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "school_a", Path: fmt.Sprintf("/service-orders/%d/feedback", order), Form: form("version", "2", "satisfaction", "5", "feedback", "很有帮助")}
	}
}
