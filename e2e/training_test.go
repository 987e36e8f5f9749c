package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTeacherCreditsOnPhoneAndCountyApproves is issue #13's browser
// scenario on the small demo region: a teacher on a 390px phone reads the
// standing (本周期已认定 …) and the claim form, both as wide as the phone;
// the county administrator sees the county's standing and approves a claim
// waiting at the county from the batch list.
func TestTeacherCreditsOnPhoneAndCountyApproves(t *testing.T) {
	p := start(t)
	acc := demoAccounts(p.run(t, "demo", "--size", "small"))
	teacher, county := acc["demo.teacher1"], acc["demo.county1"]
	if teacher.password == "" || county.password == "" {
		t.Fatalf("demo accounts not printed: %+v", acc)
	}
	phone := browser(t, 390, 844)
	must(t, phone, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	firstLogin(t, phone, p.url, "demo.teacher1", teacher.password, teacherPW)
	if s := body(t, phone, p.url+"/credits"); !strings.Contains(s, "我的学分") || !strings.Contains(s, "本周期已认定") {
		t.Fatalf("my credits: %s", trim(s))
	}
	for _, page := range []string{"/credits", "/credits/claims"} {
		body(t, phone, p.url+page)
		width, err := chromedp.Run(phone, chromedp.Evaluate[int](`Math.max(window.innerWidth, document.documentElement.scrollWidth)`))
		if err != nil || width != 390 {
			t.Errorf("%s is %d px wide on a 390 px phone (%v)", page, width, err)
		}
	}
	screenshot(t, phone, "phone_credits_claims")

	desk := browser(t, 1280, 900)
	firstLogin(t, desk, p.url, "demo.county1", county.password, adminPW)
	if s := body(t, desk, p.url+"/credits"); !strings.Contains(s, "学分达标情况") || !strings.Contains(s, "低于每年要求") {
		t.Fatalf("county standing: %s", trim(s))
	}
	if s := body(t, desk, p.url+"/credits/claims?view=waiting"); !strings.Contains(s, "批量审核通过") {
		t.Fatalf("no claim waits at the county: %s", trim(s))
	}
	loc := click(t, desk, []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(`#claims input[name=ids]`))}, `#batch button[type=submit]`)
	if !strings.Contains(loc, "saved=1") {
		t.Fatalf("batch approval went to %s: %s", loc, trim(body(t, desk, p.url+loc)))
	}
	screenshot(t, desk, "county_claims")
}
