package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestClickingNextPageShowsTheNextPeople: a county administrator filters
// the people list, clicks 下一页 in the browser and sees other people with
// the filter still applied; 上一页 leads back to the first page.
func TestClickingNextPageShowsTheNextPeople(t *testing.T) {
	chromiumPath(t)
	p := start(t)
	out := p.run(t, "demo", "--size", "small")
	var initial string
	for _, m := range anyAccount.FindAllStringSubmatch(out, -1) {
		if m[1] == "demo.county1" {
			initial = m[2]
		}
	}
	if initial == "" {
		t.Fatalf("demo did not print demo.county1:\n%s", out)
	}
	ctx := browser(t, 1366, 900)
	firstLogin(t, ctx, p.url, "demo.county1", initial, "Jy#Pager2026x")
	body(t, ctx, p.url+"/people?title=first")
	first := names(t, ctx)
	loc := click(t, ctx, nil, `.pager a[rel="next"]`)
	second := names(t, ctx)
	if len(first) == 0 || len(second) == 0 || first[0] == second[0] {
		t.Fatalf("下一页 (%s) shows the same people or none: %v / %v", loc, first, second)
	}
	if !strings.Contains(loc, "title=first") {
		t.Fatalf("下一页 lost the 职称 filter: %s", loc)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('select[name="title"]'); return s.options[s.selectedIndex].text })()`))
	if err != nil || v != "一级教师" {
		t.Fatalf("the filter on page 2 shows %q (%v), want 一级教师", v, err)
	}
	click(t, ctx, nil, `.pager a[rel="prev"]`)
	if back := names(t, ctx); len(back) == 0 || back[0] != first[0] {
		t.Fatalf("上一页 does not lead back to the first page: %v, want %v", back, first)
	}
}

// names are the first column of the list table on the current page.
func names(t *testing.T, ctx context.Context) []string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main table tbody tr td:first-child")).map(td => td.innerText.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}
