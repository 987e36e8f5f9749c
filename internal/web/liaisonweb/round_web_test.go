package liaisonweb_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

func TestRoundPagesShowCompliance(t *testing.T) {
	s := webtest.New(t)
	f := liaisonweb.NewRoundFixture(t, s.World, "330302", s.SchoolA, true, true)
	c := s.As("county_a")
	if _, body := c.Get("/rounds"); !strings.Contains(body, "轮次330302") {
		t.Fatal("county A's round missing from the list")
	}
	res, body := c.Post(fmt.Sprintf("/rounds/%d/publish", f.Round), url.Values{"version": {"1"}})
	if res.StatusCode != 303 {
		t.Fatalf("publish: %d %s", res.StatusCode, body)
	}
	_, body = c.Get(fmt.Sprintf("/rounds/%d", f.Round))
	if !strings.Contains(body, "已发布") || !strings.Contains(body, "鹿城区实验小学") || !strings.Contains(body, "5 天折算") {
		t.Fatalf("round page lacks status, link or the 5-day note:\n%s", body)
	}
	_, body = c.Get(fmt.Sprintf("/links/%d", f.Link))
	if !strings.Contains(body, "2025学年第一学期") || !strings.Contains(body, "调研报告") {
		t.Fatalf("link page:\n%s", body)
	}
	res, body = c.Post(fmt.Sprintf("/links/%d", f.Link), url.Values{"version": {"9"}, "survey": {"x"}})
	if res.StatusCode != 409 || !strings.Contains(body, "修改") {
		t.Fatalf("stale link save: %d", res.StatusCode)
	}
	_, body = c.Get(fmt.Sprintf("/stations/%d", f.Plan))
	if !strings.Contains(body, "记期初") {
		t.Fatalf("station page lacks the 期初 link:\n%s", body)
	}
	_, body = c.Get("/stations/coverage?region=330302&from=2025")
	if !strings.Contains(body, "缺口") || !strings.Contains(body, "鹿城区实验小学") {
		t.Fatalf("coverage page:\n%s", body)
	}
	if res, _ := c.Get("/stations/coverage/export?region=330302"); res.StatusCode != 200 {
		t.Fatalf("coverage export: %d", res.StatusCode)
	}
	if res, _ := c.Get(fmt.Sprintf("/rounds/%d/export", f.Round)); res.StatusCode != 200 {
		t.Fatalf("round export: %d", res.StatusCode)
	}
}
