package activityweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

func TestSchoolOrdersTheOfficeDispatchesTheSchoolRates(t *testing.T) {
	s := webtest.New(t)
	item := activityweb.ServiceItemBy(t, s.World, "county_a", "小学数学示范课", s.World.TeacherA)
	school, office := s.As("school_a"), s.As("county_a")
	if _, body := school.Get(fmt.Sprintf("/services/%d", item)); !strings.Contains(body, "陈鹿城") || !strings.Contains(body, "预约送教") {
		t.Fatalf("item page: %s", body)
	}
	res, body := school.Post(fmt.Sprintf("/services/%d/orders", item), url.Values{"need": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请写明本校的教研需求") {
		t.Fatalf("order without a need: %d", res.StatusCode)
	}
	res, _ = school.Post(fmt.Sprintf("/services/%d/orders", item), url.Values{"need": {"青年教师课堂提问设计"}, "preferred": {"下周三下午"}})
	loc := strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/service-orders/") {
		t.Fatalf("order: %d %s", res.StatusCode, loc)
	}
	if _, body := s.As("county_b").Get(loc); strings.Contains(body, "青年教师课堂提问设计") {
		t.Errorf("county B sees county A's order")
	}
	d := activityweb.Draft(0, "", "assign")
	res, body = office.Post(loc+"/dispatch", url.Values{"version": {"1"}, "provider_id": {fmt.Sprint(s.World.TeacherA)}, "plan": {"示范课一节，评课研讨"},
		"starts_at": {d.StartsAt}, "ends_at": {d.EndsAt}, "place": {"鹿城区实验小学报告厅"}, "hours": {"2"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dispatch: %d %s", res.StatusCode, body)
	}
	o, err := activityweb.ServiceOf(s.World).FindOrderByID(context.Background(), s.World.CountyA, web.ParseID(strings.TrimPrefix(loc, "/service-orders/")))
	if err != nil || o.ActivityID == 0 {
		t.Fatalf("order after dispatch: %+v %v", o, err)
	}
	if err := activityweb.ServiceOf(s.World).End(context.Background(), s.World.CountyA, o.ActivityID, 1, "示范课一节"); err != nil {
		t.Fatal(err)
	}
	follow(school, loc+"/feedback", url.Values{"version": {"2"}, "satisfaction": {"4"}, "feedback": {"很有帮助"}})
	if _, body := office.Get(loc); !strings.Contains(body, "4 星 很有帮助") || !strings.Contains(body, "已反馈") {
		t.Errorf("order page after feedback: %s", body)
	}
}
