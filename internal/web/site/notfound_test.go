package site_test

import (
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

// TestUnknownURLGetsChinese404 asks for pages that do not exist, signed out
// and signed in, and for a record that does not exist: each answers 404
// with the styled 页面不存在 page and a way home, never Go's plain text;
// the signed-out page shows no menu and no data.
func TestUnknownURLGetsChinese404(t *testing.T) {
	s := webtest.New(t)
	cases := []struct {
		who, path string
		c         *webtest.Client
	}{
		{"signed out", "/no-such-page", s.Anon()},
		{"signed out", "/people/999999/nothing", s.Anon()},
		{"county_a", "/no-such-page", s.As("county_a")},
		{"county_a", "/people/999999", s.As("county_a")},
		{"teacher_a", "/orgs/abc/zzz", s.As("teacher_a")},
	}
	for _, tc := range cases {
		res, body := tc.c.Get(tc.path)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "页面不存在") || !strings.Contains(body, `href="/">返回首页`) ||
			strings.Contains(body, "404 page not found") || !strings.Contains(body, `lang="zh-CN"`) {
			t.Errorf("%s %s: %d\n%s", tc.who, tc.path, res.StatusCode, body)
		}
		signedIn := strings.Contains(body, `<nav id="nav"`)
		if signedIn != (tc.who != "signed out") {
			t.Errorf("%s %s: menu shown = %v", tc.who, tc.path, signedIn)
		}
		if tc.who == "signed out" && (strings.Contains(body, "陈鹿城") || strings.Contains(body, "鹿城区")) {
			t.Errorf("signed-out 404 shows data: %s", body)
		}
	}
}
