package activity

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/checkin"
	"jiaoyan/internal/db"
)

// Tx variants for writing many sign-ups and check-ins in one transaction
// (the demo): each does inside the caller's transaction tx exactly what
// its public method does in its own: the same checks, rows, tallies,
// 学时 and audit entry.

// SignUpTx is SignUp inside the caller's transaction tx.
func (s *Service) SignUpTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) error {
	if actor.PersonID == 0 {
		return app.Errorf(app.EFORBIDDEN, "本账号未关联人员，不能报名")
	}
	a, su, signed, err := s.open(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	if signed && !su.Cancelled {
		return app.Errorf(app.EINVALID, "您已报名本活动")
	}
	if err := s.mayJoin(a, signed); err != nil {
		return err
	}
	if err := addSignUp(ctx, tx, id, actor.PersonID, "self", signed, s.now().UnixMilli()); err != nil {
		return err
	}
	return record(ctx, tx, actor, "activity.signup", ObjectType, id, "报名："+a.Title, nil, audit.Snapshot{"人员": fmt.Sprint(actor.PersonID)})
}

// CheckInTx is CheckIn inside the caller's transaction tx.
func (s *Service) CheckInTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, code string) (Activity, error) {
	if actor.PersonID == 0 {
		return Activity{}, app.Errorf(app.EFORBIDDEN, "本账号未关联人员，不能签到")
	}
	now := s.now()
	a, su, signed, err := s.open(ctx, tx, actor, id)
	if err != nil {
		return a, err
	}
	if err := checkin.Check(s.Keys, code, CheckinKind, id, now); err != nil {
		return a, err
	}
	if a.State != StatePublished && a.State != StateRunning {
		return a, app.Errorf(app.EINVALID, "活动%s，不能签到", a.StateName())
	}
	if signed && su.CheckedIn() {
		return a, app.Errorf(app.EINVALID, "您已于 %s 签到", su.CheckInTime())
	}
	if !signed || su.Cancelled {
		if err := s.mayJoin(a, false); err != nil {
			return a, err
		}
		if err := addSignUp(ctx, tx, id, actor.PersonID, "self", signed, now.UnixMilli()); err != nil {
			return a, err
		}
	}
	return a, s.attend(ctx, tx, actor, a, now.UnixMilli())
}
