package activity

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/checkin"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

// CheckinCode is the 签到码 of activity id the venue shows as a QR code,
// for its organiser: valid only for this activity and only in its time.
func (s *Service) CheckinCode(ctx context.Context, actor app.Actor, id int64) (Activity, string, error) {
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Activity, error) { return s.managed(ctx, tx, actor, id) })
	if err != nil {
		return a, "", err
	}
	if a.State != StatePublished && a.State != StateRunning {
		return a, "", app.Errorf(app.EINVALID, "活动%s，没有签到码", a.StateName())
	}
	opens, closes := a.Window()
	return a, checkin.Code(s.Keys, CheckinKind, id, opens, closes), nil
}

// CheckIn records the actor's 签到 at activity id by the code scanned at the
// venue. A code of another activity, a forged one or one used outside the
// activity's time is refused with its message. A person of the audience not
// yet signed up to an open activity is signed up by checking in. The first
// check-in moves a published activity to 进行中. Attendance earns the
// activity's 学时 as an approved credit row (source SourceAttendance):
// 校本研修 when a teaching group organises it, else 教研活动.
func (s *Service) CheckIn(ctx context.Context, actor app.Actor, id int64, code string) (out Activity, err error) {
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		out, err = s.CheckInTx(ctx, tx, actor, id, code)
		return err
	})
	return out, err
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

// attend marks the check-in, writes the credit row and the audit row.
func (s *Service) attend(ctx context.Context, tx *db.Tx, actor app.Actor, a Activity, at int64) error {
	var creditID int64
	if a.Hours > 0 {
		cat := credit.CategoryActivity
		if a.GroupID != 0 {
			cat = credit.CategorySchoolBased
		}
		var err error
		creditID, err = credit.Add(ctx, tx, credit.Entry{PersonID: actor.PersonID, SchoolYear: a.SchoolYear, Half: a.Half, Date: a.Date(),
			Category: cat, Title: a.Title, Hours: a.Hours, Source: SourceAttendance, SourceID: a.ID, State: credit.StateApproved,
			CreatedBy: actor.Username, CreatedAt: at})
		if err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE activity_signups SET checked_in_at = ?, credit_id = ? WHERE activity_id = ? AND person_id = ?`,
		at, creditID, a.ID, actor.PersonID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO activity_reached (org_id, school_year, half) SELECT org_id, ?, ? FROM people WHERE id = ?
		ON CONFLICT DO NOTHING`, a.SchoolYear, a.Half, actor.PersonID); err != nil {
		return err
	}
	if err := tallied(ctx, tx, a.ID, func() error {
		_, err := tx.Exec(ctx, `UPDATE activities SET attended = attended + 1,
			state = CASE WHEN state = 'published' THEN 'running' ELSE state END WHERE id = ?`, a.ID)
		return err
	}); err != nil {
		return err
	}
	return record(ctx, tx, actor, "activity.checkin", ObjectType, a.ID, "签到："+a.Title, nil,
		audit.Snapshot{"人员": fmt.Sprint(actor.PersonID), "学时": fmt.Sprint(a.Hours)})
}
