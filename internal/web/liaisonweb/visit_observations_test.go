package liaisonweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestVisitShowsItsObservationRecords: the visit page lists the 听课评课
// records its researcher made at that school in its dates, with a link to
// record one; an old visit's typed count shows as 手填（旧记录）; the form no
// longer asks for 听课节数 or 示范课, and an edit keeps the old count.
func TestVisitShowsItsObservationRecords(t *testing.T) {
	s := webtest.New(t)
	res := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	vid := liaisonweb.VisitBy(t, s.World, "county_a", res, s.SchoolA, 1) // typed 2 lessons, as an old record
	act := &activity.Service{DB: s.DB, Keys: s.Org.Keys}
	obs, err := act.CreateObservation(context.Background(), s.ActorOf(t, "res_a"), activity.Observation{TeacherID: s.TeacherA,
		Topic: "圆的面积", Date: liaisonweb.TodayCST(), LessonType: activity.LessonRegular})
	if err != nil {
		t.Fatal(err)
	}
	c := s.As("res_a")
	_, body := c.Get(fmt.Sprintf("/visits/%d", vid))
	for _, want := range []string{fmt.Sprintf(`href="/observations/%d"`, obs), "《圆的面积》", "（草稿）", "手填（旧记录）", "听课 2 节",
		"本次已有听课记录，手填节数不再计入工作量", `href="/observations/new?date=` + liaisonweb.TodayCST() + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("visit page lacks %q:\n%s", want, body)
		}
	}
	_, form := c.Get(fmt.Sprintf("/visits/%d/edit", vid))
	if strings.Contains(form, `name="lessons_observed"`) || strings.Contains(form, `name="demo_lessons"`) || !strings.Contains(form, "《圆的面积》") {
		t.Errorf("visit form still asks for typed counts, or lacks the record:\n%s", form)
	}
	if _, body := s.As("county_b").Get(fmt.Sprintf("/visits/%d", vid)); strings.Contains(body, "圆的面积") {
		t.Error("another county sees the visit's observation")
	}
}
