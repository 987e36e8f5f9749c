package main

import (
	"net"
	"strings"
	"testing"

	"jiaoyan/internal/config"
)

func TestPlainHTTPWarning(t *testing.T) {
	proxied := config.Default()
	proxied.TrustProxy = true
	secure := config.Default()
	secure.SecureCookies = true
	for _, c := range []struct {
		addr string
		cfg  config.Config
		warn bool
	}{
		{"127.0.0.1:8080", config.Default(), false},
		{"[::1]:8080", config.Default(), false},
		{"0.0.0.0:8080", config.Default(), true},
		{"[::]:8080", config.Default(), true},
		{"192.0.2.10:80", config.Default(), true},
		{"0.0.0.0:8080", proxied, false},
		{"0.0.0.0:8080", secure, false},
	} {
		addr, err := net.ResolveTCPAddr("tcp", c.addr)
		if err != nil {
			t.Fatal(err)
		}
		got := plainHTTPWarning(addr, c.cfg)
		if (got != "") != c.warn || (c.warn && !strings.Contains(got, "明文")) {
			t.Errorf("%s (proxy %v, secure %v): warning %q, want warn=%v", c.addr, c.cfg.TrustProxy, c.cfg.SecureCookies, got, c.warn)
		}
	}
}

func TestPublicURLWarning(t *testing.T) {
	proxied := config.Default()
	proxied.TrustProxy = true
	set := config.Default()
	set.PublicURL = "https://jiaoyan.example.cn"
	for _, c := range []struct {
		addr string
		cfg  config.Config
		warn bool
	}{
		{"127.0.0.1:8080", config.Default(), false},
		{"0.0.0.0:8080", config.Default(), true},
		{"192.0.2.10:80", config.Default(), true},
		{"127.0.0.1:8080", proxied, true},
		{"0.0.0.0:8080", set, false},
		{"127.0.0.1:8080", func() config.Config { c := set; c.TrustProxy = true; return c }(), false},
	} {
		addr, err := net.ResolveTCPAddr("tcp", c.addr)
		if err != nil {
			t.Fatal(err)
		}
		got := publicURLWarning(addr, c.cfg)
		if (got != "") != c.warn || (c.warn && !strings.Contains(got, "JIAOYAN_PUBLIC_URL")) {
			t.Errorf("%s (proxy %v, public %q): warning %q, want warn=%v", c.addr, c.cfg.TrustProxy, c.cfg.PublicURL, got, c.warn)
		}
	}
}
