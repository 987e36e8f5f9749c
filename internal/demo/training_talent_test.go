package demo

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/training"
)

// checkDemoTalent: as the city sees /talent this 学年 and last, every
// target has its rule set, 卓越教师 and each county's 骨干教师 are counted
// with the names behind them, and some targets fall short.
func checkDemoTalent(t *testing.T, d *db.DB, ts *training.Service) {
	t.Helper()
	var bureau int64
	if err := d.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), `SELECT o.id FROM orgs o JOIN regions g ON g.code = o.region_code
			WHERE o.kind = 'bureau' AND g.level = 'city' ORDER BY o.id LIMIT 1`).Scan(&bureau)
	}); err != nil {
		t.Fatal(err)
	}
	city := app.System("演示检查", training.PermCreditView)
	city.OrgID = bureau
	for _, year := range []int{ts.CurrentYear(), ts.CurrentYear() - 1} {
		targets, err := ts.FindTargets(context.Background(), city, year)
		if err != nil {
			t.Fatal(err)
		}
		short, backbone := 0, 0
		for _, x := range targets {
			if strings.Contains(x.Text, "未设定") {
				t.Errorf("%d学年 %s: %q; want the rule set", year, x.Name, x.Text)
			}
			if x.Count == 0 || len(x.Names) != x.Count {
				t.Errorf("%d学年 %s: %d counted, %d names; want a count with its names", year, x.Name, x.Count, len(x.Names))
			}
			if strings.Contains(x.Text, "差") {
				short++
			}
			if strings.HasSuffix(x.Name, "骨干教师") {
				backbone++
			}
		}
		if short == 0 || backbone != 3 {
			t.Errorf("%d学年: %d targets short, %d counties' 骨干教师; want shortfalls and all three counties", year, short, backbone)
		}
	}
}
