package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// anyAccount matches every sample account line of `jiaoyan demo`, the 三员
// (no person) included.
var anyAccount = regexp.MustCompile(`(?m)^\s*(demo\.\S+)\s+(\S+)`)

// screenRoles are the demo accounts whose pages are shot, one per role.
var screenRoles = []string{"demo.city", "demo.county2", "demo.school1", "demo.jyy2", "demo.teacher1", "demo.expert", "demo.sys", "demo.audit"}

// formPages are the forms of a role beyond its menu.
var formPages = map[string][]string{
	"demo.jyy2": {"/my/visit", "/visits/new"}, "demo.county2": {"/visits/new", "/people/new", "/orgs/new"},
	"demo.school1": {"/people/new", "/groups/new"},
}

// layoutJS returns what a user would notice is wrong with the page as laid
// out: sideways scrolling, a chart outside the screen, a checkbox far from
// its label, a field label beside its box instead of above it, a visible
// internal code, an error page.
const layoutJS = `(() => {
  const out = [], vw = window.innerWidth;
  if (document.scrollingElement.scrollWidth > vw + 1) out.push("page scrolls sideways: " + document.scrollingElement.scrollWidth + " > " + vw);
  document.querySelectorAll(".chart").forEach(c => { const r = c.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > vw + 1)) out.push("chart " + c.id + " outside the screen: " + r.left + ".." + r.right); });
  const textRect = el => { for (const n of el.childNodes) { if (n.nodeType === 3 && n.textContent.trim()) { const rg = document.createRange(); rg.selectNodeContents(n); return rg.getBoundingClientRect(); } } return null; };
  document.querySelectorAll("label").forEach(l => {
    const cb = l.querySelector("input[type=checkbox],input[type=radio]"), t = textRect(l);
    if (!t || l.offsetParent === null) return;
    if (cb) { const g = t.left - cb.getBoundingClientRect().right; if (g > 16) out.push("label " + l.textContent.trim() + " is " + Math.round(g) + " px from its box"); return; }
    const f = l.querySelector(":scope > input, :scope > select, :scope > textarea");
    if (f && f.getBoundingClientRect().top < t.bottom - 2) out.push("label " + l.textContent.trim().slice(0, 10) + " sits beside its field, not above");
  });
  const h1 = document.querySelector("h1");
  if (h1 && (h1.textContent === "出错了" || h1.textContent === "页面不存在")) out.push("error page: " + document.body.innerText.slice(0, 200));
  const main = document.querySelector("main");
  const codes = (main ? main.innerText : "").match(/\b[a-z]{2,}(?:[._][a-z0-9]{2,})+\b/g) || [];
  const shown = codes.filter(c => !c.startsWith("demo.") && !/^(www|mail|jiaoyan)\b/.test(c));
  if (shown.length) out.push("identifiers on screen: " + shown.slice(0, 5).join(", "));
  return JSON.stringify(out);
})()`

// checkLayout fails the test with what layoutJS found on the current page.
func checkLayout(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](layoutJS))
	if err != nil {
		t.Fatalf("%s: layout check: %v", what, err)
	}
	var problems []string
	json.Unmarshal([]byte(js), &problems)
	for _, p := range problems {
		t.Errorf("%s: %s", what, p)
	}
}

// menuLinks are the side-menu links of the current page.
func menuLinks(t *testing.T, ctx context.Context) []string {
	t.Helper()
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#nav a")).map(a => a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	return links
}

// firstDetail is the first record link of a list page's table, or "".
func firstDetail(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("main table tbody a[href^='/']"); return a ? a.getAttribute("href") : "" })()`))
	return s
}

// shotName is a file name for a page of a user at a width.
func shotName(user, path string, width int) string {
	p := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "_", "&", "_").Replace(path), "_")
	if p == "" {
		p = "home"
	}
	return fmt.Sprintf("%s_%d_%s", strings.TrimPrefix(user, "demo."), width, p)
}

// TestScreensOfEveryRole signs in each demo role on the small demo region
// on a desktop (1366×900) and a phone (390×844), opens home, every menu
// link and the first record of each list, and checks what a user would
// notice (see layoutJS). With JIAOYAN_SCREENSHOTS=dir every page is saved
// there as PNG.
func TestScreensOfEveryRole(t *testing.T) {
	p := start(t)
	out := p.run(t, "demo", "--size", "small")
	passwords := map[string]string{}
	for _, m := range anyAccount.FindAllStringSubmatch(out, -1) {
		passwords[m[1]] = m[2]
	}
	for _, user := range screenRoles {
		if passwords[user] == "" {
			t.Fatalf("demo did not print %s:\n%s", user, out)
		}
		t.Run(strings.TrimPrefix(user, "demo."), func(t *testing.T) { screensOf(t, p, user, passwords[user]) })
	}
}

// screensOf signs user in on a desktop and a phone and walks their pages.
func screensOf(t *testing.T, p *program, user, initial string) {
	desk := browser(t, 1366, 900)
	next := "Jy#Screen2026x"
	admin := user == "demo.sys" || user == "demo.audit"
	if admin {
		firstAdminLogin(t, desk, p.url, user, initial, next)
	} else {
		firstLogin(t, desk, p.url, user, initial, next)
	}
	body(t, desk, p.url+"/")
	pages := []string{"/"}
	for _, l := range menuLinks(t, desk) {
		if l != "/" && l != "/account/password" {
			pages = append(pages, l)
		}
	}
	if user == "demo.teacher1" || user == "demo.expert" {
		if s := body(t, desk, p.url+"/"); strings.Contains(s, "在职人员") || strings.Contains(s, "学校（含教学点）") {
			t.Errorf("%s's home shows region counters: %s", user, trim(s))
		}
	}
	var details []string
	for _, pg := range pages {
		body(t, desk, p.url+pg)
		if d := firstDetail(desk); d != "" && len(details) < 3 {
			details = append(details, d)
		}
	}
	pages = append(append(pages, details...), formPages[user]...)
	type view struct {
		ctx   context.Context
		width int
	}
	views := []view{{desk, 1366}}
	if !admin { // the 三员 work at a desk; their second factor is not replayed on a phone
		phone := phoneBrowser(t)
		login(t, phone, p.url, user, next)
		views = append(views, view{phone, 390})
	}
	for _, pg := range pages {
		for _, v := range views {
			body(t, v.ctx, p.url+pg)
			checkLayout(t, v.ctx, fmt.Sprintf("%s %s at %d px", user, pg, v.width))
			screenshot(t, v.ctx, shotName(user, pg, v.width))
		}
	}
}

// phoneBrowser is a browser emulating a 390×844 phone.
func phoneBrowser(t *testing.T) context.Context {
	phone := browser(t, 390, 844)
	must(t, phone, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	return phone
}
