package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hrefOf is the href of the first link under sel whose text contains text.
func hrefOf(t *testing.T, ctx context.Context, sel, text string) string {
	t.Helper()
	js := fmt.Sprintf(`(() => { for (const a of document.querySelectorAll(%q)) { if (a.textContent.includes(%q)) return a.getAttribute("href") } return "" })()`, sel, text)
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil || href == "" {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		t.Fatalf("no link %q under %s (%v): %s", text, sel, err, trim(body))
	}
	return href
}

// TestTeacherSignsUpAndChecksInByQROnPhone is issue #16's browser scenario on
// the small demo: the county office opens the venue's 签到二维码 of today's
// activity; a teacher on a 390×844 phone finds the activity open to them,
// signs up, opens the scanned code's page and checks in, and their record
// shows the activity's 学时 added.
func TestTeacherSignsUpAndChecksInByQROnPhone(t *testing.T) {
	p := start(t)
	acc := demoAccounts(p.run(t, "demo", "--size", "small"))
	county, teacher := acc["demo.county1"], acc["demo.teacher1"]
	if county.password == "" || teacher.password == "" {
		t.Fatalf("demo accounts not printed: %+v", acc)
	}
	const title = "今日主题教研"
	desk := browser(t, 1280, 900)
	firstLogin(t, desk, p.url, "demo.county1", county.password, adminPW)
	body(t, desk, p.url+"/activities")
	activity := hrefOf(t, desk, "#activities a", title)
	if s := body(t, desk, p.url+activity+"/qr"); !strings.Contains(s, "请用手机扫码签到") {
		t.Fatalf("venue QR page: %s", trim(s))
	}
	scanned := hrefOf(t, desk, "#checkin-link", "签到页面")

	phone := browser(t, 390, 844)
	must(t, phone, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	firstLogin(t, phone, p.url, "demo.teacher1", teacher.password, teacherPW)
	body(t, phone, p.url+"/activities/mine")
	before := text(t, phone, "#attendance-hours")
	body(t, phone, p.url+"/activities")
	if got := hrefOf(t, phone, "#activities a", title); got != activity {
		t.Fatalf("the teacher's list links %s for today's activity, the office's %s", got, activity)
	}
	body(t, phone, p.url+activity)
	width, err := chromedp.Run(phone, chromedp.Evaluate[int](`Math.max(window.innerWidth, document.documentElement.scrollWidth)`))
	if err != nil || width != 390 {
		t.Fatalf("activity page is %d px wide on a 390 px phone (%v)", width, err)
	}
	click(t, phone, nil, "#signup")
	if s := text(t, phone, "#my-state"); !strings.Contains(s, "请在活动现场扫码签到") {
		t.Fatalf("after signing up: %q", s)
	}
	screenshot(t, phone, "phone_activity_signed_up")
	body(t, phone, scanned)
	screenshot(t, phone, "phone_activity_checkin")
	loc := click(t, phone, nil, "#checkin-button")
	if !strings.HasSuffix(loc, "/activities/mine?done=checkin") {
		t.Fatalf("check-in went to %s: %s", loc, trim(body(t, phone, loc)))
	}
	after := text(t, phone, "#attendance-hours")
	if hours(t, after) != hours(t, before)+2 {
		t.Fatalf("attendance hours %q before, %q after; want 2 more", before, after)
	}
	if s := text(t, phone, "#attendance"); !strings.Contains(s, "今日主题教研") {
		t.Fatalf("the record lacks today's activity: %s", s)
	}
	screenshot(t, phone, "phone_activity_mine")
	if s := body(t, desk, p.url+activity); !strings.Contains(s, teacher.person) {
		t.Fatalf("the office's sign-up list lacks %s: %s", teacher.person, trim(s))
	}
}

// hours reads "累计 5 学时".
func hours(t *testing.T, s string) float64 {
	t.Helper()
	var h float64
	if _, err := fmt.Sscanf(s, "累计 %g 学时", &h); err != nil {
		t.Fatalf("hours %q: %v", s, err)
	}
	return h
}

// TestObservationDraftIsSavedAsTypedOnPhone: a researcher on a 390×844
// phone opens today's draft 听课记录, scores an indicator and types a
// diagnosis without pressing any button; reloading the page shows both.
func TestObservationDraftIsSavedAsTypedOnPhone(t *testing.T) {
	p := start(t)
	acc := demoAccounts(p.run(t, "demo", "--size", "small"))
	res := acc["demo.jyy2"]
	if res.password == "" {
		t.Fatalf("demo accounts not printed: %+v", acc)
	}
	phone := browser(t, 390, 844)
	must(t, phone, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	firstLogin(t, phone, p.url, "demo.jyy2", res.password, resPW)
	body(t, phone, p.url+"/observations?role=observer")
	js := `(() => { for (const tr of document.querySelectorAll("#observations tbody tr")) { if (tr.textContent.includes("草稿")) return tr.querySelector("a").getAttribute("href") } return "" })()`
	draft, err := chromedp.Run(phone, chromedp.Evaluate[string](js))
	if err != nil || draft == "" {
		t.Fatalf("no draft in the researcher's list (%v): %s", err, trim(body(t, phone, p.url+"/observations?role=observer")))
	}
	body(t, phone, p.url+draft)
	const typed = "学生讨论充分，板书清楚"
	must(t, phone, "type the diagnosis", chromedp.SendKeys(chromedp.CSS(`textarea[name=diagnosis]`), typed))
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(text(t, phone, "#autosave"), "已自动保存") {
		if time.Now().After(deadline) {
			t.Fatalf("no autosave: %q", text(t, phone, "#autosave"))
		}
		time.Sleep(200 * time.Millisecond)
	}
	screenshot(t, phone, "phone_observation_draft")
	// A level picked: the select's change saves at once (chromedp sets the
	// value and fires the events a tap would).
	must(t, phone, "pick a level", chromedp.SetValue(chromedp.CSS(`select[name=score_0]`), "1"), chromedp.Sleep(1500*time.Millisecond))
	body(t, phone, p.url+draft)
	got, err := chromedp.Run(phone, chromedp.Evaluate[string](`document.querySelector("textarea[name=diagnosis]").value + "|" + document.querySelector("select[name=score_0]").value`))
	if err != nil || got != typed+"|1" {
		t.Fatalf("after reload the form reads %q (%v), want %q", got, err, typed+"|1")
	}
}
