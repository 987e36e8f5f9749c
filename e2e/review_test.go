package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestExpertScoresOnPhone is issue #15's browser scenario on the small
// demo: demo.expert, on a 390px-wide phone, finds the blind 评比's tasks
// as 待办, opens one (no author or school on it), declares no conflict and
// submits the score form; the task then shows as submitted.
func TestExpertScoresOnPhone(t *testing.T) {
	p := start(t)
	acc := demoAccounts(p.run(t, "demo", "--size", "small"))
	ex := acc["demo.expert"]
	if ex.password == "" {
		t.Fatalf("demo.expert not printed: %+v", acc)
	}
	phone := browser(t, 390, 844)
	must(t, phone, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	firstLogin(t, phone, p.url, "demo.expert", ex.password, resPW)
	list := body(t, phone, p.url+"/reviews")
	if !strings.Contains(list, "优秀教学案例评比") || !strings.Contains(list, "前完成") {
		t.Fatalf("task list: %s", trim(list))
	}
	href, err := chromedp.Run(phone, chromedp.Evaluate[string](`document.querySelector('.todo-row a').getAttribute('href')`))
	if err != nil || !strings.HasPrefix(href, "/reviews/") {
		t.Fatalf("first task link %q (%v)", href, err)
	}
	page := body(t, phone, p.url+href)
	if !strings.Contains(page, "匿名评审") || strings.Contains(page, "申报人：") {
		t.Fatalf("blind task page shows the author: %s", trim(page))
	}
	width, err := chromedp.Run(phone, chromedp.Evaluate[int](`Math.max(window.innerWidth, document.documentElement.scrollWidth)`))
	if err != nil || width != 390 {
		t.Fatalf("task page is %d px wide on a 390 px phone (%v)", width, err)
	}
	screenshot(t, phone, "phone_review_task")
	click(t, phone, nil, `#declare button[value="0"]`)
	loc := click(t, phone, []chromedp.Action[chromedp.Void]{
		chromedp.SetValue(chromedp.CSS(`[name=score_0]`), "25"), chromedp.SetValue(chromedp.CSS(`[name=score_1]`), "33"),
		chromedp.SetValue(chromedp.CSS(`[name=score_2]`), "24")}, `#scores button[name=final]`)
	if !strings.Contains(loc, "saved=1") {
		t.Fatalf("scores not submitted, at %s: %s", loc, trim(body(t, phone, loc)))
	}
	if s := body(t, phone, loc); !strings.Contains(s, "总分：82.0（已提交）") {
		t.Fatalf("submitted task: %s", trim(s))
	}
	screenshot(t, phone, "phone_review_done")
}
