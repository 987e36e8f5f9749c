package liaison

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// GuidancePlan is a 跟进式指导 plan for a named teacher of a linked school,
// with dated follow-up entries.
type GuidancePlan struct {
	ID          int64
	LinkID      int64
	TeacherID   int64
	TeacherName string
	Goal        string
	Followups   []Followup
}

// Followup is one dated 跟进 entry of a guidance plan.
type Followup struct {
	ID   int64
	Date string
	Note string
	By   string
}

// Exchange is a term's 工作交流 record of a link.
type Exchange struct {
	ID   int64
	Term dict.Term
	Date string
	Note string
	By   string
}

// AddGuidancePlan starts a 跟进式指导 plan for a teacher of the link's school.
func (s *Service) AddGuidancePlan(ctx context.Context, actor app.Actor, linkID, teacherID int64, goal string) (id int64, err error) {
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		id, err = s.AddGuidancePlanTx(ctx, tx, actor, linkID, teacherID, goal)
		return err
	})
	return id, err
}

// AddGuidancePlanTx is AddGuidancePlan inside the caller's transaction tx.
func (s *Service) AddGuidancePlanTx(ctx context.Context, tx *db.Tx, actor app.Actor, linkID, teacherID int64, goal string) (int64, error) {
	if trimName(goal) == "" {
		return 0, app.Invalid("goal", "请填写指导目标")
	}
	k, err := writableLink(ctx, tx, actor, linkID)
	if err != nil {
		return 0, err
	}
	var name string
	if err := tx.QueryRow(ctx, "SELECT name FROM people WHERE id = ? AND org_id = ?", teacherID, k.SchoolID).Scan(&name); err != nil {
		return 0, app.Invalid("teacher_id", "请选择%s的教师", k.SchoolName)
	}
	id, err := tx.InsertID(ctx, "INSERT INTO guidance_plans (link_id, teacher_id, goal, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
		linkID, teacherID, trimName(goal), actor.Username, s.now().UnixMilli())
	if err != nil {
		return 0, err
	}
	return id, record(ctx, tx, actor, "guidance.create", "link", linkID, "制定跟进式指导计划："+name+"，"+k.SchoolName, nil, nil)
}

// AddFollowup records a dated follow-up on a guidance plan.
func (s *Service) AddFollowup(ctx context.Context, actor app.Actor, planID int64, date, note string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.AddFollowupTx(ctx, tx, actor, planID, date, note) })
}

// AddFollowupTx is AddFollowup inside the caller's transaction tx.
func (s *Service) AddFollowupTx(ctx context.Context, tx *db.Tx, actor app.Actor, planID int64, date, note string) error {
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return app.Invalid("on_date", "请填写日期，如 2025-10-15")
	}
	if trimName(note) == "" {
		return app.Invalid("note", "请填写跟进情况")
	}
	var linkID int64
	if err := tx.QueryRow(ctx, "SELECT link_id FROM guidance_plans WHERE id = ?", planID).Scan(&linkID); err != nil {
		return notFound("指导计划")
	}
	k, err := writableLink(ctx, tx, actor, linkID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO guidance_followups (plan_id, on_date, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
		planID, date, trimName(note), actor.Username, s.now().UnixMilli()); err != nil {
		return err
	}
	return record(ctx, tx, actor, "guidance.followup", "link", linkID, "记录跟进指导："+k.SchoolName+" "+date, nil, nil)
}

// AddExchange records the term's 工作交流 of a link; the 学期 comes from the date.
func (s *Service) AddExchange(ctx context.Context, actor app.Actor, linkID int64, date, note string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.AddExchangeTx(ctx, tx, actor, linkID, date, note) })
}

// AddExchangeTx is AddExchange inside the caller's transaction tx.
func (s *Service) AddExchangeTx(ctx context.Context, tx *db.Tx, actor app.Actor, linkID int64, date, note string) error {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return app.Invalid("on_date", "请填写日期，如 2025-12-20")
	}
	if trimName(note) == "" {
		return app.Invalid("note", "请填写交流内容")
	}
	k, err := writableLink(ctx, tx, actor, linkID)
	if err != nil {
		return err
	}
	t := s.termOf(ctx, k.RegionCode, d)
	if _, err := tx.Exec(ctx, `INSERT INTO liaison_exchanges (link_id, school_year, half, on_date, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, linkID, t.Year, int(t.Half), date, trimName(note), actor.Username, s.now().UnixMilli()); err != nil {
		return err
	}
	return record(ctx, tx, actor, "exchange.create", "link", linkID, "记录工作交流："+k.SchoolName+" "+t.String(), nil, nil)
}

// FindGuidance returns a visible link's guidance plans with follow-ups and
// its exchange records.
func (s *Service) FindGuidance(ctx context.Context, actor app.Actor, linkID int64) ([]GuidancePlan, []Exchange, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, nil, err
	}
	var plans []GuidancePlan
	var ex []Exchange
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadLink(ctx, tx, actor, linkID); err != nil {
			return err
		}
		var err error
		if plans, err = loadPlans(ctx, tx, linkID); err != nil {
			return err
		}
		ex, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Exchange, error) {
			var e Exchange
			var half int
			err := r.Scan(&e.ID, &e.Term.Year, &half, &e.Date, &e.Note, &e.By)
			e.Term.Half = dict.Half(half)
			return e, err
		}, "SELECT id, school_year, half, on_date, note, created_by FROM liaison_exchanges WHERE link_id = ? ORDER BY on_date, id", linkID)
		return err
	})
	return plans, ex, err
}

func loadPlans(ctx context.Context, tx *db.Tx, linkID int64) ([]GuidancePlan, error) {
	plans, err := db.QueryAll(ctx, tx, func(r db.Scanner) (GuidancePlan, error) {
		var g GuidancePlan
		err := r.Scan(&g.ID, &g.LinkID, &g.TeacherID, &g.TeacherName, &g.Goal)
		return g, err
	}, `SELECT g.id, g.link_id, g.teacher_id, p.name, g.goal FROM guidance_plans g JOIN people p ON p.id = g.teacher_id
		WHERE g.link_id = ? ORDER BY g.id`, linkID)
	for i := range plans {
		if err != nil {
			break
		}
		plans[i].Followups, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Followup, error) {
			var f Followup
			err := r.Scan(&f.ID, &f.Date, &f.Note, &f.By)
			return f, err
		}, "SELECT id, on_date, note, created_by FROM guidance_followups WHERE plan_id = ? ORDER BY on_date, id", plans[i].ID)
	}
	return plans, err
}
