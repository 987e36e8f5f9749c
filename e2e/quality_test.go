package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var examLinkRE = regexp.MustCompile(`/exams/(\d+)$`)

// TestQualityReportsInTheBrowser walks the demo's exams as the city and as
// a school: the city's school table compares each school with the previous
// exam and draws its charts; the school sees its own school only, and no
// rank on any page it opens.
func TestQualityReportsInTheBrowser(t *testing.T) {
	p := start(t)
	out := p.run(t, "demo", "--size", "small")
	passwords := map[string]string{}
	for _, m := range anyAccount.FindAllStringSubmatch(out, -1) {
		passwords[m[1]] = m[2]
	}
	city := browser(t, 1366, 900)
	firstLogin(t, city, p.url, "demo.city", passwords["demo.city"], "Jy#Quality2026x")
	exam := latestExam(t, city, p.url)
	page := body(t, city, p.url+exam+"/report?level=school")
	if !strings.Contains(page, "与上次比") || !(strings.Contains(page, "进步") || strings.Contains(page, "退步")) {
		t.Errorf("the city's school table has no comparison with the previous exam: %s", trim(page))
	}
	step, cancel := context.WithTimeout(city, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(step, chromedp.WaitVisible(chromedp.CSS(`.chart[data-ready="1"]`))); err != nil {
		t.Errorf("no chart drawn on the report: %v", err)
	}
	if s := body(t, city, p.url+"/rectifications"); !strings.Contains(s, "已逾期") {
		t.Errorf("the city's rectifications show no overdue loop first: %s", trim(s))
	}
	school := browser(t, 1366, 900)
	firstLogin(t, school, p.url, "demo.school1", passwords["demo.school1"], "Jy#Quality2026x")
	exam = latestExam(t, school, p.url)
	for _, pg := range []string{exam, exam + "/report?level=school", exam + "/report?level=class", exam + "/students", "/warnings", "/rectifications"} {
		s := body(t, school, p.url+pg)
		if strings.Contains(s, "名次") {
			t.Errorf("%s shows a rank to a school", pg)
		}
	}
	must(t, school, "open school table", chromedp.Navigate(p.url+exam+"/report?level=school"), chromedp.WaitReady(chromedp.CSS("body")))
	rows, err := chromedp.Run(school, chromedp.Evaluate[int](`(() => { const t = document.querySelectorAll("table.groups"); return t.length ? t[t.length-1].tBodies[0].rows.length : -1 })()`))
	if err != nil || rows != 1 {
		t.Errorf("the school's report lists %d schools (%v), want its own only", rows, err)
	}
}

// latestExam opens /exams and returns the path of the first exam listed.
func latestExam(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	must(t, ctx, "open exams", chromedp.Navigate(base+"/exams"), chromedp.WaitReady(chromedp.CSS("#exams")))
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("#exams tbody a"); return a ? new URL(a.href).pathname : "" })()`))
	if err != nil || !examLinkRE.MatchString(href) {
		t.Fatalf("no exam on /exams: %q %v", href, err)
	}
	return href
}
