package activityweb_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
	"jiaoyan/internal/web/webtest"
)

// TestICSHoldsAllOwnSignUpsOfItsWindow: a teacher signed up to 1,050
// activities in the coming months (more than the old cap of 1,000)
// gets every one in the ICS file, and not one from before the window the
// calendar page names (近半年).
func TestICSHoldsAllOwnSignUpsOfItsWindow(t *testing.T) {
	s := webtest.New(t)
	path, region := orgPaths(t, s, s.World.BureauA)
	n := 1050
	start := time.Now().In(activity.CST).Add(24 * time.Hour)
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		add := func(title string, at time.Time) error {
			_, err := tx.Exec(ctx, `INSERT INTO activities (region_code, org_id, org_path, organiser, kind, title, theme, plan,
				starts_at, ends_at, place, audience_path, audience_name, signup_mode, state, school_year, half, created_at, updated_at)
				VALUES ('330302', ?, ?, '鹿城区教育局', 'themed', ?, '主题', '方案', ?, ?, '报告厅', ?, '鹿城区', 'open', 'published', 2025, 1, 0, 0)`,
				s.World.BureauA, path, title, at.Format(activity.TimeLayout), at.Add(time.Hour).Format(activity.TimeLayout), region)
			return err
		}
		for i := range n {
			if err := add(fmt.Sprintf("日程活动%04d", i), start.Add(time.Duration(i)*3*time.Hour)); err != nil {
				return err
			}
		}
		if err := add("一年前的活动", start.AddDate(-1, 0, 0)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO activity_signups (activity_id, person_id, how, created_at)
			SELECT id, ?, 'self', 0 FROM activities WHERE title LIKE '%的活动' OR title LIKE '日程活动%'`, s.World.TeacherA)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	teacher := s.As("teacher_a")
	if _, page := teacher.Get("/activities/calendar"); !strings.Contains(page, "含近半年及未来一年我报名的全部活动") {
		t.Errorf("the calendar page does not name the ICS window")
	}
	_, ics := teacher.Get("/activities/mine.ics")
	for i := range n {
		if !strings.Contains(ics, fmt.Sprintf("SUMMARY:日程活动%04d\r\n", i)) {
			t.Fatalf("ICS misses sign-up %d of %d (%d events)", i, n, strings.Count(ics, "BEGIN:VEVENT"))
		}
	}
	if strings.Contains(ics, "一年前的活动") {
		t.Error("ICS holds a sign-up from before its window")
	}
}
