package auth

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// CreateAdmin creates an administrator account from the command line with
// one of the 三员 roles. The password must pass the rule and must be changed
// at first sign-in, so no installation password survives.
func (s *Service) CreateAdmin(ctx context.Context, username, password, roleCode string) (int64, error) {
	if err := ValidateUsername(username); err != nil {
		return 0, err
	}
	if err := s.Policy.Rule.Check(username, password); err != nil {
		return 0, err
	}
	if roleCode != RoleSysAdmin && roleCode != RoleSecAdmin && roleCode != RoleAuditor {
		return 0, app.Invalid("role", "命令行只能创建系统管理员、安全管理员或审计管理员")
	}
	actor := app.System("命令行")
	hash := s.Hasher.Hash(password) // outside the transaction: argon2id takes ~0.3 s
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		id, err = s.insertUser(ctx, tx, username, hash, nil)
		if err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, id, []string{roleCode}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.create", ObjectType: "user",
			ObjectID: fmt.Sprint(id), Summary: "命令行创建管理员账号 " + username, After: map[string]any{"roles": roleCode}})
	})
	return id, err
}

// insertUser adds an account with an already computed password hash, so
// the slow hashing never holds the (SQLite: only) write connection.
func (s *Service) insertUser(ctx context.Context, tx *db.Tx, username, hash string, personID *int64) (int64, error) {
	now := s.now().UnixMilli()
	id, err := tx.InsertID(ctx, `INSERT INTO users (username, person_id, password_hash, password_changed_at, must_change, created_at)
		VALUES (?, ?, ?, ?, TRUE, ?) RETURNING id`, username, personID, hash, now, now)
	if db.IsUniqueViolation(err) {
		return 0, app.Invalid("username", "用户名 %s 已被使用，或该人员已有账号", username)
	}
	if err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)", id, hash, now)
	return id, err
}

func setUserRoles(ctx context.Context, tx *db.Tx, userID int64, codes []string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM user_roles WHERE user_id = ?", userID); err != nil {
		return err
	}
	for _, c := range codes {
		res, err := tx.Exec(ctx, "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?", userID, c)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return app.Invalid("roles", "角色 %s 不存在", c)
		}
	}
	return nil
}

// CreateAccount opens an account for a person in the actor's scope.
func (s *Service) CreateAccount(ctx context.Context, actor app.Actor, in AccountInput) (int64, error) {
	if err := actor.Require(PermAccountManage); err != nil {
		return 0, err
	}
	if err := ValidateUsername(in.Username); err != nil {
		return 0, err
	}
	if err := s.Policy.Rule.Check(in.Username, in.Password); err != nil {
		return 0, err
	}
	hash := s.Hasher.Hash(in.Password)
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		name, err := personInScope(ctx, tx, actor, in.PersonID)
		if err != nil {
			return err
		}
		if err := s.checkGrant(ctx, tx, actor, in.Roles); err != nil {
			return err
		}
		if id, err = s.insertUser(ctx, tx, in.Username, hash, &in.PersonID); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, id, in.Roles); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.create", ObjectType: "user", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("为 %s 开通账号 %s", name, in.Username), After: map[string]any{"roles": in.Roles}})
	})
	return id, err
}

func personInScope(ctx context.Context, tx *db.Tx, actor app.Actor, personID int64) (string, error) {
	var name, path string
	var orgID int64
	err := tx.QueryRow(ctx, "SELECT p.name, o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?",
		personID).Scan(&name, &path, &orgID)
	if db.IsNoRows(err) || (err == nil && !InScope(actor, path, orgID, personID)) {
		return "", app.Errorf(app.ENOTFOUND, "找不到该人员")
	}
	return name, err
}

// checkGrant enforces who may grant which roles: a security administrator
// (PermRoleManage) any role; anyone else with PermAccountManage only
// non-administrator roles of subtree/org/self scope whose permissions they
// hold themselves, so nobody can hand out more than they have.
func (s *Service) checkGrant(ctx context.Context, tx *db.Tx, actor app.Actor, codes []string) error {
	if len(codes) == 0 {
		return app.Invalid("roles", "请至少选择一个角色")
	}
	if actor.Can(PermRoleManage) {
		return nil
	}
	rows, err := tx.Query(ctx, "SELECT id, code, name, builtin, admin, scope, permissions, version FROM roles WHERE code IN ("+
		db.In(len(codes))+")", toAny(codes)...)
	if err != nil {
		return err
	}
	roles, err := scanRoles(rows)
	if err != nil {
		return err
	}
	if len(roles) != len(codes) {
		return app.Invalid("roles", "所选角色不存在")
	}
	for _, r := range roles {
		if r.Admin || r.Scope == app.ScopeAll || r.Scope == app.ScopeCustom {
			return app.Errorf(app.EFORBIDDEN, "角色「%s」只能由安全管理员授予", r.Name)
		}
		for _, p := range r.Permissions {
			if !actor.Can(p) {
				return app.Errorf(app.EFORBIDDEN, "角色「%s」包含您自己没有的权限，只能由安全管理员授予", r.Name)
			}
		}
	}
	return nil
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// SetRoles replaces a user's roles, with the same grant rules as CreateAccount.
func (s *Service) SetRoles(ctx context.Context, actor app.Actor, userID int64, codes []string) error {
	if err := actor.Require(PermAccountManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		u, err := s.userInScope(ctx, tx, actor, userID)
		if err != nil {
			return err
		}
		if err := s.checkGrant(ctx, tx, actor, codes); err != nil {
			return err
		}
		if err := s.checkRevoke(actor, u); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, userID, codes); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.roles", ObjectType: "user", ObjectID: fmt.Sprint(userID),
			Summary: "修改账号 " + u.Username + " 的角色", Before: u.RoleNames(), After: strings.Join(codes, ",")})
	})
}

// checkRevoke keeps business administrators from touching accounts that
// hold administrator roles.
func (s *Service) checkRevoke(actor app.Actor, u User) error {
	if actor.Can(PermRoleManage) {
		return nil
	}
	for _, r := range u.Roles {
		if r.Admin {
			return app.Errorf(app.EFORBIDDEN, "该账号持有管理员角色，只能由安全管理员修改")
		}
	}
	return nil
}
