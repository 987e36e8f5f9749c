package activityweb_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

func TestStudioStationsListTheSchoolsNoStudioActivityReached(t *testing.T) {
	s := webtest.New(t)
	studio := activityweb.StudioAt(t, s.World, s.World.BureauA, s.World.TeacherA, s.World.SchoolA, "鹿城区数学名师工作室")
	c := s.As("county_a")
	follow(c, "/studios/stations", url.Values{"studio_id": {fmt.Sprint(studio)}, "school_id": {fmt.Sprint(s.World.SchoolA)}})
	_, body := c.Get("/studios/stations")
	if !strings.Contains(body, "入驻学校 1 所") || !strings.Contains(body, "<strong>尚未开展</strong>") {
		t.Fatalf("before any studio activity: %s", body)
	}
	a := activityweb.Draft(s.World.BureauA, "工作室送教", activity.ModeOpen)
	a.StudioID = studio
	svc := activityweb.ServiceOf(s.World)
	ctx := context.Background()
	id, err := svc.CreateActivity(ctx, s.World.CountyA, a, activity.AudienceRegion)
	if err == nil {
		err = svc.Publish(ctx, s.World.CountyA, id, 1)
	}
	if err != nil {
		t.Fatal(err)
	}
	_, code, err := svc.CheckinCode(ctx, s.World.CountyA, id)
	if err == nil {
		_, err = svc.CheckIn(ctx, s.World.TeacherUserA, id, code)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, body := c.Get("/studios/stations"); !strings.Contains(body, "入驻学校 0 所") || !strings.Contains(body, "已开展") {
		t.Errorf("after the studio's activity at the school: %s", body)
	}
	if _, body := s.As("county_b").Get("/studios/stations"); strings.Contains(body, "鹿城区数学名师工作室") {
		t.Errorf("county B sees county A's studio")
	}
}
