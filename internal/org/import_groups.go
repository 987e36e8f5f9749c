package org

import (
	"context"
	"reflect"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// GroupRow is one imported 教研组: the school (学校标识码 or name), the
// leader's and members' 身份证号, and the group.
type GroupRow struct {
	Row     int
	School  string
	Leader  string
	Members []string
	Group   Group
}

// ImportGroups registers or updates teaching groups in one transaction;
// school + group name is the natural key. Leaders and members are named by
// 身份证号 and must be people the actor can see.
func (s *Service) ImportGroups(ctx context.Context, actor app.Actor, rows []GroupRow, opt ImportOptions) (ImportResult, error) {
	if err := actor.Require(auth.PermGroupEdit); err != nil {
		return ImportResult{}, err
	}
	return s.runImport(ctx, actor, "group", "教研组", opt, func(tx *db.Tx, res *ImportResult, errs *RowErrors) error {
		idx, err := s.orgIndex(ctx, tx, actor)
		if err != nil {
			return err
		}
		for i, r := range rows {
			if err := s.importGroup(ctx, tx, actor, idx, r, opt, res); err != nil {
				if app.ErrorCode(err) != app.EINVALID {
					return err
				}
				*errs = append(*errs, rowError(r.Row, err))
			}
			progress(opt, i+1, len(rows))
		}
		return nil
	})
}

func (s *Service) importGroup(ctx context.Context, tx *db.Tx, actor app.Actor, idx orgIndex, r GroupRow, opt ImportOptions, res *ImportResult) error {
	g := r.Group
	o, ok := idx[r.School]
	if !ok || o.ID == -1 || !o.IsSchool() {
		return app.Invalid("school", "学校「%s」不存在、不唯一或不在您的管辖范围内", r.School)
	}
	g.OrgID, g.OrgName = o.ID, o.Name
	if err := g.Validate(); err != nil {
		return err
	}
	var err error
	if g.LeaderID, err = s.personByIDNumber(ctx, tx, actor, r.Leader, "leader"); err != nil {
		return err
	}
	var members []int64
	for _, m := range r.Members {
		id, err := s.personByIDNumber(ctx, tx, actor, m, "members")
		if err != nil {
			return err
		}
		members = append(members, id)
	}
	return s.upsertGroup(ctx, tx, actor, g, members, opt, res)
}

func (s *Service) personByIDNumber(ctx context.Context, tx *db.Tx, actor app.Actor, idNumber, field string) (int64, error) {
	if idNumber == "" {
		return 0, nil
	}
	// One read finds the person and the organisation its scope is checked
	// against (a round trip per member of every imported group).
	var id, orgID int64
	var path string
	err := tx.QueryRow(ctx, `SELECT p.id, o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id
		WHERE p.id_hash = ? AND p.active = TRUE`, s.Keys.Lookup(NormalizeIDNumber(idNumber))).Scan(&id, &path, &orgID)
	if err == nil && !auth.InScope(actor, path, orgID, id) {
		err = notFound("人员")
	}
	if err != nil {
		return 0, app.Invalid(field, "身份证号 %s 的人员不存在或不在您的管辖范围内", maskedID(NormalizeIDNumber(idNumber)))
	}
	return id, nil
}

func (s *Service) upsertGroup(ctx context.Context, tx *db.Tx, actor app.Actor, g Group, members []int64, opt ImportOptions, res *ImportResult) error {
	var id int64
	err := tx.QueryRow(ctx, "SELECT id FROM teaching_groups WHERE org_id = ? AND name = ?", g.OrgID, g.Name).Scan(&id)
	if db.IsNoRows(err) {
		res.Created++
		_, err := s.writeGroup(ctx, tx, actor, &g, members)
		return err
	}
	if err != nil {
		return err
	}
	old, err := loadGroupInScope(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	if sameGroup(old, g, members) {
		res.Unchanged++
		return nil
	}
	if !opt.Update {
		return app.Invalid("name", "本校已有「%s」，且内容不同；如需更新请勾选“更新已有记录”", g.Name)
	}
	g.ID, g.Version = id, old.Version
	res.Updated++
	_, err = s.writeGroup(ctx, tx, actor, &g, members)
	return err
}

func sameGroup(old, g Group, members []int64) bool {
	ids := old.MemberIDs()
	if len(ids) == 0 {
		ids = nil
	}
	if len(members) == 0 {
		members = nil
	}
	return old.Kind == g.Kind && old.Subject == g.Subject && old.Stage == g.Stage && old.LeaderID == g.LeaderID &&
		old.FiledOn == g.FiledOn && old.Note == g.Note && reflect.DeepEqual(ids, members)
}
