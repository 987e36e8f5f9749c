package auth

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// FindRoles lists every role. Anyone who may manage accounts may read them,
// to choose roles to grant.
func (s *Service) FindRoles(ctx context.Context, actor app.Actor) ([]Role, error) {
	if !actor.Can(PermAccountManage) && !actor.Can(PermRoleManage) {
		return nil, app.Errorf(app.EFORBIDDEN, "您没有查看角色的权限")
	}
	var out []Role
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, code, name, builtin, admin, scope, permissions, version FROM roles ORDER BY id")
		if err != nil {
			return err
		}
		if out, err = scanRoles(rows); err != nil {
			return err
		}
		return loadRoleOrgs(ctx, tx, out)
	})
	return out, err
}

// RoleInput is an edit of a role's name, permissions and scope.
type RoleInput struct {
	Code        string
	Name        string
	Scope       string
	Permissions []app.Perm
	OrgIDs      []int64
	Version     int
}

func (in RoleInput) validate() error {
	if strings.TrimSpace(in.Name) == "" {
		return app.Invalid("name", "请填写角色名称")
	}
	if _, ok := app.ScopeNames[in.Scope]; !ok {
		return app.Invalid("scope", "请选择数据范围")
	}
	if in.Scope == app.ScopeCustom && len(in.OrgIDs) == 0 {
		return app.Invalid("orgs", "自定义数据范围需至少选择一个机构")
	}
	for _, p := range in.Permissions {
		if !KnownPerm(p) {
			return app.Invalid("permissions", "未知权限 %s", p)
		}
	}
	return nil
}

// SaveRole creates (id 0) or updates a role; security administrators only.
// Built-in administrator roles keep their permissions (三员分立 must hold).
// Nobody edits a role they hold, no business role gets a permission reserved
// to the 三员 roles, and nobody adds a permission they may not hand out
// (see mayHandOut). A stale Version is refused with ECONFLICT. Refusals are
// audited too.
func (s *Service) SaveRole(ctx context.Context, actor app.Actor, id int64, in RoleInput) (int64, error) {
	if err := actor.Require(PermRoleManage); err != nil {
		return 0, err
	}
	if err := in.validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if id == 0 {
			err = checkRoleEdit(actor, Role{Scope: in.Scope}, in)
		}
		if err == nil && id == 0 {
			id, err = insertRole(ctx, tx, in)
		} else if err == nil {
			err = updateRole(ctx, tx, actor, id, in)
		}
		if err != nil {
			return err
		}
		if err := saveRoleOrgs(ctx, tx, id, in); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "role.save", ObjectType: "role", ObjectID: fmt.Sprint(id),
			Summary: "保存角色 " + in.Name, After: in})
	})
	if code := app.ErrorCode(err); code == app.EFORBIDDEN {
		s.DB.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, actor, audit.Entry{Action: "role.save_refused", ObjectType: "role", ObjectID: fmt.Sprint(id),
				Summary: "拒绝保存角色 " + in.Name + "：" + app.ErrorMessage(err), After: in})
		})
	}
	return id, err
}

// checkRoleEdit applies the role-editing rules to changing cur into in.
func checkRoleEdit(actor app.Actor, cur Role, in RoleInput) error {
	if cur.Code != "" && actor.HasRole(cur.Code) {
		return app.Errorf(app.EFORBIDDEN, "不能修改自己持有的角色「%s」", cur.Name)
	}
	if scopeRank[in.Scope] > actorRank(actor) || (in.Scope == app.ScopeCustom && !actor.Scope.All) {
		return app.Errorf(app.EFORBIDDEN, "角色的数据范围不能大于您本人的数据范围")
	}
	for _, p := range in.Permissions {
		if slices.Contains(reservedPerms, p) {
			return app.Errorf(app.EFORBIDDEN, "三员分立：权限「%s」只属于三员管理员角色", permName(p))
		}
		if !cur.Has(p) && !mayHandOut(actor, p) {
			return app.Errorf(app.EFORBIDDEN, "不能授予您自己没有的权限「%s」", permName(p))
		}
	}
	return nil
}

func insertRole(ctx context.Context, tx *db.Tx, in RoleInput) (int64, error) {
	if !usernameRE.MatchString(in.Code) {
		return 0, app.Invalid("code", "角色代码应为 3-40 位字母、数字或下划线")
	}
	id, err := tx.InsertID(ctx, "INSERT INTO roles (code, name, scope, permissions) VALUES (?, ?, ?, ?) RETURNING id",
		in.Code, in.Name, in.Scope, JoinPerms(in.Permissions))
	if db.IsUniqueViolation(err) {
		return 0, app.Invalid("code", "角色代码 %s 已存在", in.Code)
	}
	return id, err
}

func updateRole(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, in RoleInput) error {
	rows, err := tx.Query(ctx, "SELECT id, code, name, builtin, admin, scope, permissions, version FROM roles WHERE id = ?", id)
	if err != nil {
		return err
	}
	cur, err := scanRoles(rows)
	if err != nil || len(cur) == 0 {
		return app.Errorf(app.ENOTFOUND, "找不到该角色")
	}
	if cur[0].Admin {
		return app.Errorf(app.EFORBIDDEN, "三员管理员角色的权限固定，不能修改")
	}
	if err := checkRoleEdit(actor, cur[0], in); err != nil {
		return err
	}
	res, err := tx.Exec(ctx, "UPDATE roles SET name = ?, scope = ?, permissions = ?, version = version + 1 WHERE id = ? AND version = ?",
		in.Name, in.Scope, JoinPerms(in.Permissions), id, in.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.Errorf(app.ECONFLICT, "该角色已被他人修改，请刷新后重新编辑")
	}
	return nil
}

func saveRoleOrgs(ctx context.Context, tx *db.Tx, id int64, in RoleInput) error {
	if _, err := tx.Exec(ctx, "DELETE FROM role_orgs WHERE role_id = ?", id); err != nil {
		return err
	}
	if in.Scope != app.ScopeCustom {
		return nil
	}
	for _, o := range in.OrgIDs {
		if _, err := tx.Exec(ctx, "INSERT INTO role_orgs (role_id, org_id) VALUES (?, ?)", id, o); err != nil {
			return app.Invalid("orgs", "机构 %d 不存在", o)
		}
	}
	return nil
}
