// Package config turns JIAOYAN_* environment variables (and command-line flags
// that override them) into a validated Config with defaults.
package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of a jiaoyan process. Zero values are never used:
// Default fills them and Validate checks them.
type Config struct {
	Addr          string // JIAOYAN_ADDR, listen address
	DB            string // JIAOYAN_DB, sqlite:PATH or postgres://...
	KeyFile       string // JIAOYAN_KEY_FILE, 32-byte data key (base64); never in the database
	Key           string // JIAOYAN_KEY, the same key inline (base64), wins over KeyFile
	TrustProxy    bool   // JIAOYAN_TRUST_PROXY: honour X-Forwarded-Proto/For from a reverse proxy
	SecureCookies bool   // JIAOYAN_SECURE_COOKIES: always mark cookies Secure
	// PublicURL is JIAOYAN_PUBLIC_URL, the site's address as users reach it
	// (https://jiaoyan.example.cn), without a trailing slash. Every absolute
	// URL the site prints (certificate check, check-in QR, calendar) is built
	// from it, never from a request's Host header.
	PublicURL           string
	AuditCheckpointFile string // JIAOYAN_AUDIT_CHECKPOINT_FILE; "" means <SQLite file>.audit-checkpoints (jiaoyan.audit-checkpoints for PostgreSQL)
	Security            Security
	Jobs                Jobs
	Attach              Attach
	Notify              Notify
}

// Security is the 等保 2.0 level-3 profile; every value is a setting.
type Security struct {
	PasswordMinLen       int           // JIAOYAN_PASSWORD_MIN_LEN (8)
	PasswordClasses      int           // JIAOYAN_PASSWORD_CLASSES, of 4 character classes (3)
	PasswordMaxAge       time.Duration // JIAOYAN_PASSWORD_MAX_AGE_DAYS (90)
	LockoutFailures      int           // JIAOYAN_LOCKOUT_FAILURES (5)
	LockoutDuration      time.Duration // JIAOYAN_LOCKOUT_MINUTES (30)
	IPFailures           int           // JIAOYAN_IP_FAILURES per IPWindow (20)
	IPWindow             time.Duration // JIAOYAN_IP_WINDOW_MINUTES (15)
	IdleTimeout          time.Duration // JIAOYAN_IDLE_MINUTES (30)
	AbsoluteTimeout      time.Duration // JIAOYAN_SESSION_HOURS (12)
	AuditRetention       time.Duration // JIAOYAN_AUDIT_RETENTION_DAYS (180, never less)
	AuditCheckpointEvery time.Duration // JIAOYAN_AUDIT_CHECKPOINT_MINUTES, signed audit checkpoints while serving (10)
	HashMemoryKiB        uint32        // JIAOYAN_ARGON2_MEMORY_KIB (65536)
	HashTime             uint32        // JIAOYAN_ARGON2_TIME (2)
	HashConcurrency      int           // JIAOYAN_ARGON2_CONCURRENCY, hashes at once (2)
	RequireAdminTOTP     bool          // JIAOYAN_ADMIN_TOTP (true)
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:    "127.0.0.1:8080",
		DB:      "sqlite:./jiaoyan.db",
		KeyFile: "",
		Security: Security{
			PasswordMinLen: 8, PasswordClasses: 3, PasswordMaxAge: 90 * 24 * time.Hour,
			LockoutFailures: 5, LockoutDuration: 30 * time.Minute,
			IPFailures: 20, IPWindow: 15 * time.Minute,
			IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour,
			AuditRetention: 180 * 24 * time.Hour, AuditCheckpointEvery: 10 * time.Minute,
			HashMemoryKiB: 64 * 1024, HashTime: 2, HashConcurrency: 2,
			RequireAdminTOTP: true,
		},
		Jobs:   defaultJobs(),
		Attach: defaultAttach(),
		Notify: defaultNotify(),
	}
}

// FromEnv returns Default overridden by the JIAOYAN_* variables that getenv
// reports. An unparsable value is an error naming the variable.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	e := envReader{get: getenv}
	e.str("JIAOYAN_ADDR", &c.Addr)
	e.str("JIAOYAN_DB", &c.DB)
	e.str("JIAOYAN_KEY_FILE", &c.KeyFile)
	e.str("JIAOYAN_KEY", &c.Key)
	e.boolean("JIAOYAN_TRUST_PROXY", &c.TrustProxy)
	e.boolean("JIAOYAN_SECURE_COOKIES", &c.SecureCookies)
	e.str("JIAOYAN_PUBLIC_URL", &c.PublicURL)
	c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	s := &c.Security
	e.integer("JIAOYAN_PASSWORD_MIN_LEN", &s.PasswordMinLen)
	e.integer("JIAOYAN_PASSWORD_CLASSES", &s.PasswordClasses)
	e.dur("JIAOYAN_PASSWORD_MAX_AGE_DAYS", 24*time.Hour, &s.PasswordMaxAge)
	e.integer("JIAOYAN_LOCKOUT_FAILURES", &s.LockoutFailures)
	e.dur("JIAOYAN_LOCKOUT_MINUTES", time.Minute, &s.LockoutDuration)
	e.integer("JIAOYAN_IP_FAILURES", &s.IPFailures)
	e.dur("JIAOYAN_IP_WINDOW_MINUTES", time.Minute, &s.IPWindow)
	e.dur("JIAOYAN_IDLE_MINUTES", time.Minute, &s.IdleTimeout)
	e.dur("JIAOYAN_SESSION_HOURS", time.Hour, &s.AbsoluteTimeout)
	e.dur("JIAOYAN_AUDIT_RETENTION_DAYS", 24*time.Hour, &s.AuditRetention)
	e.dur("JIAOYAN_AUDIT_CHECKPOINT_MINUTES", time.Minute, &s.AuditCheckpointEvery)
	e.str("JIAOYAN_AUDIT_CHECKPOINT_FILE", &c.AuditCheckpointFile)
	e.uint32("JIAOYAN_ARGON2_MEMORY_KIB", &s.HashMemoryKiB)
	e.uint32("JIAOYAN_ARGON2_TIME", &s.HashTime)
	e.integer("JIAOYAN_ARGON2_CONCURRENCY", &s.HashConcurrency)
	e.boolean("JIAOYAN_ADMIN_TOTP", &s.RequireAdminTOTP)
	c.Jobs.fromEnv(&e)
	c.Attach.fromEnv(&e)
	c.Notify.fromEnv(&e)
	if e.err != nil {
		return c, e.err
	}
	return c, c.Validate()
}

// Validate reports the first setting that is out of range.
func (c Config) Validate() error {
	s := c.Security
	switch {
	case c.Addr == "":
		return fmt.Errorf("JIAOYAN_ADDR 不能为空")
	case !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://"):
		return fmt.Errorf("JIAOYAN_DB 应以 sqlite: 或 postgres:// 开头，当前为 %q", c.DB)
	case s.PasswordMinLen < 8:
		return fmt.Errorf("密码最小长度不能小于 8（等保要求）")
	case s.PasswordClasses < 1 || s.PasswordClasses > 4:
		return fmt.Errorf("密码字符类别数应在 1 到 4 之间")
	case s.LockoutFailures < 1 || s.LockoutDuration <= 0:
		return fmt.Errorf("登录失败锁定设置无效")
	case s.IdleTimeout <= 0 || s.AbsoluteTimeout < s.IdleTimeout:
		return fmt.Errorf("会话超时设置无效：绝对超时不能短于空闲超时")
	case s.AuditRetention < 180*24*time.Hour:
		return fmt.Errorf("审计日志保存期不能少于 180 天")
	case s.AuditCheckpointEvery <= 0:
		return fmt.Errorf("JIAOYAN_AUDIT_CHECKPOINT_MINUTES 应为正整数")
	case s.HashMemoryKiB < 1024 || s.HashTime < 1 || s.HashConcurrency < 1:
		return fmt.Errorf("argon2id 参数无效")
	}
	if err := validPublicURL(c.PublicURL); err != nil {
		return err
	}
	if err := c.Attach.validate(); err != nil {
		return err
	}
	if err := c.Notify.validate(); err != nil {
		return err
	}
	return c.Jobs.validate()
}

type envReader struct {
	get func(string) string
	err error
}

func (e *envReader) str(k string, dst *string) {
	if v := strings.TrimSpace(e.get(k)); v != "" {
		*dst = v
	}
}

func (e *envReader) integer(k string, dst *int) {
	v := strings.TrimSpace(e.get(k))
	if v == "" || e.err != nil {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		e.err = fmt.Errorf("%s 应为整数，当前为 %q", k, v)
		return
	}
	*dst = n
}

func (e *envReader) uint32(k string, dst *uint32) {
	n := int(*dst)
	e.integer(k, &n)
	if n < 0 {
		e.err = fmt.Errorf("%s 不能为负数", k)
		return
	}
	*dst = uint32(n)
}

func (e *envReader) dur(k string, unit time.Duration, dst *time.Duration) {
	n := int(*dst / unit)
	e.integer(k, &n)
	*dst = time.Duration(n) * unit
}

func (e *envReader) boolean(k string, dst *bool) {
	v := strings.TrimSpace(e.get(k))
	if v == "" || e.err != nil {
		return
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		e.err = fmt.Errorf("%s 应为 true 或 false，当前为 %q", k, v)
		return
	}
	*dst = b
}

// Env is FromEnv over the process environment.
func Env() (Config, error) { return FromEnv(os.Getenv) }

// validPublicURL accepts "" or an absolute http(s) address with a host and
// no query, fragment or user part.
func validPublicURL(v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return fmt.Errorf("JIAOYAN_PUBLIC_URL 应为以 http:// 或 https:// 开头的站点地址，例如 https://jiaoyan.example.cn，当前为 %q", v)
	}
	return nil
}

// SiteURL is the site's address for absolute URLs: PublicURL when set;
// otherwise the listen address, but only when that is a loopback address
// (a developer's own machine). Otherwise it returns "": the address users
// reach cannot be known without JIAOYAN_PUBLIC_URL, and serve warns at
// start.
func (c Config) SiteURL() string {
	if c.PublicURL != "" {
		return c.PublicURL
	}
	if ListensOnLoopbackOnly(c.Addr) {
		return "http://" + c.Addr
	}
	return ""
}

// ListensOnLoopbackOnly reports whether the listen address addr
// (host:port) is reachable from this machine only.
func ListensOnLoopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
