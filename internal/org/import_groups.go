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
		look, err := s.newGroupLookup(ctx, tx, idx, rows)
		if err != nil {
			return err
		}
		for i, r := range rows {
			if err := s.importGroup(ctx, tx, actor, idx, look, r, opt, res); err != nil {
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

func (s *Service) importGroup(ctx context.Context, tx *db.Tx, actor app.Actor, idx orgIndex, look *groupLookup, r GroupRow,
	opt ImportOptions, res *ImportResult) error {
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
	if g.LeaderID, err = look.person(s, actor, r.Leader, "leader"); err != nil {
		return err
	}
	var members []int64
	for _, m := range r.Members {
		id, err := look.person(s, actor, m, "members")
		if err != nil {
			return err
		}
		members = append(members, id)
	}
	return s.upsertGroup(ctx, tx, actor, look, g, members, opt, res)
}

func (s *Service) upsertGroup(ctx context.Context, tx *db.Tx, actor app.Actor, look *groupLookup, g Group, members []int64,
	opt ImportOptions, res *ImportResult) error {
	key := groupKey{g.OrgID, g.Name}
	id, ok := look.groups[key]
	if !ok {
		res.Created++
		_, err := s.writeGroup(ctx, tx, actor, &g, members, look.refs)
		if err == nil {
			look.groups[key] = g.ID // a later row of the same group compares with this one
		}
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
	_, err = s.writeGroup(ctx, tx, actor, &g, members, look.refs)
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
