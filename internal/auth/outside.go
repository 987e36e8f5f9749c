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
