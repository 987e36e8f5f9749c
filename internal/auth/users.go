package auth

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

const userSelect = `SELECT u.id, u.username, COALESCE(p.id, 0), COALESCE(p.name, ''), COALESCE(o.name, ''),
	COALESCE(o.path, ''), COALESCE(o.id, 0), u.must_change, u.totp_enabled, u.active, u.locked_until, u.last_login_at, u.version
	FROM users u LEFT JOIN people p ON p.id = u.person_id LEFT JOIN orgs o ON o.id = p.org_id`

// UserFilter narrows FindUsers.
type UserFilter struct {
	Text   string // in username or person name
	Offset int
	Limit  int
}

// FindUsers lists the accounts in the actor's scope. Accounts without a
// person (三员 administrators) are visible only with scope 全部.
func (s *Service) FindUsers(ctx context.Context, actor app.Actor, f UserFilter) ([]User, int, error) {
	if !actor.Can(PermAccountManage) && !actor.Can(PermRoleManage) {
		return nil, 0, app.Errorf(app.EFORBIDDEN, "您没有管理账号的权限")
	}
	where, args := ScopeWhere(actor, "o.path", "o.id", "p.id")
	if f.Text != "" {
		where += " AND (u.username LIKE ? OR p.name LIKE ?)"
		args = append(args, "%"+f.Text+"%", "%"+f.Text+"%")
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var out []User
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		q := " FROM users u LEFT JOIN people p ON p.id = u.person_id LEFT JOIN orgs o ON o.id = p.org_id WHERE " + where
		if total, err = tx.Count(ctx, "SELECT COUNT(*)"+q, args...); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, userSelect+" WHERE "+where+" ORDER BY u.id LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
		if err != nil {
			return err
		}
		if out, err = scanUsers(rows, s.now()); err != nil {
			return err
		}
		for i := range out {
			if out[i].Roles, err = userRoles(ctx, tx, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, total, err
}

func scanUsers(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}, now time.Time) ([]User, error) {
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var locked, last int64
		if err := rows.Scan(&u.ID, &u.Username, &u.PersonID, &u.PersonName, &u.OrgName, &u.OrgPath, &u.OrgID,
			&u.MustChange, &u.TOTPEnabled, &u.Active, &locked, &last, &u.Version); err != nil {
			return nil, err
		}
		u.LockedUntil, u.Locked = time.UnixMilli(locked), locked > now.UnixMilli()
		if last > 0 {
			u.LastLogin = time.UnixMilli(last)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// FindUserByID returns one account in the actor's scope, or ENOTFOUND.
func (s *Service) FindUserByID(ctx context.Context, actor app.Actor, id int64) (User, error) {
	if !actor.Can(PermAccountManage) && !actor.Can(PermRoleManage) {
		return User{}, app.Errorf(app.EFORBIDDEN, "您没有管理账号的权限")
	}
	var u User
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		u, err = s.userInScope(ctx, tx, actor, id)
		return err
	})
	return u, err
}

// FindUserByPerson returns the account of a person, or ENOTFOUND.
func (s *Service) FindUserByPerson(ctx context.Context, actor app.Actor, personID int64) (User, error) {
	var id int64
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT id FROM users WHERE person_id = ?", personID).Scan(&id)
	})
	if db.IsNoRows(err) {
		return User{}, app.Errorf(app.ENOTFOUND, "该人员尚未开通账号")
	}
	if err != nil {
		return User{}, err
	}
	return s.FindUserByID(ctx, actor, id)
}

func (s *Service) userInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (User, error) {
	rows, err := tx.Query(ctx, userSelect+" WHERE u.id = ?", id)
	if err != nil {
		return User{}, err
	}
	us, err := scanUsers(rows, s.now())
	if err != nil {
		return User{}, err
	}
	if len(us) == 0 || !userVisible(actor, us[0]) {
		return User{}, app.Errorf(app.ENOTFOUND, "找不到该账号")
	}
	us[0].Roles, err = userRoles(ctx, tx, id)
	return us[0], err
}

func userVisible(actor app.Actor, u User) bool {
	if u.PersonID == 0 {
		return actor.Scope.All
	}
	return InScope(actor, u.OrgPath, u.OrgID, u.PersonID)
}

// ResetPassword sets a temporary password the user must change at next
// sign-in, and ends the user's sessions.
func (s *Service) ResetPassword(ctx context.Context, actor app.Actor, id int64, password string) error {
	hash := s.Hasher.Hash(password)
	return s.adminUpdate(ctx, actor, id, "user.reset_password", "重置密码", func(tx *db.Tx, u User) error {
		if err := s.Policy.Rule.Check(u.Username, password); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET password_hash = ?, must_change = TRUE, password_changed_at = ? WHERE id = ?",
			hash, s.now().UnixMilli(), id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ?", id)
		return err
	})
}

// Unlock clears a lockout before it expires.
func (s *Service) Unlock(ctx context.Context, actor app.Actor, id int64) error {
	return s.adminUpdate(ctx, actor, id, "user.unlock", "解锁账号", func(tx *db.Tx, u User) error {
		_, err := tx.Exec(ctx, "UPDATE users SET locked_until = 0, failed_count = 0 WHERE id = ?", id)
		return err
	})
}

// SetActive enables or disables an account; disabling ends its sessions.
func (s *Service) SetActive(ctx context.Context, actor app.Actor, id int64, active bool) error {
	what := "停用账号"
	if active {
		what = "启用账号"
	}
	return s.adminUpdate(ctx, actor, id, "user.active", what, func(tx *db.Tx, u User) error {
		if id == actor.UserID && !active {
			return app.Invalid("active", "不能停用自己的账号")
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET active = ?, version = version + 1 WHERE id = ?", active, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND ? = FALSE", id, active)
		return err
	})
}

// ResetTOTP removes a user's second factor so they enrol again (lost phone).
func (s *Service) ResetTOTP(ctx context.Context, actor app.Actor, id int64) error {
	if err := actor.Require(PermRoleManage); err != nil {
		return err
	}
	return s.adminUpdate(ctx, actor, id, "user.reset_totp", "重置双因素认证", func(tx *db.Tx, u User) error {
		_, err := tx.Exec(ctx, "UPDATE users SET totp_enabled = FALSE, totp_secret_enc = '', totp_last_step = 0 WHERE id = ?", id)
		return err
	})
}

func (s *Service) adminUpdate(ctx context.Context, actor app.Actor, id int64, action, what string, fn func(*db.Tx, User) error) error {
	if !actor.Can(PermAccountManage) && !actor.Can(PermRoleManage) {
		return app.Errorf(app.EFORBIDDEN, "您没有管理账号的权限")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		u, err := s.userInScope(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := checkManage(actor, u); err != nil {
			return err
		}
		if err := fn(tx, u); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: action, ObjectType: "user", ObjectID: fmt.Sprint(id),
			Summary: what + " " + u.Username})
	})
}

// HasUsers reports whether any account exists (a fresh installation has none).
func (s *Service) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(ctx, "SELECT COUNT(*) FROM users")
		return err
	})
	return n > 0, err
}
