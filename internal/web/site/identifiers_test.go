package site_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/demo"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/site"
	"jiaoyan/internal/web/webtest"
)

// TestNoIdentifierOnScreen fills a database with the small demo, signs in
// as every sample account (one per built-in role and more), walks the pages
// reachable from the menu and from links on those pages, and fails on any
// internal code in the visible text: word.word, snake_case, raw JSON, or an
// English code word such as researcher or true.
func TestNoIdentifierOnScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the whole demo site")
	}
	base, accounts, d := demoSite(t)
	var allow []string
	for _, a := range accounts {
		allow = append(allow, a.Username)
	}
	total := 0
	for _, a := range accounts {
		c := signIn(t, base, a)
		pages := crawl(t, c, 160, allow)
		if len(pages) < 3 {
			t.Errorf("%s reached only %d pages: the walk no longer follows the menu", a.Username, len(pages))
		}
		t.Logf("%s: %d pages", a.Username, len(pages))
		for page, found := range pages {
			if len(found) > 0 {
				total += len(found)
				t.Errorf("%s sees %d internal code(s) on %s: %s", a.Username, len(found), page, strings.Join(clip(found, 8), " | "))
			}
		}
	}
	if total > 0 {
		t.Logf("%d internal codes on screen in all", total)
	}
	for _, code := range loggedActions(t, d) {
		if _, ok := audit.ActionName(code); !ok {
			t.Errorf("the demo wrote audit action %q, which has no Chinese name", code)
		}
	}
}

// loggedActions are the distinct action codes in the audit log.
func loggedActions(t *testing.T, d *db.DB) []string {
	t.Helper()
	var out []string
	err := d.Read(context.Background(), func(tx *db.Tx) error {
		rows, err := tx.Query(context.Background(), "SELECT DISTINCT action FROM audit_log")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// demoSite serves the small demo (the Target cmd/jiaoyan's demo builds)
// and returns its base URL, its sample accounts (each past its first
// sign-in and without the administrators' second factor) and its database.
func demoSite(t *testing.T) (string, []demo.Account, *db.DB) {
	t.Helper()
	ctx := context.Background()
	env := testutil.NewEnv(t)
	env.Auth.Policy.RequireAdminTOTP = false
	ds := &dict.Store{DB: env.DB}
	if err := ds.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	ps := &policy.Service{DB: env.DB}
	ls := &liaison.Service{DB: env.DB, Org: env.Org, Policy: ps, Dict: ds}
	sum, err := demo.Generate(ctx, demo.Target{Org: env.Org, Auth: env.Auth, Policy: ps, Liaison: ls}, demo.Small, 1, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE users SET must_change = FALSE")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	srv, err := site.New(site.Deps{DB: env.DB, Auth: env.Auth, Org: env.Org, Policy: ps, Dict: ds, Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL, sum.Accounts, env.DB
}

func signIn(t *testing.T, base string, a demo.Account) *webtest.Client {
	t.Helper()
	c := webtest.NewClient(t, base)
	res, body := c.Post("/login", url.Values{"username": {a.Username}, "password": {a.Password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d %s", a.Username, res.StatusCode, clip([]string{body}, 1))
	}
	return c
}

// crawl walks same-site GET pages from "/" breadth first, at most two pages
// per path shape (digits folded) and at most limit pages, and returns the
// visible text's suspicious tokens per page.
func crawl(t *testing.T, c *webtest.Client, limit int, allow []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	seen, shapes := map[string]bool{"/": true}, map[string]int{}
	queue := []string{"/"}
	for len(queue) > 0 && len(out) < limit {
		page := queue[0]
		queue = queue[1:]
		res, body := c.Get(page)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		out[page] = suspects(visibleText(body), allow)
		for _, link := range links(body) {
			shape := digits.ReplaceAllString(strings.SplitN(link, "?", 2)[0], "N")
			if seen[link] || shapes[shape] >= 2 || skipLink(link) {
				continue
			}
			seen[link] = true
			shapes[shape]++
			queue = append(queue, link)
		}
	}
	return out
}

var (
	digits   = regexp.MustCompile(`[0-9]+`)
	hrefRe   = regexp.MustCompile(`<a\b[^>]*\bhref="([^"]+)"`)
	dropRe   = regexp.MustCompile(`(?is)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<template\b.*?</template>|<code\b.*?</code>`)
	placeRe  = regexp.MustCompile(`(?i)\bplaceholder="([^"]*)"`)
	tagRe    = regexp.MustCompile(`(?s)<[^>]*>`)
	dottedRe = regexp.MustCompile(`\b[a-z]+(\.[a-z_]+)+\b`)
	snakeRe  = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`)
	wordRe   = regexp.MustCompile(`\b(` + strings.Join(leakWords, "|") + `)\b`)
)

// leakWords are English codes that have leaked onto pages before.
var leakWords = []string{"researcher", "school", "station", "teacher", "expert", "county", "city", "bureau",
	"primary", "junior", "senior", "preschool", "vocational", "special", "urban", "rural", "town",
	"true", "false", "nil", "null", "pending", "active", "draft", "done", "failed", "running", "unknown",
	"sysadmin", "secadmin", "auditor", "admin", "first", "second", "third", "term", "round", "visit"}

// links are the same-site hrefs of body, unescaped.
func links(body string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// skipLink leaves out other sites, downloads, files, assets and sign-out.
func skipLink(link string) bool {
	if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") {
		return true
	}
	for _, s := range []string{"/logout", "/static/", "/export", "/download", "/files/", "/file", ".xlsx", ".csv",
		"/template", "/attachments/"} {
		if strings.Contains(link, s) {
			return true
		}
	}
	return false
}

// visibleText is the text a reader sees: tags, scripts and styles removed,
// placeholders kept, entities decoded. A <code> element is a code shown on
// purpose (the 代码 column of a code table, a TOTP secret) and is left out.
func visibleText(body string) string {
	body = dropRe.ReplaceAllString(body, " ")
	body = placeRe.ReplaceAllString(body, "> $1 <")
	return html.UnescapeString(tagRe.ReplaceAllString(body, " "))
}

// suspects are the tokens of text that look like internal codes, once the
// allowed names (the sample usernames, which users type to sign in) are
// taken out.
func suspects(text string, allow []string) []string {
	for _, a := range allow {
		text = strings.ReplaceAll(text, a, " ")
	}
	var out []string
	if strings.Contains(text, `{"`) {
		out = append(out, `{"…`)
	}
	for _, re := range []*regexp.Regexp{dottedRe, snakeRe, wordRe} {
		out = append(out, re.FindAllString(text, -1)...)
	}
	return out
}

// clip keeps the first n distinct items of xs and notes how many more.
func clip(xs []string, n int) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	if len(out) > n {
		out = append(out[:n], fmt.Sprintf("…（另 %d 个）", len(out)-n))
	}
	return out
}
