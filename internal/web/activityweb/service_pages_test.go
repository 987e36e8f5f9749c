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
	plan := url.Values{"version": {"1"}, "body": {"示范课一节，评课研讨"}, "starts_at": {d.StartsAt}, "ends_at": {d.EndsAt},
		"place": {"鹿城区实验小学报告厅"}, "hours": {"2"}, "days": {"1"}}
	if res, _ := office.Post(loc+"/plan", plan); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("office plan: %d", res.StatusCode)
	}
	activityweb.Qualified(t, s.World, s.World.TeacherA)
	_, body = office.Get(loc)
	for _, want := range []string{"第 1 版：教研部门已确认，学校未确认", "温州市教学能手", "学科对口（数学）", "方案经双方确认后才能派送"} {
		if !strings.Contains(body, want) {
			t.Errorf("order page before the school's answer lacks %q:\n%s", want, body)
		}
	}
	res, body = school.Post(loc+"/plan/return", url.Values{"version": {"2"}, "return_reason": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<div class="ferr">请写明需要修改的地方`) {
		t.Fatalf("return without a reason: %d", res.StatusCode)
	}
	if res, _ := school.Post(loc+"/plan/return", url.Values{"version": {"2"}, "return_reason": {"请改到报告厅二楼"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("school return: %d", res.StatusCode)
	}
	plan.Set("version", "3")
	plan.Set("place", "鹿城区实验小学报告厅二楼")
	res, body = school.Post(loc+"/plan", plan)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<div class="ferr">请写明修改方案的原因`) {
		t.Fatalf("second version without its reason: %d", res.StatusCode)
	}
	plan.Set("reason", "地点改到二楼")
	if res, _ := school.Post(loc+"/plan", plan); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("school plan: %d", res.StatusCode)
	}
	if res, _ := office.Post(loc+"/dispatch", url.Values{"version": {"4"}, "provider_id": {fmt.Sprint(s.World.TeacherA)}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("dispatch before the office confirmed the school's version: %d", res.StatusCode)
	}
	if res, _ := office.Post(loc+"/plan/confirm", url.Values{"version": {"4"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("office confirm: %d", res.StatusCode)
	}
	res, body = office.Post(loc+"/dispatch", url.Values{"version": {"5"}, "provider_id": {fmt.Sprint(s.World.TeacherA)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dispatch: %d %s", res.StatusCode, body)
	}
	o, err := activityweb.ServiceOf(s.World).FindOrderByID(context.Background(), s.World.CountyA, web.ParseID(strings.TrimPrefix(loc, "/service-orders/")))
	if err != nil || o.ActivityID == 0 {
		t.Fatalf("order after dispatch: %+v %v", o, err)
	}
	if _, body := school.Get(loc); !strings.Contains(body, "2 学时，送教 1 天") || !strings.Contains(body, "地点改到二楼") {
		t.Errorf("order page after dispatch lacks the hours, days or the kept version:\n%s", body)
	}
	if err := activityweb.ServiceOf(s.World).End(context.Background(), s.World.CountyA, o.ActivityID, 1, "示范课一节"); err != nil {
		t.Fatal(err)
	}
	follow(school, loc+"/feedback", url.Values{"version": {"6"}, "satisfaction": {"4"}, "feedback": {"很有帮助"}})
	if _, body := office.Get(loc); !strings.Contains(body, "4 星 很有帮助") || !strings.Contains(body, "已反馈") {
		t.Errorf("order page after feedback: %s", body)
	}
}
