package activity

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

const orderSelect = `SELECT s.id, s.item_id, i.name, s.school_id, o.name, s.need, s.preferred, s.audience, s.state, s.activity_id,
	s.provider_id, COALESCE(pp.name, ''), s.satisfaction, s.feedback, s.version, s.plan_number, s.office_agreed, s.school_agreed,
	s.returned_reason, s.hours, s.days FROM service_orders s JOIN service_items i ON i.id = s.item_id
	JOIN orgs o ON o.id = s.school_id LEFT JOIN people pp ON pp.id = s.provider_id`

func scanOrder(r db.Scanner) (ServiceOrder, error) {
	var o ServiceOrder
	return o, r.Scan(&o.ID, &o.ItemID, &o.ItemName, &o.SchoolID, &o.SchoolName, &o.Need, &o.Preferred, &o.Audience, &o.State,
		&o.ActivityID, &o.ProviderID, &o.ProviderName, &o.Satisfaction, &o.Feedback, &o.Version, &o.PlanNumber, &o.OfficeAgreed,
		&o.SchoolAgreed, &o.ReturnedReason, &o.Hours, &o.Days)
}

// orderWhere admits the orders of schools in the actor's scope and those
// of items of offices in it.
func orderWhere(actor app.Actor) (string, []any) {
	school, a1 := auth.ScopeWhere(actor, "s.school_path", "s.school_id", "")
	office, a2 := auth.ScopeWhere(actor, "i.org_path", "i.org_id", "")
	return "(" + school + " OR " + office + ")", append(a1, a2...)
}

// PlaceOrder orders menu item for the actor's school: the need (required),
// the preferred dates and the audience. Returns the order id.
func (s *Service) PlaceOrder(ctx context.Context, actor app.Actor, item int64, o ServiceOrder) (int64, error) {
	o.Need, o.Preferred, o.Audience = strings.TrimSpace(o.Need), strings.TrimSpace(o.Preferred), strings.TrimSpace(o.Audience)
	if o.Need == "" {
		return 0, app.Invalid("need", "请写明本校的教研需求")
	}
	it, err := s.FindServiceItemByID(ctx, actor, item)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		var path, kind string
		if err := tx.QueryRow(ctx, "SELECT path, kind FROM orgs WHERE id = ?", actor.OrgID).Scan(&path, &kind); err != nil || kind != "school" {
			return app.Errorf(app.EFORBIDDEN, "只有学校可以预约送教")
		}
		at := s.now().UnixMilli()
		if id, err = tx.InsertID(ctx, `INSERT INTO service_orders (item_id, school_id, school_path, need, preferred, audience, state,
			created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ordered', ?, ?, ?) RETURNING id`, item, actor.OrgID, path,
			o.Need, o.Preferred, o.Audience, actor.Username, at, at); err != nil {
			return err
		}
		return record(ctx, tx, actor, "service.order", "service_order", id, "预约送教："+it.Name, nil,
			audit.Snapshot{"项目": it.Name, "需求": o.Need, "时间": o.Preferred})
	})
	return id, err
}

// FindOrderByID is an order the actor may see.
func (s *Service) FindOrderByID(ctx context.Context, actor app.Actor, id int64) (ServiceOrder, error) {
	where, args := orderWhere(actor)
	o, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (ServiceOrder, error) {
		o, err := scanOrder(tx.QueryRow(ctx, orderSelect+" WHERE s.id = ? AND "+where, append([]any{id}, args...)...))
		if err == nil {
			o.Plans, err = plansOf(ctx, tx, id)
		}
		if err == nil {
			if o.MySide, err = sideOf(ctx, tx, actor, o); app.ErrorCode(err) == app.ENOTFOUND {
				o.MySide, err = "", nil // sees the order, takes no side
			}
		}
		return o, err
	})
	if db.IsNoRows(err) {
		return o, app.Errorf(app.ENOTFOUND, "找不到该送教订单，或您无权查看")
	}
	return o, err
}

// Dispatch is the office's answer to an order at its version, once both
// sides agreed the 活动方案: the agreed plan becomes a 送教助研 activity of the
// office at the school (its teachers assigned by the school later), with
// the provider named; the order is then 已派送 and keeps the agreed hours
// and on-site days. The provider must be one of the item's and meet the
// region's 送教人员资格 rule.
func (s *Service) Dispatch(ctx context.Context, actor app.Actor, id int64, version int, provider int64) (int64, error) {
	var aid int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		o, itemOrg, err := s.orderForOffice(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if o.State != OrderOrdered {
			return app.Errorf(app.EINVALID, "订单%s，不能再派送", o.StateName())
		}
		p, err := agreedPlan(ctx, tx, o)
		if err != nil {
			return err
		}
		if err := s.mayProvide(ctx, tx, o, provider); err != nil {
			return err
		}
		a := Activity{OrgID: itemOrg, Kind: "service", SignupMode: ModeAssign, Title: o.ItemName + "（" + o.SchoolName + "）", Theme: o.Need,
			Plan: p.Body, StartsAt: p.StartsAt, EndsAt: p.EndsAt, Place: p.Place, Hours: p.Hours}
		if aid, err = s.dispatchActivity(ctx, tx, actor, o, a); err != nil {
			return err
		}
		if err := stale(affected(tx.Exec(ctx, `UPDATE service_orders SET state = 'dispatched', activity_id = ?, provider_id = ?, hours = ?, days = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, aid, provider, p.Hours, p.Days, s.now().UnixMilli(), id, version))); err != nil {
			return err
		}
		return record(ctx, tx, actor, "service.dispatch", "service_order", id, "派送送教："+a.Title, nil,
			audit.Snapshot{"活动": fmt.Sprint(aid), "送教人员": fmt.Sprint(provider), "时间": a.StartsAt, "学时": fmt.Sprint(p.Hours), "送教天数": fmt.Sprint(p.Days)})
	})
	return aid, err
}

// dispatchActivity writes the published 送教 activity of order o.
func (s *Service) dispatchActivity(ctx context.Context, tx *db.Tx, actor app.Actor, o ServiceOrder, a Activity) (int64, error) {
	if err := a.Validate(); err != nil {
		return 0, err
	}
	if err := s.prepare(ctx, tx, actor, &a, AudienceRegion); err != nil {
		return 0, err
	}
	if err := tx.QueryRow(ctx, "SELECT path, name FROM orgs WHERE id = ?", o.SchoolID).Scan(&a.AudiencePath, &a.AudienceName); err != nil {
		return 0, err
	}
	if err := a.ReadyToPublish(); err != nil {
		return 0, err
	}
	a.OwnerUserID, a.CreatedBy = actor.UserID, actor.Username
	aid, err := insertActivity(ctx, tx, a, s.now().UnixMilli())
	if err != nil {
		return 0, err
	}
	return aid, tallied(ctx, tx, aid, func() error {
		_, err := tx.Exec(ctx, "UPDATE activities SET state = 'published' WHERE id = ?", aid)
		return err
	})
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// orderForOffice loads an order for a change by the item's office.
func (s *Service) orderForOffice(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (ServiceOrder, int64, error) {
	o, err := scanOrder(tx.QueryRow(ctx, orderSelect+" WHERE s.id = ?", id))
	if db.IsNoRows(err) {
		return o, 0, app.Errorf(app.ENOTFOUND, "找不到该送教订单，或您无权查看")
	}
	var orgID int64
	var path string
	if err == nil {
		err = tx.QueryRow(ctx, "SELECT org_id, org_path FROM service_items WHERE id = ?", o.ItemID).Scan(&orgID, &path)
	}
	if err == nil && (!actor.Can(PermManage) || !auth.InScope(actor, path, orgID, 0)) {
		return o, 0, app.Errorf(app.ENOTFOUND, "找不到该送教订单，或您无权处理")
	}
	return o, orgID, err
}

// Feedback is the school's 满意度 (1–5) and comments on a dispatched order
// whose activity has ended.
func (s *Service) Feedback(ctx context.Context, actor app.Actor, id int64, version, satisfaction int, comment string) error {
	comment = strings.TrimSpace(comment)
	if satisfaction < 1 || satisfaction > 5 {
		return app.Invalid("satisfaction", "满意度应为 1 至 5 星")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		o, err := scanOrder(tx.QueryRow(ctx, orderSelect+" WHERE s.id = ?", id))
		var path string
		if err == nil {
			err = tx.QueryRow(ctx, "SELECT school_path FROM service_orders WHERE id = ?", id).Scan(&path)
		}
		if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, path, o.SchoolID, 0)) {
			return app.Errorf(app.ENOTFOUND, "找不到该送教订单，或您无权反馈")
		}
		if err != nil {
			return err
		}
		var state string
		if err := tx.QueryRow(ctx, "SELECT state FROM activities WHERE id = ?", o.ActivityID).Scan(&state); err != nil ||
			(state != StateEnded && state != StateSubmitted && state != StateArchived) {
			return app.Errorf(app.EINVALID, "送教活动结束后才能反馈")
		}
		if err := stale(affected(tx.Exec(ctx, `UPDATE service_orders SET state = 'done', satisfaction = ?, feedback = ?, version = version + 1,
			updated_at = ? WHERE id = ? AND version = ? AND state = 'dispatched'`, satisfaction, comment, s.now().UnixMilli(), id, version))); err != nil {
			return err
		}
		return record(ctx, tx, actor, "service.feedback", "service_order", id, "送教反馈："+o.ItemName, nil,
			audit.Snapshot{"满意度": fmt.Sprint(satisfaction), "意见": comment})
	})
}

// affected is the rows an UPDATE touched, for stale.
func affected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
