package activityweb_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
	"jiaoyan/internal/web/webtest"
)

// TestUnreachedSchoolsExportWholePastThePageCap: with more unreached schools
// in county A than the report page lists (activity.MaxUnreached), the page
// says it shows only the first ones, and the export (a job past a lowered
// web.ExportJobRows) holds every one of county A's schools and none of
// county B's.
func TestUnreachedSchoolsExportWholePastThePageCap(t *testing.T) {
	s := webtest.New(t)
	n := activity.MaxUnreached + 50
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		for i := range n {
			if _, err := tx.Exec(ctx, `INSERT INTO orgs (name, kind, region_code, path, created_at, updated_at)
				VALUES (?, 'school', '330302', '', 0, 0)`, fmt.Sprintf("未达学校%04d", i)); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO orgs (name, kind, region_code, path, created_at, updated_at) VALUES ('龙湾未达学校', 'school', '330303', '', 0, 0)`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE orgs SET path = (SELECT r.path FROM regions r WHERE r.code = orgs.region_code) || 'o' || id || '/'
			WHERE name LIKE '%未达学校%'`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c := s.As("county_a")
	_, body := c.Get("/activities/report?term=2025-1")
	if !strings.Contains(body, fmt.Sprintf("仅显示前 %d 条，导出含全部", activity.MaxUnreached)) {
		t.Fatalf("report page should say it lists only the first %d schools: %s", activity.MaxUnreached, body[strings.Index(body, "本学期未参加活动的学校"):][:400])
	}
	_, rows := exportThroughJob(t, c, "/activities/report/export?table=schools&term=2025-1", 100)
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) > 1 {
			seen[r[1]] = true
		}
	}
	for i := range n {
		if name := fmt.Sprintf("未达学校%04d", i); !seen[name] {
			t.Fatalf("export misses %s (%d rows)", name, len(rows))
		}
	}
	if seen["龙湾未达学校"] {
		t.Error("county A's export lists a school of county B")
	}
}

// TestObservationRuleExportsPastTheOldCap: 5,050 researchers of county A
// (the report once stopped at 5,000 without a word) all reach the rule
// report's export, which goes through an export job.
func TestObservationRuleExportsPastTheOldCap(t *testing.T) {
	s := webtest.New(t)
	const n = 5050
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
			INSERT INTO people (name, org_id, researcher_kind, created_at, updated_at) SELECT '测试教研员' || i, ?, 'full', 0, 0 FROM k`, n, s.World.BureauA)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_, rows := exportThroughJob(t, s.As("county_a"), "/observations/report/export", 100)
	got := 0
	for _, r := range rows[1:] {
		if len(r) > 2 && strings.HasPrefix(r[2], "测试教研员") {
			got++
		}
	}
	if got != n {
		t.Errorf("the export holds %d of the %d researchers", got, n)
	}
}
