package auth

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// counter names whose sign-in failures are counted: an account (userID set),
// or a name without an account, which is counted in login_counters so it
// answers and locks exactly like a real one.
type counter struct {
	userID   int64
	username string
}

// lockedUntil returns the Unix ms until which c is locked (0: not locked).
func lockedUntil(ctx context.Context, tx *db.Tx, c counter) (int64, error) {
	var until int64
	var err error
	if c.userID != 0 {
		err = tx.QueryRow(ctx, "SELECT locked_until FROM users WHERE id = ?", c.userID).Scan(&until)
	} else {
		err = tx.QueryRow(ctx, "SELECT locked_until FROM login_counters WHERE username = ?", c.username).Scan(&until)
	}
	if db.IsNoRows(err) {
		return 0, nil
	}
	return until, err
}

// countFailure adds one failure (a wrong password or a wrong second-factor
// code) to c, atomically so that concurrent guesses all count. Failures
// more than LockoutDuration after the previous one start a new count. It
// returns the count, and whether this failure locked c (the count then
// restarts).
func (s *Service) countFailure(ctx context.Context, tx *db.Tx, c counter, now time.Time) (int, bool, error) {
	ms, windowStart := now.UnixMilli(), now.Add(-s.Policy.LockoutDuration).UnixMilli()
	var failed int
	var err error
	if c.userID != 0 {
		err = tx.QueryRow(ctx, `UPDATE users SET failed_count = CASE WHEN failed_at < ? THEN 1 ELSE failed_count + 1 END,
			failed_at = ? WHERE id = ? RETURNING failed_count`, windowStart, ms, c.userID).Scan(&failed)
	} else {
		err = tx.QueryRow(ctx, `INSERT INTO login_counters (username, failed_count, failed_at) VALUES (?, 1, ?)
			ON CONFLICT (username) DO UPDATE SET failed_at = excluded.failed_at, failed_count = CASE
			WHEN login_counters.failed_at < ? THEN 1 ELSE login_counters.failed_count + 1 END RETURNING failed_count`,
			c.username, ms, windowStart).Scan(&failed)
	}
	if err != nil || failed < s.Policy.LockoutFailures {
		return failed, false, err
	}
	until := now.Add(s.Policy.LockoutDuration).UnixMilli()
	if c.userID != 0 {
		_, err = tx.Exec(ctx, "UPDATE users SET failed_count = 0, locked_until = ? WHERE id = ?", until, c.userID)
	} else {
		_, err = tx.Exec(ctx, "UPDATE login_counters SET failed_count = 0, locked_until = ? WHERE username = ?", until, c.username)
	}
	return failed, true, err
}

// errLocked is the answer while a name is locked, for real and unknown
// names alike.
func errLocked(until int64) error {
	return app.Errorf(app.EUNAUTH, "账号因多次登录验证失败已锁定，请于 %s 后重试，或联系安全管理员解锁",
		time.UnixMilli(until).In(cst).Format("15:04"))
}

func (s *Service) errLockedNow(what string) error {
	return app.Errorf(app.EUNAUTH, "%s连续错误 %d 次，账号已锁定 %d 分钟", what, s.Policy.LockoutFailures,
		int(s.Policy.LockoutDuration.Minutes()))
}

// recordFailure audits a refused attempt that does not count (a locked name,
// a limited address) in a transaction of its own.
func (s *Service) recordFailure(ctx context.Context, actor app.Actor, userID int64, action, why string) {
	s.DB.Write(ctx, func(tx *db.Tx) error { return s.logFailure(ctx, tx, actor, userID, action, why) })
}

// logFailure notes the failure against the client address (the per-address
// limit) and audits it with a Chinese summary.
func (s *Service) logFailure(ctx context.Context, tx *db.Tx, actor app.Actor, userID int64, action, why string) error {
	if _, err := tx.Exec(ctx, "INSERT INTO login_failures (ip, username, at) VALUES (?, ?, ?)",
		actor.IP, actor.Username, s.now().UnixMilli()); err != nil {
		return err
	}
	actor.UserID = userID
	summary := map[string]string{actionLoginFailed: "登录失败：", actionTOTPFailed: "双因素认证失败："}[action] + why
	return audit.Record(ctx, tx, actor, audit.Entry{Action: action, ObjectType: "user",
		ObjectID: fmt.Sprint(userID), Summary: summary})
}

// Audit actions of refused sign-in steps.
const (
	actionLoginFailed = "auth.login_failed"
	actionTOTPFailed  = "auth.totp_failed"
)

// checkIPLimit refuses an address with IPFailures failures in IPWindow.
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
