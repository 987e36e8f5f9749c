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

// TestReportCountsProvidersHoursAndDays: a dispatched 送教 shows on the
// term report under its provider with the agreed hours and on-site days,
// and the table exports; another county's report does not show it.
func TestReportCountsProvidersHoursAndDays(t *testing.T) {
	s := webtest.New(t)
	activityweb.Qualified(t, s.World, s.World.TeacherA)
	order := activityweb.AgreedOrder(t, s.World, s.World.TeacherA)
	if _, err := activityweb.ServiceOf(s.World).Dispatch(context.Background(), s.World.CountyA, order, 3, s.World.TeacherA); err != nil {
		t.Fatal(err)
	}
	_, body := s.As("county_a").Get("/activities/report")
	providers := body[strings.Index(body, `id="report-providers"`):]
	if !strings.Contains(providers, "<td>陈鹿城</td><td class=\"hide-phone\">鹿城区实验小学</td><td>1</td><td>2</td><td>1</td>") {
		t.Errorf("the provider's line: %s", providers)
	}
	res, xlsx := s.As("county_a").Get("/activities/report/export?table=providers")
	if res.StatusCode != 200 || !strings.Contains(webtest.Readable(t, res, xlsx), "陈鹿城") {
		t.Errorf("providers export: %d", res.StatusCode)
	}
	if _, body := s.As("county_b").Get("/activities/report"); strings.Contains(body, "陈鹿城") {
		t.Error("county B's report shows county A's provider")
	}
}
