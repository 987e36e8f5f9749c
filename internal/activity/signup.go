package activity

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// signUpRow is the actor's own sign-up to an activity, if any.
func signUpRow(ctx context.Context, tx *db.Tx, activityID, personID int64) (SignUp, bool, error) {
	su := SignUp{ActivityID: activityID, PersonID: personID}
	err := tx.QueryRow(ctx, `SELECT how, cancelled, checked_in_at, credit_id FROM activity_signups WHERE activity_id = ? AND person_id = ?`,
		activityID, personID).Scan(&su.How, &su.Cancelled, &su.CheckedInAt, &su.CreditID)
	if db.IsNoRows(err) {
		return su, false, nil
	}
	return su, err == nil, err
}

// open loads an activity the actor may see, with the actor's sign-up.
func (s *Service) open(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Activity, SignUp, bool, error) {
	a, ok, err := loadActivity(ctx, tx, id)
	if err != nil {
		return a, SignUp{}, false, err
	}
	var su SignUp
	var signed bool
	if ok && actor.PersonID != 0 {
		if su, signed, err = signUpRow(ctx, tx, id, actor.PersonID); err != nil {
			return a, su, false, err
		}
	}
	aud, err := audienceOf(ctx, tx, actor)
	if err != nil {
		return a, su, false, err
	}
	if !ok || !canSee(actor, a, signed, aud) {
		return a, su, false, notFound()
	}
	return a, su, signed, nil
}

// SignUp signs the actor's person up to a published activity open to
// sign-up (公开报名), within its capacity and before it ends.
func (s *Service) SignUp(ctx context.Context, actor app.Actor, id int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.SignUpTx(ctx, tx, actor, id) })
}

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

// mayJoin refuses a sign-up to an activity not open to one.
func (s *Service) mayJoin(a Activity, invited bool) error {
	_, closes := a.Window()
	switch {
	case a.State != StatePublished && a.State != StateRunning:
		return app.Errorf(app.EINVALID, "活动%s，不能报名", a.StateName())
	case !s.now().Before(closes):
		return app.Errorf(app.EINVALID, "活动已结束，不能报名")
	case a.SignupMode != ModeOpen && !invited:
		return app.Errorf(app.EINVALID, "本活动为%s，不接受报名", a.ModeName())
	case a.Full():
		return app.Errorf(app.EINVALID, "报名人数已满（上限 %d 人）", a.Capacity)
	}
	return nil
}

// addSignUp writes (or restores a cancelled) sign-up and counts it.
func addSignUp(ctx context.Context, tx *db.Tx, id, person int64, how string, exists bool, at int64) error {
	var err error
	if exists {
		_, err = tx.Exec(ctx, "UPDATE activity_signups SET cancelled = FALSE WHERE activity_id = ? AND person_id = ?", id, person)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO activity_signups (activity_id, person_id, how, created_at) VALUES (?, ?, ?, ?)`, id, person, how, at)
	}
	if err == nil {
		err = tallied(ctx, tx, id, func() error {
			_, err := tx.Exec(ctx, "UPDATE activities SET signups = signups + 1 WHERE id = ?", id)
			return err
		})
	}
	return err
}

// Cancel withdraws the actor's sign-up before check-in.
func (s *Service) Cancel(ctx context.Context, actor app.Actor, id int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		a, su, signed, err := s.open(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		switch {
		case !signed || su.Cancelled:
			return app.Errorf(app.EINVALID, "您未报名本活动")
		case su.CheckedIn():
			return app.Errorf(app.EINVALID, "已签到，不能取消报名")
		case su.How == "assigned":
			return app.Errorf(app.EINVALID, "您是被指定参加的，如不能参加请联系组织方")
		}
		if _, err := tx.Exec(ctx, "UPDATE activity_signups SET cancelled = TRUE WHERE activity_id = ? AND person_id = ?", id, actor.PersonID); err != nil {
			return err
		}
		if err := tallied(ctx, tx, id, func() error {
			_, err := tx.Exec(ctx, "UPDATE activities SET signups = signups - 1 WHERE id = ?", id)
			return err
		}); err != nil {
			return err
		}
		return record(ctx, tx, actor, "activity.cancel", ObjectType, id, "取消报名："+a.Title, audit.Snapshot{"人员": fmt.Sprint(actor.PersonID)}, nil)
	})
}

// Invite adds people to an activity by its organiser: invited (受邀) for an
// invitation activity, assigned (指派) for an assigned one. People must be
// in the organiser's scope; those already signed up are skipped. Returns
// how many were added.
func (s *Service) Invite(ctx context.Context, actor app.Actor, id int64, people []int64) (int, error) {
	if len(people) == 0 {
		return 0, app.Invalid("people", "请选择要邀请的人员")
	}
	var n int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		a, err := s.managed(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		how := map[string]string{ModeOpen: "invited", ModeInvite: "invited", ModeAssign: "assigned"}[a.SignupMode]
		for _, p := range people {
			added, err := s.invite(ctx, tx, actor, a, p, how)
			if err != nil {
				return err
			}
			if added {
				n++
				a.SignUps++
			}
		}
		return record(ctx, tx, actor, "activity.invite", ObjectType, id, fmt.Sprintf("%s：%d 人", HowNames[how], n), nil,
			audit.Snapshot{"人数": fmt.Sprint(n)})
	})
	return n, err
}

func (s *Service) invite(ctx context.Context, tx *db.Tx, actor app.Actor, a Activity, person int64, how string) (bool, error) {
	var path string
	var orgID int64
	err := tx.QueryRow(ctx, "SELECT o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ? AND p.active = TRUE", person).Scan(&path, &orgID)
	if db.IsNoRows(err) || (err == nil && !inAudience(a, path)) {
		return false, app.Invalid("people", "所选人员不在本活动的对象范围内")
	}
	if err != nil {
		return false, err
	}
	su, exists, err := signUpRow(ctx, tx, a.ID, person)
	if err != nil || (exists && !su.Cancelled) {
		return false, err
	}
	if a.Full() {
		return false, app.Errorf(app.EINVALID, "报名人数已满（上限 %d 人）", a.Capacity)
	}
	return true, addSignUp(ctx, tx, a.ID, person, how, exists, s.now().UnixMilli())
}

// inAudience reports whether an organisation path lies in a's audience.
func inAudience(a Activity, path string) bool {
	return len(path) >= len(a.AudiencePath) && path[:len(a.AudiencePath)] == a.AudiencePath
}
