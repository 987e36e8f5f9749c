package activity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

// The two sides that agree a 送教 活动方案.
const (
	SideOffice = "office" // 教研部门 (the menu item's office)
	SideSchool = "school" // 学校 (the ordering school)
)

// SideNames are the Chinese names of the sides.
var SideNames = map[string]string{SideOffice: "教研部门", SideSchool: "学校"}

// SourceService is the credit ledger source of a 送教 provider's hours.
const SourceService = "activity.service"

// ServicePlan is one version of an order's 活动方案: who proposed it, the
// plan, its time and place, the hours and on-site days (送教天数), and why it
// changes the version before.
type ServicePlan struct {
	Number           int
	Side             string
	Body             string
	StartsAt, EndsAt string
	Place            string
	Hours            float64
	Days             int
	Reason           string
	CreatedBy        string
	At               string
}

// SideName is the Chinese name of the proposing side.
func (p ServicePlan) SideName() string { return SideNames[p.Side] }

func (p *ServicePlan) validate(first bool) error {
	p.Body, p.Place, p.Reason = strings.TrimSpace(p.Body), strings.TrimSpace(p.Place), strings.TrimSpace(p.Reason)
	p.StartsAt, p.EndsAt = strings.TrimSpace(p.StartsAt), strings.TrimSpace(p.EndsAt)
	start, err1 := time.ParseInLocation(TimeLayout, p.StartsAt, CST)
	end, err2 := time.ParseInLocation(TimeLayout, p.EndsAt, CST)
	switch {
	case p.Body == "":
		return app.Invalid("body", "请填写活动方案")
	case err1 != nil:
		return app.Invalid("starts_at", "请填写开始时间，如 2025-10-15 14:00")
	case err2 != nil || !end.After(start):
		return app.Invalid("ends_at", "结束时间应晚于开始时间")
	case p.Place == "":
		return app.Invalid("place", "请填写送教地点")
	case p.Hours <= 0 || p.Hours > 100:
		return app.Invalid("hours", "学时应在 0 到 100 之间")
	case p.Days < 1 || p.Days > 30:
		return app.Invalid("days", "送教天数应在 1 到 30 天之间")
	case !first && p.Reason == "":
		return app.Invalid("reason", "请写明修改方案的原因")
	}
	return nil
}

// sideOf is the side the actor takes on order o: the office when it may
// handle the item's orders, else the school when the school is in scope.
func sideOf(ctx context.Context, tx *db.Tx, actor app.Actor, o ServiceOrder) (string, error) {
	var orgID int64
	var orgPath, schoolPath string
	err := tx.QueryRow(ctx, `SELECT i.org_id, i.org_path, s.school_path FROM service_orders s JOIN service_items i ON i.id = s.item_id
		WHERE s.id = ?`, o.ID).Scan(&orgID, &orgPath, &schoolPath)
	switch {
	case err != nil:
		return "", err
	case actor.Can(PermManage) && auth.InScope(actor, orgPath, orgID, 0):
		return SideOffice, nil
	case actor.Can(PermManage) && auth.InScope(actor, schoolPath, o.SchoolID, 0):
		return SideSchool, nil
	}
	return "", app.Errorf(app.ENOTFOUND, "找不到该送教订单，或您无权处理")
}

// openOrder loads order id for a plan step by one of its sides, with the
// side; the order must still be waiting for its dispatch.
func (s *Service) openOrder(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (ServiceOrder, string, error) {
	o, err := scanOrder(tx.QueryRow(ctx, orderSelect+" WHERE s.id = ?", id))
	if db.IsNoRows(err) {
		return o, "", app.Errorf(app.ENOTFOUND, "找不到该送教订单，或您无权处理")
	}
	if err != nil {
		return o, "", err
	}
	side, err := sideOf(ctx, tx, actor, o)
	if err == nil && o.State != OrderOrdered {
		err = app.Errorf(app.EINVALID, "订单%s，方案不能再修改", o.StateName())
	}
	return o, side, err
}

// ProposePlan adds a version of order id's 活动方案 by the actor's side, at
// the order's version: the proposing side agrees to it, the other side is
// asked to confirm. Every version after the first needs its reason.
func (s *Service) ProposePlan(ctx context.Context, actor app.Actor, id int64, version int, p ServicePlan) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		o, side, err := s.openOrder(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := p.validate(o.PlanNumber == 0); err != nil {
			return err
		}
		at := s.now().UnixMilli()
		if _, err := tx.Exec(ctx, `INSERT INTO service_plans (order_id, number, side, body, starts_at, ends_at, place, hours, days, reason,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, o.PlanNumber+1, side, p.Body, p.StartsAt, p.EndsAt,
			p.Place, p.Hours, p.Days, p.Reason, actor.Username, at); err != nil {
			return err
		}
		if err := stale(affected(tx.Exec(ctx, `UPDATE service_orders SET plan_number = plan_number + 1, office_agreed = ?, school_agreed = ?,
			returned_reason = '', version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			side == SideOffice, side == SideSchool, at, id, version))); err != nil {
			return err
		}
		return record(ctx, tx, actor, "service.plan", "service_order", id, fmt.Sprintf("%s拟定送教方案第 %d 版：%s", SideNames[side], o.PlanNumber+1, o.ItemName),
			nil, audit.Snapshot{"方案": p.Body, "时间": p.StartsAt + " 至 " + p.EndsAt, "地点": p.Place, "学时": fmt.Sprint(p.Hours),
				"送教天数": fmt.Sprint(p.Days), "修改原因": p.Reason})
	})
}

// ConfirmPlan is the actor's side agreeing to the order's current version.
func (s *Service) ConfirmPlan(ctx context.Context, actor app.Actor, id int64, version int) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		o, side, err := s.openOrder(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		switch {
		case o.PlanNumber == 0:
			return app.Errorf(app.EINVALID, "尚无活动方案，不能确认")
		case (side == SideOffice && o.OfficeAgreed) || (side == SideSchool && o.SchoolAgreed):
			return app.Errorf(app.EINVALID, "您已确认第 %d 版方案，请等待对方确认", o.PlanNumber)
		}
		col := "office_agreed"
		if side == SideSchool {
			col = "school_agreed"
		}
		if err := stale(affected(tx.Exec(ctx, "UPDATE service_orders SET "+col+` = TRUE, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, s.now().UnixMilli(), id, version))); err != nil {
			return err
		}
		return record(ctx, tx, actor, "service.plan_confirm", "service_order", id,
			fmt.Sprintf("%s确认送教方案第 %d 版：%s", SideNames[side], o.PlanNumber, o.ItemName), nil, nil)
	})
}

// ReturnPlan is the actor's side asking for changes to the current version,
// with the reason (required): neither side has agreed until a new version.
func (s *Service) ReturnPlan(ctx context.Context, actor app.Actor, id int64, version int, reason string) error {
	if reason = strings.TrimSpace(reason); reason == "" {
		return app.Invalid("return_reason", "请写明需要修改的地方")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		o, side, err := s.openOrder(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if o.PlanNumber == 0 {
			return app.Errorf(app.EINVALID, "尚无活动方案")
		}
		if err := stale(affected(tx.Exec(ctx, `UPDATE service_orders SET office_agreed = FALSE, school_agreed = FALSE, returned_reason = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, SideNames[side]+"："+reason, s.now().UnixMilli(), id, version))); err != nil {
			return err
		}
		return record(ctx, tx, actor, "service.plan_return", "service_order", id,
			fmt.Sprintf("%s请求修改送教方案第 %d 版：%s", SideNames[side], o.PlanNumber, o.ItemName), nil, audit.Snapshot{"修改意见": reason})
	})
}

// plansOf lists the versions of an order's plan, newest first.
func plansOf(ctx context.Context, tx *db.Tx, order int64) ([]ServicePlan, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (ServicePlan, error) {
		var p ServicePlan
		var at int64
		err := r.Scan(&p.Number, &p.Side, &p.Body, &p.StartsAt, &p.EndsAt, &p.Place, &p.Hours, &p.Days, &p.Reason, &p.CreatedBy, &at)
		p.At = time.UnixMilli(at).In(CST).Format(TimeLayout)
		return p, err
	}, `SELECT number, side, body, starts_at, ends_at, place, hours, days, reason, created_by, created_at FROM service_plans
		WHERE order_id = ? ORDER BY number DESC`, order)
}

// agreedPlan is the order's current version when both sides agreed it.
func agreedPlan(ctx context.Context, tx *db.Tx, o ServiceOrder) (ServicePlan, error) {
	if o.PlanNumber == 0 || !o.OfficeAgreed || !o.SchoolAgreed {
		return ServicePlan{}, app.Invalid("plan", "活动方案须经教研部门和学校双方确认后才能派送")
	}
	ps, err := plansOf(ctx, tx, o.ID)
	if err != nil || len(ps) == 0 {
		return ServicePlan{}, firstErr(err, app.Invalid("plan", "尚无活动方案"))
	}
	return ps[0], nil
}

// creditProvider writes the 送教 provider's hours of an ended activity to
// the credit ledger (source activity.service), once.
func creditProvider(ctx context.Context, tx *db.Tx, actor app.Actor, a Activity, at int64) error {
	var provider int64
	var hours float64
	err := tx.QueryRow(ctx, "SELECT provider_id, hours FROM service_orders WHERE activity_id = ? AND provider_id <> 0", a.ID).Scan(&provider, &hours)
	if db.IsNoRows(err) || (err == nil && hours <= 0) {
		return nil
	}
	if err != nil {
		return err
	}
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM credit_entries WHERE source = ? AND source_id = ? AND person_id = ?", SourceService, a.ID, provider)
	if err != nil || n > 0 {
		return err
	}
	_, err = credit.Add(ctx, tx, credit.Entry{PersonID: provider, SchoolYear: a.SchoolYear, Half: a.Half, Date: a.Date(),
		Category: credit.CategoryActivity, Title: "送教助研：" + a.Title, Hours: hours, Source: SourceService, SourceID: a.ID,
		State: credit.StateApproved, CreatedBy: actor.Username, CreatedAt: at})
	return err
}

// StartsInput and EndsInput are the times as a datetime-local field wants them.
func (p ServicePlan) StartsInput() string { return strings.Replace(p.StartsAt, " ", "T", 1) }

// EndsInput: see StartsInput.
func (p ServicePlan) EndsInput() string { return strings.Replace(p.EndsAt, " ", "T", 1) }
