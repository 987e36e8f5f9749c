package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// bypasses are the forms of an off-site target that redirect checks are
// known to miss: protocol-relative, backslashes, encoded slashes and
// controls, schemes, dot segments, leading blanks, unicode slashes.
var bypasses = []string{
	"//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/%09/evil.example",
	"/\t/evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "%2F%2Fevil.example", "http://evil.example",
	"https:evil.example", "https:/evil.example", " /evil.example", "/%0d%0aSet-Cookie:%20a=b", "/\r\nSet-Cookie: a=b",
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", "/.//evil.example", "/./\\evil.example", "/..//evil.example",
	"/%5Cevil.example", "/%5C%5Cevil.example", "/\uff0f\uff0fevil.example", "/\u2215\u2215evil.example", "\uff0f\uff0fevil.example",
	"/%00/evil.example", "/\x00/evil.example", "/%E3%80%80/evil.example", "data:text/html,x", "//%09evil.example",
	"/%2e%2e//evil.example", "/a/../../evil.example", "/a/..//evil.example", "//evil.example/%2F..", "?next=//evil.example",
	"#//evil.example", "", "evil.example", "/\x7f/evil.example", "/\u202e/evil.example", "/%ff/evil.example",
}

// sameSite reports whether a browser at https://jy.example following
// Location: loc stays on jy.example with a path that cannot read as a host.
func sameSite(loc string) bool {
	base, _ := url.Parse("https://jy.example/login")
	u, err := base.Parse(loc)
	return err == nil && u.Host == "jy.example" && u.Scheme == "https" && strings.HasPrefix(loc, "/") &&
		!strings.HasPrefix(loc, "//") && !strings.ContainsAny(loc, "\\\t\r\n\x00") && !strings.HasPrefix(u.Path, "//")
}

func TestSafeNextKeepsEveryBypassOnSite(t *testing.T) {
	for _, n := range bypasses {
		if got := web.SafeNext(n); !sameSite(got) {
			t.Errorf("SafeNext(%q) = %q", n, got)
		}
	}
	for n, want := range map[string]string{"/people?q=%E9%99%88&page=2": "/people?page=2&q=%E9%99%88", "/visits/12": "/visits/12",
		"/orgs/": "/orgs/", "/": "/"} {
		if got := web.SafeNext(n); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", n, got, want)
		}
	}
}

// TestSignInRedirectStaysOnSite replays finding 7 through POST /login.
func TestSignInRedirectStaysOnSite(t *testing.T) {
	s := webtest.New(t)
	for _, n := range bypasses {
		c := s.Anon()
		res, body := c.Post("/login", url.Values{"username": {"teacher_a"}, "password": {testutil.Password}, "next": {n}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in: %d %s", res.StatusCode, body)
		}
		if loc := res.Header.Get("Location"); !sameSite(loc) {
			t.Errorf("next=%q: Location %q", n, loc)
		}
	}
}
