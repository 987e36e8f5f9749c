package reportweb_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestDashboardPagesTheResearchers: a county with more 专职教研员 than fit
// on a page shows 50, worst first, and 下一页 leads to the others; no one
// is shown twice or left out.
func TestDashboardPagesTheResearchers(t *testing.T) {
	s := webtest.New(t)
	first := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员000", "res_a")
	var office int64
	if err := s.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT office_id FROM people WHERE id = ?", first).Scan(&office)
	}); err != nil {
		t.Fatal(err)
	}
	const n = 61
	for i := 1; i < n; i++ {
		s.MustPerson(t, org.Person{Name: fmt.Sprintf("鹿城教研员%03d", i), OrgID: office, ResearcherKind: "fulltime",
			ResearcherSubject: "数学", OfficeID: office})
	}
	c := s.As("county_a")
	names := regexp.MustCompile(`data-researcher="([^"]+)"`)
	seen := map[string]int{}
	_, body := c.Get("/liaison/dashboard")
	page1 := names.FindAllStringSubmatch(body, -1)
	if len(page1) != 50 || !strings.Contains(body, "共 61 条，第 1/2 页") || !strings.Contains(body, `rel="next"`) {
		t.Fatalf("page 1 shows %d researchers, want 50 with 共 61 条，第 1/2 页 and 下一页", len(page1))
	}
	_, body = c.Get("/liaison/dashboard?page=2")
	page2 := names.FindAllStringSubmatch(body, -1)
	if len(page2) != 11 || !strings.Contains(body, `rel="prev"`) {
		t.Fatalf("page 2 shows %d researchers, want the other 11 and 上一页", len(page2))
	}
	for _, m := range append(page1, page2...) {
		seen[m[1]]++
	}
	for i := 0; i < n; i++ {
		if name := fmt.Sprintf("鹿城教研员%03d", i); seen[name] != 1 {
			t.Errorf("%s shown %d times over the two pages", name, seen[name])
		}
	}
}

// TestDashboardShowsItsTimeAndRecomputesAfterARuleChange: the dashboard
// says when its figures were computed; right after a rule change it shows
// the last figures with 正在重新计算 and a link to the rebuild job, whose
// page ends 已完成 and leads back to the dashboard, and once the rebuild is
// done the new rule's figures without it.
func TestDashboardShowsItsTimeAndRecomputesAfterARuleChange(t *testing.T) {
	s := webtest.New(t)
	ctx := context.Background()
	liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	ps := &policy.Service{DB: s.DB}
	year := dict.SchoolYearOf(time.Now())
	if err := ps.ApplyPreset(ctx, testutil.Root, "330302", "district_training_school", year); err != nil {
		t.Fatal(err)
	}
	c := s.As("county_a")
	_, body := c.Get("/liaison/dashboard")
	if !strings.Contains(body, `id="figures-at">数据时间 20`) || strings.Contains(body, "正在重新计算") {
		t.Fatalf("first dashboard does not show the figures' time alone:\n%s", figuresAt(body))
	}
	days := func(body string) string {
		if m := regexp.MustCompile(`class="term-days"[^>]*>\d+ 天<div class="small">差 (\d+) 天`).FindStringSubmatch(body); m != nil {
			return m[1]
		}
		return ""
	}
	was := days(body)
	if err := s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE policy_values SET value = value + 5 WHERE region_code = ? AND rule_key = ?",
			"330302", string(policy.RuleResearcherSchoolDaysPerTerm))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_, body = c.Get("/liaison/dashboard")
	if !strings.Contains(body, "正在重新计算") || days(body) != was {
		t.Fatalf("right after the rule change: %s, rule %s (was %s)", figuresAt(body), days(body), was)
	}
	job := regexp.MustCompile(`<a href="(/jobs/\d+)" id="rebuild-job">`).FindStringSubmatch(body)
	if job == nil {
		t.Fatalf("the recomputing dashboard links to no rebuild job: %s", figuresAt(body))
	}
	done := c.WaitJob(job[1], nil)
	if !strings.Contains(done, "工作量看板已按新规则重新计算") || !strings.Contains(done, "/liaison/dashboard?") {
		t.Fatalf("the rebuild job's page does not say it is done and lead back:\n%s", done)
	}
	for range 500 { // the rebuild runs in the background; wait for it
		if _, body = c.Get("/liaison/dashboard"); !strings.Contains(body, "正在重新计算") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if strings.Contains(body, "正在重新计算") || days(body) == was || days(body) == "" {
		t.Fatalf("after the rebuild: %s, rule %s (was %s)", figuresAt(body), days(body), was)
	}
}

func figuresAt(body string) string {
	if m := regexp.MustCompile(`<p[^>]*id="figures-at">.*?</p>`).FindString(body); m != "" {
		return m
	}
	return "(no figures time)"
}
