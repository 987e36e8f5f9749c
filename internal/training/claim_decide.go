package training

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// ApproveClaims approves the claims ids at the actor's level, all or none:
// a school's approval passes a claim to the county (a 待办 for the county's
// administrators), the county's 认定 the ledger entry. Each step closes its
// 待办 and sends the claimant a message. A claim outside the actor's scope
// is ENOTFOUND, one at another level EINVALID naming it, one decided
// meanwhile ECONFLICT. Returns how many were approved.
func (s *Service) ApproveClaims(ctx context.Context, actor app.Actor, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, app.Invalid("ids", "请先勾选要审核的申请")
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		lv, err := level(ctx, tx, actor)
		if err != nil {
			return err
		}
		for _, id := range ids {
			c, err := decidable(ctx, tx, actor, id, lv)
			if err != nil {
				return err
			}
			if lv == StageSchool {
				err = s.passToCounty(ctx, tx, actor, c)
			} else {
				err = s.recognise(ctx, tx, actor, c)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}

// decidable loads claim id in scope and checks it waits at level lv.
func decidable(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, lv string) (claimRow, error) {
	c, err := claimInScope(ctx, tx, actor, id)
	if err != nil {
		return c, err
	}
	if c.Stage != lv {
		return c, app.Invalid("ids", "「%s %s」%s，不在您这一级审核", c.PersonName, c.Title, c.StageName())
	}
	return c, nil
}

// setStage moves c from its stage to stage, refusing a stale one.
func setStage(ctx context.Context, tx *db.Tx, c claimRow, stage, byCol, by, reason string, at int64) error {
	q := "UPDATE training_claims SET stage = ?, reason = ?, version = version + 1"
	args := []any{stage, reason}
	if byCol != "" {
		q += ", " + byCol + "_by = ?, " + byCol + "_at = ?"
		args = append(args, by, at)
	}
	res, err := tx.Exec(ctx, q+" WHERE id = ? AND stage = ?", append(args, c.ID, c.Stage)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return app.Errorf(app.ECONFLICT, "「%s %s」已被他人处理，请刷新后重试", c.PersonName, c.Title)
	}
	return nil
}

func (s *Service) passToCounty(ctx context.Context, tx *db.Tx, actor app.Actor, c claimRow) error {
	if err := setStage(ctx, tx, c, StageCounty, "school", actor.Username, "", s.now().UnixMilli()); err != nil {
		return err
	}
	if _, err := notify.CloseTodos(ctx, tx, todoKey(c.ID, StageSchool)); err != nil {
		return err
	}
	users, err := countyApprovers(ctx, tx, c.region)
	if err != nil {
		return err
	}
	if err := notify.AddTodos(ctx, tx, users, claimTodo(c.ID, StageCounty, c.PersonName, c.Title)); err != nil {
		return err
	}
	if err := tell(ctx, tx, c, "学分认定：学校已审核通过", "「"+c.Title+"」学校已审核通过，待县级认定。"); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, "claim.approve", "claim", c.ID, "学校审核通过学分认定："+c.PersonName+" "+c.Title,
		audit.Snapshot{"环节": StageNames[StageSchool]}, audit.Snapshot{"环节": StageNames[StageCounty]})
}

// recognise is the county's 认定: the ledger entry becomes approved (its
// audit row is the ledger's).
func (s *Service) recognise(ctx context.Context, tx *db.Tx, actor app.Actor, c claimRow) error {
	if err := setStage(ctx, tx, c, StageApproved, "county", actor.Username, "", s.now().UnixMilli()); err != nil {
		return err
	}
	if err := credit.Decide(ctx, tx, actor, c.EntryID, c.entryVersion, credit.StateApproved, ""); err != nil {
		return err
	}
	if _, err := notify.CloseTodos(ctx, tx, todoKey(c.ID, StageCounty)); err != nil {
		return err
	}
	e, err := credit.FindEntryByID(ctx, tx, c.EntryID)
	if err != nil {
		return err
	}
	return tell(ctx, tx, c, "学分认定：已认定", fmt.Sprintf("「%s」已认定 %s 学时，计 %s 学分。", c.Title, num(e.Hours), num(e.Credits)))
}

// ReturnClaim returns claim id at the actor's level with a reason; the
// ledger entry becomes 退回 and the claimant is told why.
func (s *Service) ReturnClaim(ctx context.Context, actor app.Actor, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		lv, err := level(ctx, tx, actor)
		if err != nil {
			return err
		}
		c, err := decidable(ctx, tx, actor, id, lv)
		if err != nil {
			return err
		}
		if reason == "" {
			return app.Invalid("reason", "退回须填写理由")
		}
		if err := setStage(ctx, tx, c, StageReturned, "", "", reason, 0); err != nil {
			return err
		}
		if err := credit.Decide(ctx, tx, actor, c.EntryID, c.entryVersion, credit.StateReturned, reason); err != nil {
			return err
		}
		if _, err := notify.CloseTodos(ctx, tx, todoKey(c.ID, lv)); err != nil {
			return err
		}
		return tell(ctx, tx, c, "学分认定：已退回", "「"+c.Title+"」被退回，理由："+reason)
	})
}

// tell sends the claimant a message about c, if they have an account.
func tell(ctx context.Context, tx *db.Tx, c claimRow, title, body string) error {
	uid, ok, err := notify.UserOfPerson(ctx, tx, c.PersonID)
	if err != nil || !ok {
		return err
	}
	_, err = notify.Send(ctx, tx, notify.Message{UserID: uid, Title: title, Body: body, Link: fmt.Sprintf("/credits/claims/%d", c.ID)})
	return err
}

// countyApprovers are the county administrators of the bureaus and
// research offices of region.
func countyApprovers(ctx context.Context, tx *db.Tx, region string) ([]int64, error) {
	orgs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT id FROM orgs WHERE region_code = ? AND kind IN ('bureau', 'research_office') AND active = TRUE ORDER BY id", region)
	if err != nil {
		return nil, err
	}
	var users []int64
	for _, o := range orgs {
		us, err := notify.UsersAt(ctx, tx, o, auth.RoleCountyAdmin)
		if err != nil {
			return nil, err
		}
		users = append(users, us...)
	}
	return users, nil
}
