package e2e

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// demoAccount is one sample account printed by `jiaoyan demo`.
type demoAccount struct{ password, person string }

var demoLine = regexp.MustCompile(`^\s*(demo\.\S+)\s+(\S+)\s+\S+\s+(\S+?)（`)

// demoAccounts parses the sample accounts table of `jiaoyan demo`.
func demoAccounts(out string) map[string]demoAccount {
	m := map[string]demoAccount{}
	for _, line := range strings.Split(out, "\n") {
		if f := demoLine.FindStringSubmatch(line); f != nil {
			m[f[1]] = demoAccount{password: f[2], person: f[3]}
		}
	}
	return m
}

// termDays reads a researcher's on-site days this term from the dashboard.
func termDays(t *testing.T, ctx context.Context, base, name string) int {
	t.Helper()
	body(t, ctx, base+"/liaison/dashboard")
	s := text(t, ctx, `tr[data-researcher="`+name+`"] td.term-days`)
	n, err := strconv.Atoi(strings.Fields(s)[0])
	if err != nil {
		t.Fatalf("dashboard days of %s: %q", name, s)
	}
	return n
}

// TestResearcherLogsVisitOnPhone is issue #6's browser scenario on the
// small demo region: the county administrator's dashboard shows a
// researcher's days; the researcher, on a 390px-wide phone, logs a visit
// from 我的学校 in one short form; the dashboard then shows one day more.
func TestResearcherLogsVisitOnPhone(t *testing.T) {
	p := start(t)
	acc := demoAccounts(p.run(t, "demo", "--size", "small"))
	res, county := acc["demo.jyy2"], acc["demo.county2"]
	if res.person == "" || county.password == "" {
		t.Fatalf("demo accounts not printed: %+v", acc)
	}
	desk := browser(t, 1280, 900)
	firstLogin(t, desk, p.url, "demo.county2", county.password, adminPW)
	before := termDays(t, desk, p.url, res.person)

	phone := browser(t, 390, 844)
	must(t, phone, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	firstLogin(t, phone, p.url, "demo.jyy2", res.password, resPW)
	if s := body(t, phone, p.url+"/my"); !strings.Contains(s, "我的学校（本学期）") || !strings.Contains(s, "记录到") {
		t.Fatalf("my schools page: %s", trim(s))
	}
	if s := body(t, phone, p.url+"/my/visit"); strings.Contains(s, `name="lessons_observed"`) || !strings.Contains(s, "听课、示范课请在“听课评课”中逐节记录") {
		t.Fatal("the quick visit form still asks for a typed lesson count, or does not say where lessons are recorded")
	}
	width, err := chromedp.Run(phone, chromedp.Evaluate[int](`Math.max(window.innerWidth, document.documentElement.scrollWidth)`))
	if err != nil || width != 390 {
		t.Fatalf("quick visit form is %d px wide on a 390 px phone (%v)", width, err)
	}
	screenshot(t, phone, "phone_my_visit")
	must(t, phone, "search a school", chromedp.SendKeys(chromedp.CSS(`input[name=school_q]`), "文成"),
		chromedp.WaitVisible(chromedp.CSS(`#school-results label.choice`)), chromedp.Click(chromedp.CSS(`#school-results label.choice input`)))
	loc := click(t, phone, []chromedp.Action[chromedp.Void]{selectText("purpose", "视导")}, `main form button[type=submit]`)
	if !strings.HasSuffix(loc, "/my?saved=1") {
		t.Fatalf("visit not saved, at %s: %s", loc, trim(body(t, phone, loc)))
	}
	if s := text(t, phone, "#term-days"); !strings.Contains(s, strconv.Itoa(before+1)+" 天") {
		t.Fatalf("my term days after the visit: %q, want %d 天", s, before+1)
	}
	screenshot(t, phone, "phone_my")
	if after := termDays(t, desk, p.url, res.person); after != before+1 {
		t.Fatalf("county dashboard shows %d days for %s, want %d", after, res.person, before+1)
	}
	ready, err := chromedp.Run(desk, chromedp.Evaluate[string](`document.querySelector("#chart-comply").dataset.ready || ""`))
	if err != nil || ready != "1" {
		t.Fatalf("the compliance chart was not drawn: %q %v", ready, err)
	}
	screenshot(t, desk, "dashboard")
}
