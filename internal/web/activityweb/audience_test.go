package activityweb_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

func TestTeacherSeesOnlyActivitiesOfTheirSubjectAndStage(t *testing.T) {
	s := webtest.New(t)
	svc, county := activityweb.ServiceOf(s.World), s.World.ActorOf(t, "county_a")
	publish := func(title, subjects, stages string) int64 {
		a := activityweb.Draft(s.World.BureauA, title, activity.ModeOpen)
		a.Subjects, a.Stages = subjects, stages
		id, err := svc.CreateActivity(context.Background(), county, a, activity.AudienceRegion)
		if err == nil {
			err = svc.Publish(context.Background(), county, id, 1)
		}
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	publish("小学数学课堂诊断", "数学", "小学")
	other := publish("高中物理实验教学", "物理", "高中")
	teacher := s.As("teacher_a") // 陈鹿城: 数学, 小学
	_, body := teacher.Get("/activities")
	if !strings.Contains(body, "小学数学课堂诊断") || strings.Contains(body, "高中物理实验教学") {
		t.Fatalf("the teacher's list: %s", body)
	}
	if res, _ := teacher.Get(fmt.Sprintf("/activities/%d", other)); res.StatusCode != http.StatusNotFound {
		t.Errorf("the teacher opened the 高中物理 activity: %d", res.StatusCode)
	}
	if _, body := s.As("county_a").Get(fmt.Sprintf("/activities/%d", other)); !strings.Contains(body, "物理 · 高中") {
		t.Errorf("the organiser's page does not name the audience: %s", body)
	}
}
