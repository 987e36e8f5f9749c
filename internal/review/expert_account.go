package review

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// OpenExpertAccount opens a sign-in account (开通账号) for an outside
// expert of a pool in the actor's scope: an account bound to the expert,
// not to a person, so no teacher record is made and the account counts in
// no figure. It holds the expert role only and reaches nothing but the
// expert's own review tasks. The initial password is returned once and must
// be changed at first sign-in. An expert from the org tree signs in with
// their own account; one that already has an account, or has left the
// pool, gets none.
func (s *Service) OpenExpertAccount(ctx context.Context, actor app.Actor, expertID int64, username string) (auth.OutsideAccount, error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return auth.OutsideAccount{}, err
	}
	var e Expert
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		e, err = expertInScope(ctx, tx, actor, expertID)
		return err
	})
	if err != nil {
		return auth.OutsideAccount{}, err
	}
	switch {
	case e.PersonID != 0:
		return auth.OutsideAccount{}, app.Invalid("username", "%s 是本区域人员，请使用其本人账号登录，无须另开账号", e.Name)
	case e.UserID != 0:
		return auth.OutsideAccount{}, app.Invalid("username", "%s 已开通账号", e.Name)
	case !e.Active:
		return auth.OutsideAccount{}, app.Invalid("username", "%s 已出库，不能开通账号", e.Name)
	}
	return s.Auth.OpenOutsideAccount(ctx, actor, username, e.Name+"（"+e.Affiliation+"）", func(ctx context.Context, tx *db.Tx, userID int64) error {
		res, err := tx.Exec(ctx, `UPDATE review_experts SET user_id = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND user_id IS NULL AND person_id IS NULL AND active = TRUE`, userID, s.now().Unix(), e.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return app.Invalid("username", "%s 已开通账号或已出库", e.Name)
		}
		return nil // the one audit row is auth's user.create, which names the expert
	})
}

// ResetExpertPassword gives an outside expert of a pool in the actor's scope
// a new one-time password (重置密码), returned once, for the expert who lost
// theirs; a lockout is cleared and the old sessions end. Only an active
// outside expert with an account qualifies; the binding is re-checked in
// the resetting transaction, so a concurrent 出库 wins.
func (s *Service) ResetExpertPassword(ctx context.Context, actor app.Actor, expertID int64) (auth.OutsideAccount, error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return auth.OutsideAccount{}, err
	}
	var e Expert
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		e, err = expertInScope(ctx, tx, actor, expertID)
		return err
	})
	if err != nil {
		return auth.OutsideAccount{}, err
	}
	if e.PersonID != 0 || e.UserID == 0 || !e.Active {
		return auth.OutsideAccount{}, app.Invalid("account", "%s 没有可重置的外部专家账号", e.Name)
	}
	return s.Auth.ResetOutsidePassword(ctx, actor, e.UserID, e.Name+"（"+e.Affiliation+"）", func(ctx context.Context, tx *db.Tx) error {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_experts WHERE id = ? AND user_id = ? AND person_id IS NULL AND active = TRUE", e.ID, e.UserID)
		if err == nil && n == 0 {
			return app.Invalid("account", "%s 已出库，不能重置密码", e.Name)
		}
		return err
	})
}
