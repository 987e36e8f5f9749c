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
