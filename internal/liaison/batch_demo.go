package liaison

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Tx variants for writing a county's link follow-up in one transaction
// (the demo): each does inside the caller's transaction tx exactly what
// its public method does in its own: the same checks, rows, to-dos and
// audit entry.

// SaveLinkTextsTx is SaveLinkTexts inside the caller's transaction tx.
func (s *Service) SaveLinkTextsTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, version int, survey, improvement string) error {
	old, err := writableLink(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE liaison_links SET survey = ?, improvement = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE id = ? AND version = ?`, trimName(survey), trimName(improvement), s.now().UnixMilli(), actor.Username, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return audit.Stale(ctx, tx, "link", id, version)
	}
	k := old
	k.Survey, k.Improvement, k.Version = trimName(survey), trimName(improvement), old.Version+1
	if err := s.linkTextTodos(ctx, tx, k); err != nil {
		return err
	}
	return record(ctx, tx, actor, "link.update", "link", id, "填写联系学校调研报告与提升方案："+k.SchoolName, old.snapshot(), k.snapshot())
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
