package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// ChangePassword replaces the actor's own password after checking the old
// one, the rule, and the last HistoryDepth passwords. Other sessions of the
// user end; the current one (token) stays. The argon2id work happens before
// the write transaction, which then only proceeds if the stored hash is
// still the one checked (a concurrent change makes this one fail). A
// session whose second factor is still pending is refused with EFORBIDDEN:
// the password alone never changes the password.
func (s *Service) ChangePassword(ctx context.Context, actor app.Actor, token, old, new string) error {
	pending, err := s.sessionPending(ctx, token, actor.UserID)
	if err != nil {
		return err
	}
	if SecondFactorPending(pending) {
		return app.Errorf(app.EFORBIDDEN, "请先完成双因素认证，再修改密码")
	}
	if new == old {
		return app.Invalid("new_password", "新密码不能与当前密码相同")
	}
	if err := s.Policy.Rule.Check(actor.Username, new); err != nil {
		err.(*app.Error).Field = "new_password"
		return err
	}
	current, history, err := s.passwordHashes(ctx, actor.UserID)
	if err != nil {
		return err
	}
	if !s.Hasher.Verify(old, current) {
		return app.Invalid("old_password", "当前密码不正确")
	}
	for _, h := range history {
		if s.Hasher.Verify(new, h) {
			return app.Invalid("new_password", "不能使用最近 %d 次用过的密码", s.Policy.HistoryDepth)
		}
	}
	return s.storePassword(ctx, actor, token, current, s.Hasher.Hash(new))
}

// passwordHashes reads the user's current hash and the last HistoryDepth.
func (s *Service) passwordHashes(ctx context.Context, userID int64) (string, []string, error) {
	var current string
	var history []string
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT password_hash FROM users WHERE id = ?", userID).Scan(&current); err != nil {
			return err
		}
		var err error
		history, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var h string
			err := r.Scan(&h)
			return h, err
		}, "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?", userID, max(s.Policy.HistoryDepth, 0))
		return err
	})
	return current, history, err
}

func (s *Service) storePassword(ctx context.Context, actor app.Actor, token, oldHash, newHash string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		now := s.now().UnixMilli()
		res, err := tx.Exec(ctx, "UPDATE users SET password_hash = ?, password_changed_at = ?, must_change = FALSE WHERE id = ? AND password_hash = ?",
			newHash, now, actor.UserID, oldHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ECONFLICT, "密码刚被修改过，请重新登录后再试")
		}
		if _, err := tx.Exec(ctx, "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
			actor.UserID, newHash, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", actor.UserID, hashToken(token)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.change_password", ObjectType: "user",
			ObjectID: fmt.Sprint(actor.UserID), Summary: "修改本人密码"})
	})
}

// BeginTOTP gives the actor a new, not yet active TOTP secret to enrol in an
// authenticator app. It is stored encrypted; ConfirmTOTP activates it.
func (s *Service) BeginTOTP(ctx context.Context, actor app.Actor) (string, error) {
	secret := NewTOTPSecret()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET totp_secret_enc = ? WHERE id = ? AND totp_enabled = FALSE",
			s.Keys.Encrypt(secret), actor.UserID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return app.Errorf(app.ECONFLICT, "双因素认证已启用；如需更换请联系安全管理员重置")
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.totp_begin", ObjectType: "user",
			ObjectID: fmt.Sprint(actor.UserID), Summary: "开始绑定双因素认证"})
	})
	return secret, err
}

// ConfirmTOTP activates the pending secret when code matches it, and marks
// the current session as having passed the second factor.
func (s *Service) ConfirmTOTP(ctx context.Context, actor app.Actor, token, code string) error {
	return s.checkTOTP(ctx, actor, token, code, true)
}

// VerifyTOTP checks the second factor of a signed-in administrator.
func (s *Service) VerifyTOTP(ctx context.Context, actor app.Actor, token, code string) error {
	return s.checkTOTP(ctx, actor, token, code, false)
}

// errWrongCode marks a code that matched nothing; checkTOTP counts it.
var errWrongCode = errors.New("wrong TOTP code")

// checkTOTP verifies code for the session token. A wrong code counts toward
// the same lockout as a wrong password (per account and per address) and is
// audited; while the account is locked or the address limited, even a right
// code is refused.
func (s *Service) checkTOTP(ctx context.Context, actor app.Actor, token, code string, enrol bool) error {
	now := s.now()
	if err := s.checkIPLimit(ctx, actor.IP, now); err != nil {
		s.recordFailure(ctx, actor, actor.UserID, actionTOTPFailed, "该地址失败次数过多被限制")
		return err
	}
	var until int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if until, err = lockedUntil(ctx, tx, counter{userID: actor.UserID}); err != nil || until > now.UnixMilli() {
			return err
		}
		return s.acceptTOTP(ctx, tx, actor, token, code, enrol, now)
	})
	switch {
	case err == nil && until > now.UnixMilli():
		s.recordFailure(ctx, actor, actor.UserID, actionTOTPFailed, "账号已锁定")
		return errLocked(until)
	case errors.Is(err, errWrongCode):
		return s.failTOTP(ctx, actor, now)
	}
	return err
}

// acceptTOTP checks code inside tx and, when right, activates the secret,
// marks the session as past the second factor and restarts the failure
// count. It returns errWrongCode for a wrong code.
func (s *Service) acceptTOTP(ctx context.Context, tx *db.Tx, actor app.Actor, token, code string, enrol bool, now time.Time) error {
	var enc string
	var enabled bool
	var last int64
	if err := tx.QueryRow(ctx, "SELECT totp_secret_enc, totp_enabled, totp_last_step FROM users WHERE id = ?",
		actor.UserID).Scan(&enc, &enabled, &last); err != nil {
		return err
	}
	secret, err := s.Keys.Decrypt(enc)
	if err != nil || secret == "" || enabled == enrol {
		return app.Invalid("code", "请先获取新的双因素密钥")
	}
	step := matchTOTP(secret, code, now, last)
	if step == 0 {
		return errWrongCode
	}
	res, err := tx.Exec(ctx, "UPDATE sessions SET mfa_done = TRUE WHERE token_hash = ? AND user_id = ?", hashToken(token), actor.UserID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return app.Errorf(app.EUNAUTH, "登录已过期，请重新登录")
	}
	if _, err := tx.Exec(ctx, "UPDATE users SET totp_enabled = TRUE, totp_last_step = ? WHERE id = ?", step, actor.UserID); err != nil {
		return err
	}
	if err := clearFailures(ctx, tx, actor.UserID, true); err != nil {
		return err
	}
	what := map[bool]string{true: "绑定双因素认证", false: "通过双因素认证"}[enrol]
	return audit.Record(ctx, tx, actor, audit.Entry{Action: "auth.totp", ObjectType: "user",
		ObjectID: fmt.Sprint(actor.UserID), Summary: what})
}

// failTOTP counts a wrong code like a wrong password, audits it, and when it
// locks the account ends the sessions still waiting for their second factor.
func (s *Service) failTOTP(ctx context.Context, actor app.Actor, now time.Time) error {
	var failed int
	var locked bool
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if failed, locked, err = s.countFailure(ctx, tx, counter{userID: actor.UserID}, now); err != nil {
			return err
		}
		why := fmt.Sprintf("验证码错误（第 %d 次）", failed)
		if locked {
			why += "，账号已锁定"
			if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND mfa_done = FALSE", actor.UserID); err != nil {
				return err
			}
		}
		return s.logFailure(ctx, tx, actor, actor.UserID, actionTOTPFailed, why)
	})
	if err != nil {
		return err
	}
	if locked {
		return s.errLockedNow("验证码")
	}
	return app.Invalid("code", "验证码不正确或已使用，请输入认证器上当前显示的 6 位数字；再错 %d 次账号将被锁定",
		s.Policy.LockoutFailures-failed)
}
