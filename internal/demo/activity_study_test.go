package demo

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/db"
)

// TestDemoCitySetsItsStudyDays checks the demo city has its 学科研修日, so
// the calendar marks them and a new 数学 activity defaults to Wednesday.
func TestDemoCitySetsItsStudyDays(t *testing.T) {
	env, _, _ := liveDemo(t)
	var n int
	err := env.DB.Read(context.Background(), func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(context.Background(), "SELECT COUNT(*) FROM activity_study_days WHERE subject = '数学' AND weekday = 3 AND half = 'pm' AND from_year = 2026")
		return err
	})
	if err != nil || n != 1 {
		t.Errorf("demo 数学研修日 rows: %d %v, want 1", n, err)
	}
}

// TestTodaysActivityIsALiveSession: the demo's 今日 activity is a session
// of 2 h 30 min on the half hour that is running when the demo is made,
// not a whole day.
func TestTodaysActivityIsALiveSession(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	for _, c := range []struct{ now, starts, ends string }{
		{"2026-12-02 14:45", "2026-12-02 14:00", "2026-12-02 16:30"},
		{"2026-12-02 09:10", "2026-12-02 08:30", "2026-12-02 11:00"},
		{"2026-12-02 00:10", "2026-12-02 00:00", "2026-12-02 02:30"},
		{"2026-12-02 22:50", "2026-12-02 22:00", "2026-12-02 23:59"},
	} {
		now, _ := time.ParseInLocation("2006-01-02 15:04", c.now, cst)
		s, e := liveSession(now)
		if got := s.Format("2006-01-02 15:04") + " " + e.Format("2006-01-02 15:04"); got != c.starts+" "+c.ends {
			t.Errorf("at %s the session is %s, want %s %s", c.now, got, c.starts, c.ends)
		}
	}
}
