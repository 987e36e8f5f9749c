package activityweb_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

func TestCalendarShowsTheActivityOnItsDayAndICSHoldsOnesOwn(t *testing.T) {
	s := webtest.New(t)
	id := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
	other := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区初中语文研讨", activity.ModeOpen)
	if err := activityweb.ServiceOf(s.World).SignUp(context.Background(), s.World.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	start := activityweb.Draft(0, "", activity.ModeOpen).StartsAt
	day, _ := time.Parse(time.DateOnly, start[:10])
	teacher := s.As("teacher_a")
	_, body := teacher.Get("/activities/calendar?month=" + start[:7])
	cell := fmt.Sprintf("<div>%d</div><a href=\"/activities/%d\"", day.Day(), id)
	if !strings.Contains(body, cell) && !strings.Contains(body, fmt.Sprintf("/activities/%d", id)) {
		t.Fatalf("month view lacks the activity on day %d: %s", day.Day(), body)
	}
	_, body = teacher.Get("/activities/calendar?mine=1&week=" + start[:10])
	if !strings.Contains(body, "鹿城区小学数学研讨") || strings.Contains(body, "鹿城区初中语文研讨") {
		t.Fatalf("my week view should hold only my sign-up: %s", body)
	}
	if _, body := s.As("county_b").Get("/activities/calendar?month=" + start[:7]); strings.Contains(body, "鹿城区") {
		t.Errorf("county B's calendar shows county A's activities")
	}
	res, ics := teacher.Get("/activities/mine.ics")
	opens, _ := time.ParseInLocation(activity.TimeLayout, start, activity.CST)
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(ics, "SUMMARY:鹿城区小学数学研讨\r\n") ||
		!strings.Contains(ics, "DTSTART:"+opens.UTC().Format("20060102T150405Z")) || strings.Contains(ics, fmt.Sprintf("activity-%d@", other)) {
		t.Fatalf("ICS: %s", ics)
	}
}

func TestICSFoldsLongLinesAndEscapesText(t *testing.T) {
	a := activity.Activity{ID: 7, Title: strings.Repeat("教研", 30) + ";,", StartsAt: "2025-10-15 14:00", EndsAt: "2025-10-15 16:30"}
	out := activityweb.ICS([]activity.Activity{a}, "https://example.org", time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC))
	for _, line := range strings.Split(out, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}
	if !strings.Contains(strings.ReplaceAll(out, "\r\n ", ""), `教研\;\,`) || !strings.Contains(out, "DTSTART:20251015T060000Z") {
		t.Errorf("ICS: %s", out)
	}
}

// TestMonthCellShowsAFewAndLinksTheRestToItsWeek: a day with more than
// MonthPerDay activities shows the first ones in time order and 更多…,
// which opens the day's week view listing them all.
func TestMonthCellShowsAFewAndLinksTheRestToItsWeek(t *testing.T) {
	s := webtest.New(t)
	n := activityweb.MonthPerDay + 2
	for i := 1; i <= n; i++ {
		activityweb.Published(t, s.World, "county_a", s.World.BureauA, fmt.Sprintf("鹿城区研讨%02d", i), activity.ModeOpen)
	}
	start := activityweb.Draft(0, "", activity.ModeOpen).StartsAt
	day, _ := time.ParseInLocation(time.DateOnly, start[:10], activity.CST)
	_, body := s.As("county_a").Get("/activities/calendar?month=" + start[:7])
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)).Format(time.DateOnly)
	if got := strings.Count(body, "鹿城区研讨"); got != 2*activityweb.MonthPerDay { // title attribute and text
		t.Errorf("the month cell shows %d titles, want %d activities", got/2, activityweb.MonthPerDay)
	}
	if !strings.Contains(body, `<a href="/activities/calendar?week=`+monday+`" class="small">更多…</a>`) {
		t.Fatalf("the month cell lacks 更多… to its week:\n%s", body)
	}
	if next := time.Date(day.Year(), day.Month()+1, 1, 0, 0, 0, 0, activity.CST).Format("2006-01"); !strings.Contains(body, `href="/activities/calendar?month=`+next+`"`) {
		t.Errorf("the next-month link is not a working query (month=%s)", next)
	}
	_, week := s.As("county_a").Get("/activities/calendar?week=" + monday)
	for i := 1; i <= n; i++ {
		if !strings.Contains(week, fmt.Sprintf("鹿城区研讨%02d", i)) {
			t.Errorf("the week view lacks 鹿城区研讨%02d", i)
		}
	}
}

// TestWeekDayShowsSomeAndLinksTheRestToTheList: a day with more than
// WeekPerDay activities shows that many in the week view and says there
// are more, linking to the list from that day, where the rest are.
func TestWeekDayShowsSomeAndLinksTheRestToTheList(t *testing.T) {
	s := webtest.New(t)
	n := activityweb.WeekPerDay + 2
	for i := 1; i <= n; i++ {
		activityweb.Published(t, s.World, "county_a", s.World.BureauA, fmt.Sprintf("鹿城区周研讨%02d", i), activity.ModeOpen)
	}
	start := activityweb.Draft(0, "", activity.ModeOpen).StartsAt
	day, _ := time.ParseInLocation(time.DateOnly, start[:10], activity.CST)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)).Format(time.DateOnly)
	c := s.As("county_a")
	_, week := c.Get("/activities/calendar?week=" + monday)
	if got := strings.Count(week, "鹿城区周研讨"); got != activityweb.WeekPerDay {
		t.Errorf("the week's day shows %d activities, want %d", got, activityweb.WeekPerDay)
	}
	m := regexp.MustCompile(`<a href="([^"]+)" class="small">当天还有更多活动`).FindStringSubmatch(week)
	if m == nil {
		t.Fatalf("the full day does not say there are more:\n%s", week)
	}
	_, list := c.Get(html.UnescapeString(m[1]))
	for i := activityweb.WeekPerDay + 1; i <= n; i++ {
		if !strings.Contains(list, fmt.Sprintf("鹿城区周研讨%02d", i)) {
			t.Errorf("the list from the day lacks 鹿城区周研讨%02d", i)
		}
	}
}
