package activity_test

import (
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
)

func TestServiceMenuOrderDispatchAndFeedback(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.CreateServiceItem(ctx, f.w.CountyA, activity.ServiceItem{Name: "示范课"}, nil); !isField(err, "providers") {
		t.Errorf("item without providers: %v", err)
	}
	item, err := f.svc.CreateServiceItem(ctx, f.w.CountyA, activity.ServiceItem{Name: "小学数学示范课", Subject: "数学"}, []int64{f.w.TeacherA})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateServiceItem(ctx, f.w.CountyA, activity.ServiceItem{Name: "x"}, []int64{f.w.TeacherB}); !isField(err, "providers") {
		t.Errorf("a county B provider: %v", err)
	}
	if _, err := f.svc.FindServiceItemByID(ctx, f.w.CountyB, item); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B saw county A's menu: %v", err)
	}
	if _, err := f.svc.PlaceOrder(ctx, f.w.SchoolAdminA, item, activity.ServiceOrder{Need: " "}); !isField(err, "need") {
		t.Errorf("order without a need: %v", err)
	}
	order, err := f.svc.PlaceOrder(ctx, f.w.SchoolAdminA, item, activity.ServiceOrder{Need: "青年教师课堂提问设计", Preferred: "10 月下旬", Audience: "数学组"})
	if err != nil {
		t.Fatal(err)
	}
	a := activity.Activity{StartsAt: "2025-10-28 14:00", EndsAt: "2025-10-28 16:00", Place: "鹿城区实验小学", Plan: "示范课一节，评课研讨", Hours: 2}
	if _, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 1, f.w.TeacherB, a); !isField(err, "provider_id") {
		t.Errorf("dispatch to someone not on the item: %v", err)
	}
	if _, err := f.svc.Dispatch(ctx, f.w.SchoolAdminA, order, 1, f.w.TeacherA, a); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the school dispatched its own order: %v", err)
	}
	aid, err := f.svc.Dispatch(ctx, f.w.CountyA, order, 1, f.w.TeacherA, a)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.FindActivityByID(ctx, f.w.SchoolAdminA, aid)
	if err != nil || d.Kind != "service" || d.State != activity.StatePublished || d.AudienceName != "鹿城区实验小学" || d.Theme != "青年教师课堂提问设计" {
		t.Fatalf("dispatched activity: %+v %v", d.Activity, err)
	}
	if err := f.svc.Feedback(ctx, f.w.SchoolAdminA, order, 2, 5, "很有帮助"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("feedback before the activity ended: %v", err)
	}
	if err := f.svc.End(ctx, f.w.CountyA, aid, d.Version, "示范课一节，评课一场"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Feedback(ctx, f.w.SchoolAdminA, order, 2, 6, ""); !isField(err, "satisfaction") {
		t.Errorf("six stars: %v", err)
	}
	if err := f.svc.Feedback(ctx, f.w.CountyB, order, 2, 5, ""); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B gave feedback: %v", err)
	}
	if err := f.svc.Feedback(ctx, f.w.SchoolAdminA, order, 2, 5, "很有帮助"); err != nil {
		t.Fatal(err)
	}
	o, err := f.svc.FindOrderByID(ctx, f.w.CountyA, order)
	if err != nil || o.State != activity.OrderDone || o.Satisfaction != 5 || o.ActivityID != aid {
		t.Errorf("order after feedback: %+v %v", o, err)
	}
}
