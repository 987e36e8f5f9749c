package activityweb_test

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

func TestReportCountsTheTermAndNamesUnreachedSchools(t *testing.T) {
	s := webtest.New(t)
	ctx := context.Background()
	svc := activityweb.ServiceOf(s.World)
	id := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
	activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区初中语文研讨", activity.ModeOpen)
	activityweb.Published(t, s.World, "county_b", s.World.BureauB, "龙湾区群文阅读研讨", activity.ModeOpen)
	s.MustSchool(t, "鹿城区第二小学", "330302", 9)
	if err := svc.SignUp(ctx, s.World.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	_, code, err := svc.CheckinCode(ctx, s.World.CountyA, id)
	if err == nil {
		_, err = svc.CheckIn(ctx, s.World.TeacherUserA, id, code)
	}
	if err != nil {
		t.Fatal(err)
	}
	_, body := s.As("county_a").Get("/activities/report")
	if !strings.Contains(body, "活动 2 场，报名 1 人次，签到 1 人次（出勤率 100.0%），应交成果 0 项") {
		t.Fatalf("report total: %s", body)
	}
	if !strings.Contains(body, "<td>主题教研</td><td>2</td>") || strings.Contains(body, "龙湾区") {
		t.Errorf("by kind should count county A's two activities only: %s", body)
	}
	schools := body[strings.Index(body, `id="report-schools"`):]
	if !strings.Contains(schools, "鹿城区第二小学") || strings.Contains(schools, "鹿城区实验小学") {
		t.Errorf("unreached schools should list 鹿城区第二小学 and not 鹿城区实验小学: %s", schools)
	}
	res, _ := s.As("county_a").Get("/activities/report/export?table=schools")
	if res.StatusCode != 200 {
		t.Errorf("export: %d", res.StatusCode)
	}
}
