package web_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/config"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/web"
)

// TestSessionWorksOnAnotherServer signs in on one server and uses the
// cookie on a second server over the same database, as behind a load
// balancer; signing out on the second ends it on the first.
func TestSessionWorksOnAnotherServer(t *testing.T) {
	s := newSite(t)
	second := &web.Server{Auth: s.Auth, Org: s.Org, Audit: &audit.Service{DB: s.DB}, Jobs: &jobs.Store{DB: s.DB}, Config: config.Default()}
	h, err := second.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	c := s.as("county_a")
	u, _ := url.Parse(s.URL)
	jar, _ := cookiejar.New(nil) // its own jar: the first client keeps its cookie
	other := &client{Client: &http.Client{Jar: jar, CheckRedirect: c.CheckRedirect}, base: ts.URL, t: t}
	other.Jar.SetCookies(mustURL(ts.URL), c.Jar.Cookies(u))
	if res, body := other.get("/people"); res.StatusCode != 200 || !strings.Contains(body, "陈鹿城") {
		t.Fatalf("session not valid on the second server: %d", res.StatusCode)
	}
	other.post("/logout", nil)
	if len(c.Jar.Cookies(u)) == 0 {
		t.Fatal("the first client lost its cookie: the check below would prove nothing")
	}
	if res, _ := c.get("/people"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signed out on one server, still in on the other: %d", res.StatusCode)
	}
}

func mustURL(s string) *url.URL {
	u, _ := url.Parse(s)
	return u
}
