package auth

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// OutsideAccount is an account opened for someone outside the org tree (an
// outside expert from a 高校 or 科研院所), with its one-time password.
type OutsideAccount struct {
	UserID   int64
	Username string
	Password string // shown once; the holder must change it at first sign-in
}

// OpenOutsideAccount opens a sign-in account bound to no person record for
// someone outside the org tree, named who. It holds the expert role only:
// that role's scope is the holder's own records, and an account with no
// person and no organisation has none, so it reaches no region data; what
// it may do comes from what bind attaches it to. The password, TOTP,
// lockout and forced first change are those of every account.
//
// The actor needs PermAccountManage and the grant table must let it grant
// the expert role. bind runs in the same transaction with the new account's
// id (the review module records the account on the expert); an error from
// it opens nothing. No person record is ever created, so the account counts
// in no figure.
func (s *Service) OpenOutsideAccount(ctx context.Context, actor app.Actor, username, who string,
	bind func(ctx context.Context, tx *db.Tx, userID int64) error) (OutsideAccount, error) {
	if err := actor.Require(PermAccountManage); err != nil {
		return OutsideAccount{}, err
	}
	if err := ValidateUsername(username); err != nil {
		return OutsideAccount{}, err
	}
	acc := OutsideAccount{Username: username, Password: s.NewInitialPassword(username)}
	hash := s.Hasher.Hash(acc.Password) // outside the transaction: argon2id is slow
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		roles, err := rolesByCode(ctx, tx, []string{RoleExpert})
		if err != nil {
			return err
		}
		if err := checkGrant(actor, 0, nil, roles); err != nil {
			return err
		}
		if acc.UserID, err = s.insertUser(ctx, tx, username, hash, nil); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, acc.UserID, roles); err != nil {
			return err
		}
		if err := bind(ctx, tx, acc.UserID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.create", ObjectType: "user", ObjectID: fmt.Sprint(acc.UserID),
			Summary: fmt.Sprintf("为外部专家 %s 开通账号 %s，角色 专家，首次登录须修改密码", who, username),
			After:   map[string]any{"roles": []string{RoleExpert}, "outside": true}})
	})
	if err != nil && app.ErrorCode(err) == app.EFORBIDDEN {
		s.auditRefusal(ctx, actor, "user.create_refused", 0, "拒绝为外部专家开通账号 "+username+"："+app.ErrorMessage(err), []string{RoleExpert})
	}
	if err != nil {
		return OutsideAccount{}, err
	}
	return acc, nil
}

// ResetOutsidePassword gives an outside account (no person, the expert role
// only) a new one-time password and returns it, for the one page that shows
// it. The account has no organisation, so scope cannot place it: guard runs
// in the same transaction and must confirm that the caller's own record
// (the review module's expert in the actor's scope) binds this account.
// The actor needs PermAccountManage and the grant table must let it grant
// the expert role. The user must change the password at next sign-in, a
// lockout is cleared, every session ends, and the reset (never the
// password) is audited. It returns the account with its new password.
func (s *Service) ResetOutsidePassword(ctx context.Context, actor app.Actor, userID int64, who string,
	guard func(ctx context.Context, tx *db.Tx) error) (OutsideAccount, error) {
	if err := actor.Require(PermAccountManage); err != nil {
		return OutsideAccount{}, err
	}
	var username string
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT username FROM users WHERE id = ? AND person_id IS NULL", userID).Scan(&username)
	})
	if db.IsNoRows(err) {
		return OutsideAccount{}, app.Errorf(app.ENOTFOUND, "账号不存在")
	}
	if err != nil {
		return OutsideAccount{}, err
	}
	pw := s.NewInitialPassword(username)
	hash := s.Hasher.Hash(pw) // outside the transaction: argon2id is slow
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := guard(ctx, tx); err != nil {
			return err
		}
		if err := checkOutsideAccount(ctx, tx, actor, userID); err != nil {
			return err
		}
		now := s.now().UnixMilli()
		if _, err := tx.Exec(ctx, `UPDATE users SET password_hash = ?, must_change = TRUE, password_changed_at = ?,
			locked_until = 0, failed_count = 0 WHERE id = ?`, hash, now, userID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)", userID, hash, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.reset_password", ObjectType: "user", ObjectID: fmt.Sprint(userID),
			Summary: fmt.Sprintf("重置外部专家 %s 的账号 %s 的密码，下次登录须修改", who, username)})
	})
	if err != nil {
		return OutsideAccount{}, err
	}
	return OutsideAccount{UserID: userID, Username: username, Password: pw}, nil
}

// DisableOutsideAccountTx disables an outside account (no person) inside
// the caller's transaction and ends its sessions: an expert who leaves the
// pool keeps no way in. The caller audits the decision that caused it.
func DisableOutsideAccountTx(ctx context.Context, tx *db.Tx, userID int64) error {
	if _, err := tx.Exec(ctx, "UPDATE users SET active = FALSE, version = version + 1 WHERE id = ? AND person_id IS NULL", userID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
	return err
}

// checkOutsideAccount refuses unless userID is an account with no person
// that holds exactly the expert role, which the actor may grant.
func checkOutsideAccount(ctx context.Context, tx *db.Tx, actor app.Actor, userID int64) error {
	roles, err := userRoles(ctx, tx, userID)
	if err != nil {
		return err
	}
	if len(roles) != 1 || roles[0].Code != RoleExpert {
		return app.Errorf(app.EFORBIDDEN, "该账号不是外部专家账号")
	}
	return checkGrant(actor, userID, nil, roles)
}
