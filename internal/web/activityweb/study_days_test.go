package activityweb_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

func TestStudyDaySetOnThePageMarksTheCalendarAndDefaultsANewActivity(t *testing.T) {
	s := webtest.New(t)
	next := time.Now().In(activity.CST).AddDate(0, 0, 1)
	weekday := (int(next.Weekday())+6)%7 + 1
	county := s.As("county_a")
	before := s.AuditCount()
	if _, body := county.Post("/activities/study-days", web.Form("subject", "数学", "weekday", "9", "half", "pm",
		"from_year", fmt.Sprint(dict.SchoolYearOf(next)))); !strings.Contains(body, "请选择星期") {
		t.Fatalf("a bad weekday is not named at its field: %s", body)
	}
	if s.AuditCount() != before {
		t.Fatal("a refused setting wrote an audit row")
	}
	county.Post("/activities/study-days", web.Form("subject", "数学", "weekday", fmt.Sprint(weekday), "half", "pm",
		"from_year", fmt.Sprint(dict.SchoolYearOf(next))))
	if s.AuditCount() != before+1 {
		t.Fatalf("saving a 研修日 wrote %d audit rows", s.AuditCount()-before)
	}
	_, body := county.Get("/activities/study-days")
	if !strings.Contains(body, "<td>数学</td><td>"+activity.WeekdayNames[weekday]+"下午</td>") {
		t.Fatalf("the setting is not listed: %s", body)
	}
	// The teacher of the county sees the day marked on the calendar.
	_, body = s.As("teacher_a").Get("/activities/calendar?week=" + next.Format(time.DateOnly))
	if !strings.Contains(body, "数学研修日（下午）") {
		t.Fatalf("week view lacks the 研修日: %s", body)
	}
	if _, body := s.As("county_b").Get("/activities/calendar?week=" + next.Format(time.DateOnly)); strings.Contains(body, "数学研修日") {
		t.Error("county B's calendar shows county A's 研修日")
	}
	_, body = county.Get("/activities/new?subject=数学")
	if want := `value="` + next.Format(time.DateOnly) + `T14:00"`; !strings.Contains(body, want) {
		t.Fatalf("new 数学 activity does not default to the next 研修日 (%s): %s", want, body)
	}
	if res, _ := s.As("teacher_a").Get("/activities/study-days"); res.StatusCode != 403 {
		t.Errorf("a teacher opens the settings page: %d", res.StatusCode)
	}
}
