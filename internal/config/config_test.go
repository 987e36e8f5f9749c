package config

import (
	"strings"
	"testing"
	"time"
)

func env(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestDefaultsAreTheLevel3Profile(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Security
	if c.Addr != "127.0.0.1:8080" || c.DB != "sqlite:./jiaoyan.db" || s.LockoutFailures != 5 || s.LockoutDuration != 30*time.Minute ||
		s.IdleTimeout != 30*time.Minute || s.PasswordMaxAge != 90*24*time.Hour || s.PasswordMinLen != 8 || !s.RequireAdminTOTP {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestEnvOverridesAndValidation(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"JIAOYAN_ADDR": ":9000", "JIAOYAN_LOCKOUT_MINUTES": "60", "JIAOYAN_TRUST_PROXY": "true"}))
	if err != nil || c.Addr != ":9000" || c.Security.LockoutDuration != time.Hour || !c.TrustProxy {
		t.Fatalf("%+v %v", c, err)
	}
	bad := map[string]string{
		"JIAOYAN_DB":                   "mysql://x",
		"JIAOYAN_PASSWORD_MIN_LEN":     "6",
		"JIAOYAN_AUDIT_RETENTION_DAYS": "30",
		"JIAOYAN_LOCKOUT_FAILURES":     "many",
		"JIAOYAN_TRUST_PROXY":          "yes please",
	}
	for k, v := range bad {
		_, err := FromEnv(env(map[string]string{k: v}))
		if err == nil || !strings.ContainsAny(err.Error(), "应不能") {
			t.Errorf("%s=%s: err = %v, want a Chinese message", k, v, err)
		}
	}
}

func TestPublicURL(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"JIAOYAN_PUBLIC_URL": "https://jiaoyan.example.cn/", "JIAOYAN_ADDR": "0.0.0.0:80"}))
	if err != nil || c.PublicURL != "https://jiaoyan.example.cn" || c.SiteURL() != "https://jiaoyan.example.cn" {
		t.Fatalf("%q %q %v", c.PublicURL, c.SiteURL(), err)
	}
	for _, bad := range []string{"jiaoyan.example.cn", "ftp://x.cn", "https://", "https://a.cn/?x=1", "https://u:p@a.cn", "https://a.cn/#f"} {
		if _, err := FromEnv(env(map[string]string{"JIAOYAN_PUBLIC_URL": bad})); err == nil || !strings.Contains(err.Error(), "JIAOYAN_PUBLIC_URL 应为") {
			t.Errorf("%q: err = %v, want the Chinese message", bad, err)
		}
	}
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080", "[::1]:8080": "http://[::1]:8080", "localhost:9000": "http://localhost:9000",
		"0.0.0.0:8080": "", ":8080": "", "192.0.2.10:80": "",
	} {
		c := Default()
		c.Addr = addr
		if got := c.SiteURL(); got != want {
			t.Errorf("unset, listening on %s: SiteURL %q, want %q", addr, got, want)
		}
	}
}
