package auth

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// ResetPasswordGenerated resets the password of account id to a random
// one-time password (NewInitialPassword) and returns it, for the one page
// that shows it. The rules are those of ResetPassword: the account must be
// in the actor's scope and hold only roles the actor may grant; the user
// must change the password at next sign-in; their sessions end; the reset
// (never the password) is audited.
func (s *Service) ResetPasswordGenerated(ctx context.Context, actor app.Actor, id int64) (string, error) {
	u, err := s.FindUserByID(ctx, actor, id)
	if err != nil {
		return "", err
	}
	pw := s.NewInitialPassword(u.Username)
	if err := s.ResetPassword(ctx, actor, id, pw); err != nil {
		return "", err
	}
	return pw, nil
}

// Recovery is what `jiaoyan admin reset` does to one account.
type Recovery struct {
	Password string // new password, changed at next sign-in; "" keeps it
	Unlock   bool   // clear a lockout and the failure count
	TOTP     bool   // remove the second factor, so the user enrols again
}

// Recover is the command-line recovery of an account, 三员 accounts
// included (no web role may touch those): it applies r in one transaction,
// ends the account's sessions when the password or the second factor
// changes, audits it as a command-line action, and returns what it did in
// Chinese, one line each.
func (s *Service) Recover(ctx context.Context, username string, r Recovery) ([]string, error) {
	if r.Password == "" && !r.Unlock && !r.TOTP {
		return nil, app.Invalid("reset", "请至少指定 --password、--unlock 或 --totp 之一")
	}
	if r.Password != "" {
		if err := s.Policy.Rule.Check(username, r.Password); err != nil {
			return nil, err
		}
	}
	hash := ""
	if r.Password != "" {
		hash = s.Hasher.Hash(r.Password)
	}
	var done []string
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, "SELECT id FROM users WHERE username = ?", username).Scan(&id)
		if db.IsNoRows(err) {
			return app.Errorf(app.ENOTFOUND, "账号 %s 不存在", username)
		}
		if err != nil {
			return err
		}
		if done, err = s.applyRecovery(ctx, tx, id, hash, r); err != nil {
			return err
		}
		return audit.Record(ctx, tx, app.System("命令行"), audit.Entry{Action: "user.recover", ObjectType: "user",
			ObjectID: fmt.Sprint(id), Summary: "命令行恢复账号 " + username + "：" + strings.Join(done, "；")})
	})
	return done, err
}

func (s *Service) applyRecovery(ctx context.Context, tx *db.Tx, id int64, hash string, r Recovery) ([]string, error) {
	var done []string
	step := func(what, q string, args ...any) error {
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return err
		}
		done = append(done, what)
		return nil
	}
	if hash != "" {
		if err := step("已重置密码，下次登录须修改", "UPDATE users SET password_hash = ?, must_change = TRUE, password_changed_at = ? WHERE id = ?",
			hash, s.now().UnixMilli(), id); err != nil {
			return nil, err
		}
	}
	if r.Unlock {
		if err := step("已解除锁定", "UPDATE users SET locked_until = 0, failed_count = 0, failed_at = 0 WHERE id = ?", id); err != nil {
			return nil, err
		}
	}
	if r.TOTP {
		if err := step("已重置双因素认证，下次登录须重新绑定", "UPDATE users SET totp_enabled = FALSE, totp_secret_enc = '', totp_last_step = 0 WHERE id = ?", id); err != nil {
			return nil, err
		}
	}
	if hash != "" || r.TOTP {
		if err := step("已结束该账号的全部登录会话", "DELETE FROM sessions WHERE user_id = ?", id); err != nil {
			return nil, err
		}
	}
	return done, nil
}

// PurgeSessions deletes the sessions that can no longer be used: idle
// longer than the idle timeout or older than the absolute timeout. It
// returns how many it deleted. The scheduler runs it hourly (清理过期会话);
// Authenticate refuses such sessions anyway, so this only keeps the table
// small and leaves no stale token hashes behind.
func (s *Service) PurgeSessions(ctx context.Context) (int, error) {
	now := s.now()
	var n int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
			now.Add(-s.Policy.IdleTimeout).UnixMilli(), now.Add(-s.Policy.AbsoluteTimeout).UnixMilli())
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}
