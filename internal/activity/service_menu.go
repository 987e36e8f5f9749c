package activity

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Provider is a 送教 provider of a menu item, shown with their honours
// (名师、教学能手、优质课一等奖 …) as the qualification.
type Provider struct {
	PersonID int64
	Name     string
	OrgName  string
	Honours  string
}

// ServiceItem is one item of an office's 送教助研 menu (专题讲座、示范课、
// 同课异构、课堂诊断、命题指导 …) with its providers.
type ServiceItem struct {
	ID          int64
	OrgID       int64
	Office      string
	Name        string
	Subject     string
	Description string
	Providers   []Provider
	Orders      []ServiceOrder // the orders the actor may see, on the item page
}

// Order states (订单状态).
const (
	OrderOrdered    = "ordered"    // 已下单
	OrderDispatched = "dispatched" // 已派送: the activity is planned
	OrderDone       = "done"       // 已反馈
)

// OrderStateNames are the Chinese names of the order states.
var OrderStateNames = map[string]string{OrderOrdered: "已下单", OrderDispatched: "已派送", OrderDone: "已反馈"}

// ServiceOrder is a school's order (订单) of a menu item: the need, the
// preferred dates and audience; once dispatched, its activity and provider;
// then the school's 满意度 (1–5) and comments.
type ServiceOrder struct {
	ID           int64
	ItemID       int64
	ItemName     string
	SchoolID     int64
	SchoolName   string
	Need         string
	Preferred    string
	Audience     string
	State        string
	ActivityID   int64
	ProviderID   int64
	ProviderName string
	Satisfaction int
	Feedback     string
	Version      int
	// The 活动方案 agreed by both sides: the current version's number, who
	// agreed it, the last request for changes, and the versions (newest
	// first, filled by FindOrderByID).
	PlanNumber                 int
	OfficeAgreed, SchoolAgreed bool
	ReturnedReason             string
	Plans                      []ServicePlan
	Hours                      float64 // agreed 学时, counted to the provider
	Days                       int     // agreed 送教天数
	MySide                     string  // the actor's side (SideOffice, SideSchool) or "", by FindOrderByID
}

// MyTurn reports whether the actor's side has yet to agree the current plan.
func (o ServiceOrder) MyTurn() bool {
	return o.PlanNumber > 0 && ((o.MySide == SideOffice && !o.OfficeAgreed) || (o.MySide == SideSchool && !o.SchoolAgreed))
}

// Agreed reports whether both sides confirmed the current plan version.
func (o ServiceOrder) Agreed() bool { return o.PlanNumber > 0 && o.OfficeAgreed && o.SchoolAgreed }

// StateName is the Chinese name of the order's state.
func (o ServiceOrder) StateName() string { return OrderStateNames[o.State] }

// CreateServiceItem publishes a menu item of the actor's office with the
// providers named (people in the actor's scope). Returns its id.
func (s *Service) CreateServiceItem(ctx context.Context, actor app.Actor, it ServiceItem, providers []int64) (int64, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	it.Name, it.Subject, it.Description = strings.TrimSpace(it.Name), strings.TrimSpace(it.Subject), strings.TrimSpace(it.Description)
	switch {
	case it.Name == "":
		return 0, app.Invalid("name", "请填写服务项目名称")
	case len(providers) == 0:
		return 0, app.Invalid("providers", "请至少指定一位送教人员")
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var path, region, rpath, kind string
		err := tx.QueryRow(ctx, `SELECT o.path, o.region_code, g.path, o.kind FROM orgs o JOIN regions g ON g.code = o.region_code WHERE o.id = ?`,
			actor.OrgID).Scan(&path, &region, &rpath, &kind)
		if err != nil || (kind != "bureau" && kind != "research_office") {
			return app.Errorf(app.EFORBIDDEN, "只有教育局或教研机构可以发布送教菜单")
		}
		at := s.now().UnixMilli()
		if id, err = tx.InsertID(ctx, `INSERT INTO service_items (region_code, region_path, org_id, org_path, name, subject, description,
			created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, region, rpath, actor.OrgID, path,
			it.Name, it.Subject, it.Description, actor.Username, at, at); err != nil {
			return err
		}
		for _, p := range providers {
			if err := addProvider(ctx, tx, actor, id, p); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "service.create", "service", id, "发布送教项目："+it.Name, nil,
			audit.Snapshot{"项目": it.Name, "学科": it.Subject, "送教人员": fmt.Sprint(len(providers))})
	})
	return id, err
}

func addProvider(ctx context.Context, tx *db.Tx, actor app.Actor, item, person int64) error {
	var path string
	var org int64
	err := tx.QueryRow(ctx, "SELECT o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ? AND p.active = TRUE", person).Scan(&path, &org)
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, path, org, person)) {
		return app.Invalid("providers", "所选送教人员不存在或不在您的管辖范围内")
	}
	if err == nil {
		_, err = tx.Exec(ctx, "INSERT INTO service_providers (item_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING", item, person)
	}
	return err
}

const itemSelect = `SELECT i.id, i.org_id, o.name, i.name, i.subject, i.description FROM service_items i JOIN orgs o ON o.id = i.org_id`

func scanItem(r db.Scanner) (ServiceItem, error) {
	var it ServiceItem
	return it, r.Scan(&it.ID, &it.OrgID, &it.Office, &it.Name, &it.Subject, &it.Description)
}

// itemWhere admits the items of the actor's region and those above it, and
// those of offices in the actor's scope.
func itemWhere(actor app.Actor) (string, []any) {
	own, args := auth.ScopeWhere(actor, "i.org_path", "i.org_id", "")
	anc := ancestors(actor.OrgPath)
	if len(anc) == 0 {
		return own, args
	}
	for _, p := range anc {
		args = append(args, p)
	}
	return "(" + own + " OR i.region_path IN (" + db.In(len(anc)) + "))", args
}

// FindServiceItems lists the active menu items open to the actor.
func (s *Service) FindServiceItems(ctx context.Context, actor app.Actor) ([]ServiceItem, error) {
	where, args := itemWhere(actor)
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]ServiceItem, error) {
		return db.QueryAll(ctx, tx, scanItem, itemSelect+" WHERE i.active = TRUE AND "+where+" ORDER BY i.subject, i.name, i.id", args...)
	})
}

// FindServiceItemByID is one item with its providers and the orders of it
// the actor may see (the office's all, a school its own).
func (s *Service) FindServiceItemByID(ctx context.Context, actor app.Actor, id int64) (ServiceItem, error) {
	where, args := itemWhere(actor)
	it, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (ServiceItem, error) {
		it, err := scanItem(tx.QueryRow(ctx, itemSelect+" WHERE i.id = ? AND "+where, append([]any{id}, args...)...))
		if err != nil {
			return it, err
		}
		if it.Providers, err = providersOf(ctx, tx, id); err != nil {
			return it, err
		}
		ow, oargs := orderWhere(actor)
		it.Orders, err = db.QueryAll(ctx, tx, scanOrder, orderSelect+" WHERE s.item_id = ? AND "+ow+" ORDER BY s.id DESC", append([]any{id}, oargs...)...)
		return it, err
	})
	if db.IsNoRows(err) {
		return it, app.Errorf(app.ENOTFOUND, "找不到该送教项目，或您无权查看")
	}
	return it, err
}

func providersOf(ctx context.Context, tx *db.Tx, item int64) ([]Provider, error) {
	ps, err := db.QueryAll(ctx, tx, func(r db.Scanner) (Provider, error) {
		var p Provider
		return p, r.Scan(&p.PersonID, &p.Name, &p.OrgName)
	}, `SELECT p.id, p.name, o.name FROM service_providers sp JOIN people p ON p.id = sp.person_id JOIN orgs o ON o.id = p.org_id
		WHERE sp.item_id = ? ORDER BY p.name, p.id`, item)
	for i := range ps {
		if err != nil {
			break
		}
		var hs []string
		hs, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) { var n string; return n, r.Scan(&n) },
			"SELECT name FROM person_honours WHERE person_id = ? ORDER BY year, id", ps[i].PersonID)
		ps[i].Honours = strings.Join(hs, "、")
	}
	return ps, err
}
