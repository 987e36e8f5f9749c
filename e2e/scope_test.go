package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	initialPW = "Jy#Start2026"
	adminPW   = "Jy#Admin2026x"
	teacherPW = "Js#Teach2026"
	resPW     = "Yj#Resear2026"
	teacherID = "330302198503120015"
)

// TestAdminBuildsCountyAndOtherCountyCannotSeeIt is issue #2's scenario:
// an administrator signs in (password change, TOTP), creates two counties, a
// school and a teacher in one of them, and accounts; the teacher sees only
// their own record; a researcher of the other county sees none of it.
func TestAdminBuildsCountyAndOtherCountyCannotSeeIt(t *testing.T) {
	p := start(t)
	p.run(t, "admin", "create", "--username", "root", "--password", initialPW)
	ctx := browser(t, 1280, 900)
	if s := body(t, ctx, p.url+"/login"); !strings.Contains(s, "教研平台") || !strings.Contains(s, "登录") {
		t.Fatalf("sign-in page is not Chinese: %s", s)
	}
	firstAdminLogin(t, ctx, p.url, "root", initialPW, adminPW)

	submit(t, ctx, p.url+"/regions/new", map[string]string{"level": "city", "code": "330300", "name": "温州市", "parent_code": ""})
	submit(t, ctx, p.url+"/regions/new", map[string]string{"level": "county", "code": "330302", "name": "鹿城区", "parent_code": "330300"})
	submit(t, ctx, p.url+"/regions/new", map[string]string{"level": "county", "code": "330303", "name": "龙湾区", "parent_code": "330300"})
	if s := body(t, ctx, p.url+"/regions"); !strings.Contains(s, "鹿城区") || !strings.Contains(s, "龙湾区") {
		t.Fatalf("regions not listed: %s", trim(s))
	}
	submit(t, ctx, p.url+"/orgs/new", map[string]string{"kind": "research_office", "region_code": "330303", "name": "龙湾区教师发展中心"})
	schoolURL := click(t, ctx, []chromedp.Action[chromedp.Void]{chromedp.Navigate(p.url + "/orgs/new"), chromedp.WaitReady(chromedp.CSS("form")),
		chromedp.SetValue(chromedp.CSS(`[name=kind]`), "school"), chromedp.SetValue(chromedp.CSS(`[name=region_code]`), "330302"),
		chromedp.SetValue(chromedp.CSS(`[name=name]`), "鹿城区实验小学"), chromedp.SetValue(chromedp.CSS(`[name=school_code]`), "2330000001"),
		check("stages", "primary"), chromedp.SetValue(chromedp.CSS(`[name=locale]`), "rural")}, `main form button[type=submit]`)
	if !strings.Contains(schoolURL, "/orgs/") || strings.HasSuffix(schoolURL, "/orgs") {
		t.Fatalf("school not created, at %s: %s", schoolURL, trim(body(t, ctx, schoolURL)))
	}
	teacherURL := click(t, ctx, []chromedp.Action[chromedp.Void]{chromedp.Navigate(p.url + "/people/new"), chromedp.WaitReady(chromedp.CSS("form")),
		chromedp.SetValue(chromedp.CSS(`[name=name]`), "陈鹿城"), selectText("org_id", "鹿城区实验小学"),
		chromedp.SetValue(chromedp.CSS(`[name=id_number]`), teacherID), chromedp.SetValue(chromedp.CSS(`[name=phone]`), "13812345678"),
		chromedp.SetValue(chromedp.CSS(`[name=title]`), "first")}, `main form button[type=submit]`)
	openAccount(t, ctx, teacherURL, "teacher_a", "teacher")
	researcherURL := click(t, ctx, []chromedp.Action[chromedp.Void]{chromedp.Navigate(p.url + "/people/new"), chromedp.WaitReady(chromedp.CSS("form")),
		chromedp.SetValue(chromedp.CSS(`[name=name]`), "王龙湾"), selectText("org_id", "龙湾区教师发展中心"),
		chromedp.SetValue(chromedp.CSS(`[name=researcher_kind]`), "fulltime"), chromedp.SetValue(chromedp.CSS(`[name=researcher_subject]`), "数学")},
		`main form button[type=submit]`)
	openAccount(t, ctx, researcherURL, "res_b", "researcher")
	screenshot(t, ctx, "person")
	if s := body(t, ctx, p.url+"/"); !strings.Contains(s, "学校（含教学点）") {
		t.Fatalf("home: %s", trim(s))
	}
	screenshot(t, ctx, "home")
	logout(t, ctx)

	// The teacher sees only their own record, masked.
	firstLogin(t, ctx, p.url, "teacher_a", initialPW, teacherPW)
	s := body(t, ctx, p.url+"/people")
	if !strings.Contains(s, "陈鹿城") || strings.Contains(s, "王龙湾") || strings.Contains(s, teacherID) {
		t.Fatalf("teacher's people page: %s", trim(s))
	}
	if s := body(t, ctx, p.url+"/orgs"); !strings.Contains(s, "没有访问此页面的权限") {
		t.Fatalf("teacher opened the organisation list: %s", trim(s))
	}
	logout(t, ctx)

	// A researcher of the other county sees none of 鹿城区's data.
	firstLogin(t, ctx, p.url, "res_b", initialPW, resPW)
	for _, page := range []string{"/", "/orgs", "/people", "/groups"} {
		if s := body(t, ctx, p.url+page); strings.Contains(s, "鹿城区实验小学") || strings.Contains(s, "陈鹿城") {
			t.Fatalf("other county's researcher sees 鹿城区 data on %s: %s", page, trim(s))
		}
	}
	if s := body(t, ctx, p.url+"/orgs"); !strings.Contains(s, "龙湾区教师发展中心") {
		t.Fatalf("researcher does not see own office (the check above proves nothing): %s", trim(s))
	}
	for _, u := range []string{teacherURL, schoolURL} {
		if s := body(t, ctx, u); strings.Contains(s, "陈鹿城") || strings.Contains(s, "鹿城区实验小学") || !strings.Contains(s, "找不到") {
			t.Fatalf("researcher opened %s: %s", u, trim(s))
		}
	}
}

func openAccount(t *testing.T, ctx context.Context, personURL, username, role string) {
	t.Helper()
	personURL, _, _ = strings.Cut(personURL, "?")
	loc := click(t, ctx, []chromedp.Action[chromedp.Void]{chromedp.Navigate(personURL + "/account/new"), chromedp.WaitReady(chromedp.CSS("form")),
		chromedp.SetValue(chromedp.CSS(`[name=username]`), username), chromedp.SetValue(chromedp.CSS(`[name=password]`), initialPW),
		uncheck("roles", "teacher"), check("roles", role)},
		`main form button[type=submit]`)
	if !strings.Contains(loc, "/accounts/") {
		t.Fatalf("account %s not created: %s", username, trim(body(t, ctx, loc)))
	}
}
