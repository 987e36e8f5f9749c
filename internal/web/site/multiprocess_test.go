package site_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

// TestSessionWorksOnAnotherServer signs in on one server and uses the
// cookie on a second server over the same database, as behind a load
// balancer; signing out on the second ends it on the first.
func TestSessionWorksOnAnotherServer(t *testing.T) {
	s := webtest.New(t)
	_, second := s.Start(t)
	c := s.As("county_a")
	u, _ := url.Parse(s.URL)
	jar, _ := cookiejar.New(nil) // its own jar: the first client keeps its cookie
	other := &webtest.Client{Client: &http.Client{Jar: jar, CheckRedirect: c.CheckRedirect}, Base: second, T: t}
	other.Jar.SetCookies(mustURL(second), c.Jar.Cookies(u))
	if res, body := other.Get("/people"); res.StatusCode != 200 || !strings.Contains(body, "陈鹿城") {
		t.Fatalf("session not valid on the second server: %d", res.StatusCode)
	}
	other.Post("/logout", nil)
	if len(c.Jar.Cookies(u)) == 0 {
		t.Fatal("the first client lost its cookie: the check below would prove nothing")
	}
	if res, _ := c.Get("/people"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signed out on one server, still in on the other: %d", res.StatusCode)
	}
}

func mustURL(s string) *url.URL {
	u, _ := url.Parse(s)
	return u
}
