package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Pending steps a session must clear before it may use the system.
const (
	PendingNone      = ""
	PendingTOTP      = "totp"       // enter the code from the authenticator
	PendingPassword  = "password"   // first sign-in or password older than the maximum age
	PendingTOTPSetup = "totp_setup" // administrator without a second factor yet
)

// Session is a signed-in browser.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	SeenAt    time.Time
	MFADone   bool
	Pending   string
}

var errBadLogin = app.Errorf(app.EUNAUTH, "用户名或密码错误")

// Login checks username and password from ip and, on success, starts a new
// session and returns its token (a fresh one every sign-in). Failures count
// towards the account lockout and the per-address limit; every attempt leaves
// an audit row.
func (s *Service) Login(ctx context.Context, username, password, ip, ua string) (string, error) {
	now := s.now()
	actor := app.Actor{Username: username, IP: ip, UserAgent: ua}
	if err := s.checkIPLimit(ctx, ip, now); err != nil {
		s.recordFailure(ctx, actor, 0, "该地址失败次数过多被限制")
		return "", err
	}
	var u struct {
		id, lockedUntil int64
		hash            string
		failed          int
		active          bool
	}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT id, password_hash, failed_count, locked_until, active FROM users WHERE username = ?",
			username).Scan(&u.id, &u.hash, &u.failed, &u.lockedUntil, &u.active)
	})
	if db.IsNoRows(err) {
		s.Hasher.Verify(password, dummyHash) // same work as a real account
		s.recordFailure(ctx, actor, 0, "用户名不存在")
		return "", errBadLogin
	}
	if err != nil {
		return "", err
	}
	if u.lockedUntil > now.UnixMilli() {
		s.recordFailure(ctx, actor, u.id, "账号已锁定")
		return "", app.Errorf(app.EUNAUTH, "账号因多次密码错误已锁定，请于 %s 后重试，或联系安全管理员解锁",
			time.UnixMilli(u.lockedUntil).In(cst).Format("15:04"))
	}
	if !s.Hasher.Verify(password, u.hash) {
		return "", s.failPassword(ctx, actor, u.id, u.failed+1, now)
	}
	if !u.active {
		s.recordFailure(ctx, actor, u.id, "账号已停用")
		return "", app.Errorf(app.EUNAUTH, "账号已停用，请联系管理员")
	}
	return s.startSession(ctx, actor, u.id, now)
}

var cst = time.FixedZone("CST", 8*3600)

// dummyHash keeps the response time of an unknown username like a real one.
var dummyHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$2xX6l7dXz3Y0o2y7cQ4m0h1Q8m1dQdZ6m9h1Zr0v6lU"

func (s *Service) failPassword(ctx context.Context, actor app.Actor, userID int64, failed int, now time.Time) error {
	locked := failed >= s.Policy.LockoutFailures
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if locked {
			_, err = tx.Exec(ctx, "UPDATE users SET failed_count = 0, locked_until = ? WHERE id = ?",
				now.Add(s.Policy.LockoutDuration).UnixMilli(), userID)
		} else {
			_, err = tx.Exec(ctx, "UPDATE users SET failed_count = ? WHERE id = ?", failed, userID)
		}
		if err != nil {
			return err
		}
		return s.logFailure(ctx, tx, actor, userID, fmt.Sprintf("密码错误（连续第 %d 次）", failed))
	})
	if err != nil {
		return err
	}
	if locked {
		return app.Errorf(app.EUNAUTH, "密码连续错误 %d 次，账号已锁定 %d 分钟", s.Policy.LockoutFailures,
			int(s.Policy.LockoutDuration.Minutes()))
	}
	return app.Errorf(app.EUNAUTH, "用户名或密码错误，再错 %d 次账号将被锁定", s.Policy.LockoutFailures-failed)
}

func (s *Service) recordFailure(ctx context.Context, actor app.Actor, userID int64, why string) {
	s.DB.Write(ctx, func(tx *db.Tx) error { return s.logFailure(ctx, tx, actor, userID, why) })
}

func (s *Service) logFailure(ctx context.Context, tx *db.Tx, actor app.Actor, userID int64, why string) error {
	if _, err := tx.Exec(ctx, "INSERT INTO login_failures (ip, username, at) VALUES (?, ?, ?)",
		actor.IP, actor.Username, s.now().UnixMilli()); err != nil {
		return err
	}
	actor.UserID = userID
	return audit.Record(ctx, tx, actor, audit.Entry{Action: "auth.login_failed", ObjectType: "user",
		ObjectID: fmt.Sprint(userID), Summary: "登录失败：" + why})
}

func (s *Service) checkIPLimit(ctx context.Context, ip string, now time.Time) error {
	var n int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(ctx, "SELECT COUNT(*) FROM login_failures WHERE ip = ? AND at > ?",
			ip, now.Add(-s.Policy.IPWindow).UnixMilli())
		return err
	})
	if err == nil && n >= s.Policy.IPFailures {
		return app.Errorf(app.EUNAUTH, "该网络地址登录失败次数过多，请 %d 分钟后再试", int(s.Policy.IPWindow.Minutes()))
	}
	return err
}

func (s *Service) startSession(ctx context.Context, actor app.Actor, userID int64, now time.Time) (string, error) {
	raw := make([]byte, 32)
	rand.Read(raw)
	token := base64.RawURLEncoding.EncodeToString(raw)
	actor.UserID = userID
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		ms := now.UnixMilli()
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, seen_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?)`, hashToken(token), userID, ms, ms, actor.IP, truncateUA(actor.UserAgent)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET failed_count = 0, locked_until = 0, last_login_at = ? WHERE id = ?",
			ms, userID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "auth.login", ObjectType: "user",
			ObjectID: fmt.Sprint(userID), Summary: "登录成功"})
	})
	return token, err
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func truncateUA(ua string) string {
	if len(ua) > 300 {
		return ua[:300]
	}
	return ua
}

// Logout ends the session server-side.
func (s *Service) Logout(ctx context.Context, actor app.Actor, token string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashToken(token)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "auth.logout", ObjectType: "user",
			ObjectID: fmt.Sprint(actor.UserID), Summary: "退出登录"})
	})
}
