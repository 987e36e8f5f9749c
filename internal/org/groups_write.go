package org

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// SaveGroup registers (id 0) or updates a teaching group with its members.
// The school, leader and members must all be inside the actor's scope. It
// returns the group's id.
func (s *Service) SaveGroup(ctx context.Context, actor app.Actor, g Group, memberIDs []int64) (int64, error) {
	if err := actor.Require(auth.PermGroupEdit); err != nil {
		return 0, err
	}
	g.Name, g.Note = strings.TrimSpace(g.Name), strings.TrimSpace(g.Note)
	if err := g.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		o, err := loadOrgInScope(ctx, tx, actor, g.OrgID)
		if err != nil || !o.IsSchool() {
			return app.Invalid("org_id", "所属学校不存在或不在您的管辖范围内")
		}
		g.OrgName = o.Name
		if g.LeaderID != 0 {
			l, err := personRef(ctx, tx, actor, g.LeaderID)
			if err != nil {
				return app.Invalid("leader_id", "组长不存在或不在您的管辖范围内")
			}
			g.LeaderName = l.Name
		}
		old, err := s.writeGroup(ctx, tx, actor, &g, memberIDs, nil)
		if err != nil {
			return err
		}
		return s.recordGroup(ctx, tx, actor, old, g)
	})
	return g.ID, failed(err, "save group %q", g.Name)
}

// writeGroup inserts or updates g and its members, and returns the group as
// it was before (zero for a new one). It writes no audit row.
func (s *Service) writeGroup(ctx context.Context, tx *db.Tx, actor app.Actor, g *Group, memberIDs []int64,
	refs map[int64]Member) (Group, error) {
	now := s.now()
	fresh := g.ID == 0
	var old Group
	var err error
	if g.ID == 0 {
		g.ID, err = tx.InsertID(ctx, `INSERT INTO teaching_groups (org_id, name, kind, subject, stage, leader_id, filed_on, note,
			created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			g.OrgID, g.Name, g.Kind, g.Subject, g.Stage, nullable(g.LeaderID), g.FiledOn, g.Note, now, now, actor.Username)
	} else {
		if old, err = loadGroupInScope(ctx, tx, actor, g.ID); err != nil {
			return old, err
		}
		err = updateGroupRow(ctx, tx, actor, *g, now)
	}
	if db.IsUniqueViolation(err) {
		return old, app.Invalid("name", "本校已有名为「%s」的教研组", g.Name)
	}
	if err != nil {
		return old, err
	}
	g.Members, err = saveMembers(ctx, tx, actor, "group_members", "group_id", g.ID, memberIDs, refs, fresh)
	g.Active, g.Version = true, old.Version+1
	return old, err
}

func updateGroupRow(ctx context.Context, tx *db.Tx, actor app.Actor, g Group, now int64) error {
	res, err := tx.Exec(ctx, `UPDATE teaching_groups SET org_id = ?, name = ?, kind = ?, subject = ?, stage = ?, leader_id = ?,
		filed_on = ?, note = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		g.OrgID, g.Name, g.Kind, g.Subject, g.Stage, nullable(g.LeaderID), g.FiledOn, g.Note, now, actor.Username, g.ID, g.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return audit.Stale(ctx, tx, "group", g.ID, g.Version)
	}
	return nil
}

// recordGroup writes the audit row of one saved group (imports record the
// batch instead).
func (s *Service) recordGroup(ctx context.Context, tx *db.Tx, actor app.Actor, old, g Group) error {
	if old.ID == 0 {
		return record(ctx, tx, actor, "group.create", "group", g.ID, "报备教研组 "+g.Name+"（"+g.OrgName+"）", nil, g.snapshot())
	}
	return record(ctx, tx, actor, "group.update", "group", g.ID, "修改教研组 "+g.Name, old.snapshot(), g.snapshot())
}
