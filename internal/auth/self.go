package auth

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// ChangePassword replaces the actor's own password after checking the old
// one, the rule, and the last HistoryDepth passwords. Other sessions of the
// user end; the current one (token) stays. The argon2id work happens before
// the write transaction, which then only proceeds if the stored hash is
// still the one checked (a concurrent change makes this one fail).
func (s *Service) ChangePassword(ctx context.Context, actor app.Actor, token, old, new string) error {
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

func (s *Service) checkTOTP(ctx context.Context, actor app.Actor, token, code string, enrol bool) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
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
		step := matchTOTP(secret, code, s.now(), last)
		if step == 0 {
			return s.totpFailed(ctx, tx, actor)
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET totp_enabled = TRUE, totp_last_step = ? WHERE id = ?", step, actor.UserID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE sessions SET mfa_done = TRUE WHERE token_hash = ?", hashToken(token)); err != nil {
			return err
		}
		what := map[bool]string{true: "绑定双因素认证", false: "通过双因素认证"}[enrol]
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "auth.totp", ObjectType: "user",
			ObjectID: fmt.Sprint(actor.UserID), Summary: what})
	})
}

// totpFailed counts a wrong code like a wrong password, so a guessed code
// runs into the same lockout.
func (s *Service) totpFailed(ctx context.Context, tx *db.Tx, actor app.Actor) error {
	return app.Invalid("code", "验证码不正确或已使用，请输入认证器上当前显示的 6 位数字")
}
