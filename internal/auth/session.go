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

// loginRow is what Login reads of an account.
type loginRow struct {
	id, lockedUntil int64
	hash            string
	active, totpOn  bool
}

// Login checks username and password from ip and, on success, starts a new
// session and returns its token (a fresh one every sign-in). Failures count
// towards the lockout of the name and the per-address limit; every attempt
// leaves an audit row. An unknown username costs one argon2id verification,
// counts, locks and answers exactly like a real one, so the answers never
// tell which names exist.
func (s *Service) Login(ctx context.Context, username, password, ip, ua string) (string, error) {
	now := s.now()
	actor := app.Actor{Username: username, IP: ip, UserAgent: ua}
	if err := s.checkIPLimit(ctx, ip, now); err != nil {
		s.recordFailure(ctx, actor, 0, actionLoginFailed, "该地址失败次数过多被限制")
		return "", err
	}
	var u loginRow
	known := true
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(ctx, "SELECT id, password_hash, locked_until, active, totp_enabled FROM users WHERE username = ?",
			username).Scan(&u.id, &u.hash, &u.lockedUntil, &u.active, &u.totpOn)
		if db.IsNoRows(err) {
			known, u.hash = false, s.Hasher.dummyHash()
			u.lockedUntil, err = lockedUntil(ctx, tx, counter{username: username})
		}
		return err
	})
	if err != nil {
		return "", err
	}
	if u.lockedUntil > now.UnixMilli() {
		s.recordFailure(ctx, actor, u.id, actionLoginFailed, "账号已锁定")
		return "", errLocked(u.lockedUntil)
	}
	if !s.Hasher.Verify(password, u.hash) || !known {
		return "", s.failPassword(ctx, actor, counter{u.id, username}, known, now)
	}
	if !u.active {
		s.recordFailure(ctx, actor, u.id, actionLoginFailed, "账号已停用")
		return "", app.Errorf(app.EUNAUTH, "账号已停用，请联系管理员")
	}
	return s.startSession(ctx, actor, u.id, !u.totpOn, now)
}

var cst = time.FixedZone("CST", 8*3600)

func (s *Service) failPassword(ctx context.Context, actor app.Actor, c counter, known bool, now time.Time) error {
	var failed int
	var locked bool
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if failed, locked, err = s.countFailure(ctx, tx, c, now); err != nil {
			return err
		}
		why := fmt.Sprintf("密码错误（第 %d 次）", failed)
		if !known {
			why = fmt.Sprintf("用户名不存在（第 %d 次）", failed)
		}
		if locked {
			why += "，已锁定"
		}
		return s.logFailure(ctx, tx, actor, c.userID, actionLoginFailed, why)
	})
	if err != nil {
		return err
	}
	if locked {
		return s.errLockedNow("密码")
	}
	return app.Errorf(app.EUNAUTH, "用户名或密码错误，再错 %d 次账号将被锁定", s.Policy.LockoutFailures-failed)
}

// startSession opens a session for userID. The failure count restarts only
// when the sign-in is complete (done): with a second factor, that is when
// the code is right, so a known password never wipes counted wrong codes.
func (s *Service) startSession(ctx context.Context, actor app.Actor, userID int64, done bool, now time.Time) (string, error) {
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
		if _, err := tx.Exec(ctx, "UPDATE users SET last_login_at = ? WHERE id = ?", ms, userID); err != nil {
			return err
		}
		if err := clearFailures(ctx, tx, userID, done); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "auth.login", ObjectType: "user",
			ObjectID: fmt.Sprint(userID), Summary: "登录成功"})
	})
	return token, err
}

// clearFailures restarts the failure count of userID when done.
func clearFailures(ctx context.Context, tx *db.Tx, userID int64, done bool) error {
	if !done {
		return nil
	}
	_, err := tx.Exec(ctx, "UPDATE users SET failed_count = 0, failed_at = 0, locked_until = 0 WHERE id = ?", userID)
	return err
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
