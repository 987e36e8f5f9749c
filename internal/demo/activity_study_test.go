package demo

import (
	"context"
	"testing"

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
