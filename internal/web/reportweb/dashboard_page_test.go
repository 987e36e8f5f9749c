package reportweb_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
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
