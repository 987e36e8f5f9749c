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
		if err := refuseExistingAccount(ctx, tx, username); err != nil {
			return err
		}
		roles, err := rolesByCode(ctx, tx, []string{roleCode})
		if err != nil {
			return err
		}
		if id, err = s.insertUser(ctx, tx, username, hash, nil); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, id, roles); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.create", ObjectType: "user",
			ObjectID: fmt.Sprint(id), Summary: "命令行创建管理员账号 " + username, After: map[string]any{"roles": roleCode}})
	})
	return id, err
}

// refuseExistingAccount keeps the command line from putting a 三员 role on
// an account that exists (and may hold business roles).
func refuseExistingAccount(ctx context.Context, tx *db.Tx, username string) error {
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM users WHERE username = ?", username)
	if err == nil && n > 0 {
		return app.Invalid("username", "账号 %s 已存在；三员管理员须使用单独的新账号，不能与业务角色兼任", username)
	}
	return err
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

// setUserRoles replaces a user's roles after checking 三员分立 on the new
// set: every write path that gives an account roles goes through here.
func setUserRoles(ctx context.Context, tx *db.Tx, userID int64, roles []Role) error {
	if err := checkExclusive(roles); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM user_roles WHERE user_id = ?", userID); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := tx.Exec(ctx, "INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", userID, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// rolesByCode loads the roles named by codes (duplicates ignored), or
// EINVALID when one does not exist or none is given.
func rolesByCode(ctx context.Context, tx *db.Tx, codes []string) ([]Role, error) {
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	if len(codes) == 0 {
		return nil, app.Invalid("roles", "请至少选择一个角色")
	}
	rows, err := tx.Query(ctx, "SELECT id, code, name, builtin, admin, scope, permissions, version FROM roles WHERE code IN ("+
		db.In(len(codes))+") ORDER BY id", toAny(codes)...)
	if err != nil {
		return nil, err
	}
	roles, err := scanRoles(rows)
	if err != nil {
		return nil, err
	}
	if len(roles) != len(codes) {
		return nil, app.Invalid("roles", "所选角色不存在")
	}
	return roles, loadRoleOrgs(ctx, tx, roles)
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
		roles, err := rolesByCode(ctx, tx, in.Roles)
		if err != nil {
			return err
		}
		if err := checkGrant(actor, 0, nil, roles); err != nil {
			return err
		}
		if id, err = s.insertUser(ctx, tx, in.Username, hash, &in.PersonID); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, id, roles); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.create", ObjectType: "user", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("为 %s 开通账号 %s，角色 %s", name, in.Username, User{Roles: roles}.RoleNames()),
			After:   map[string]any{"roles": in.Roles}})
	})
	if err != nil && app.ErrorCode(err) == app.EFORBIDDEN {
		s.auditRefusal(ctx, actor, "user.create_refused", 0, "拒绝开通账号 "+in.Username+"："+app.ErrorMessage(err), in.Roles)
	}
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

// checkGrant enforces who may grant which roles to the account of person
// (0: a new account): see grantRefusal, for every role added or removed.
// The machine itself (command line, demo: an actor without a user) grants
// any business role. Nobody changes their own roles.
func checkGrant(actor app.Actor, targetID int64, cur, next []Role) error {
	if targetID != 0 && targetID == actor.UserID {
		return app.Errorf(app.EFORBIDDEN, "不能修改自己的角色")
	}
	added, removed := roleDelta(cur, next)
	if actor.UserID == 0 {
		for _, r := range added {
			if r.Admin {
				return app.Errorf(app.EFORBIDDEN, "三员管理员账号只能用命令行 jiaoyan admin create 创建")
			}
		}
		return nil
	}
	for _, r := range added {
		if err := grantRefusal(actor, r, true); err != nil {
			return err
		}
	}
	for _, r := range removed {
		if err := grantRefusal(actor, r, false); err != nil {
			return err
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

// SetRoles replaces a user's roles. The account must be in the actor's
// scope and not the actor's own; every role added or removed must be one the
// grant table lets the actor grant, no wider in scope than the actor's, and
// the new set must respect 三员分立. A refused change leaves the roles as
// they were and is audited as well as an accepted one.
func (s *Service) SetRoles(ctx context.Context, actor app.Actor, userID int64, codes []string) error {
	username, err := s.setRoles(ctx, actor, userID, codes)
	if err != nil && app.ErrorCode(err) != app.EINTERNAL {
		s.auditRefusal(ctx, actor, "user.roles_refused", userID, fmt.Sprintf("拒绝修改账号 %s（#%d）的角色：%s",
			username, userID, app.ErrorMessage(err)), codes)
	}
	return err
}

func (s *Service) setRoles(ctx context.Context, actor app.Actor, userID int64, codes []string) (string, error) {
	if err := actor.Require(PermAccountManage); err != nil {
		return "", err
	}
	var u User
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if u, err = s.userInScope(ctx, tx, actor, userID); err != nil {
			return err
		}
		next, err := rolesByCode(ctx, tx, codes)
		if err != nil {
			return err
		}
		if err := checkGrant(actor, userID, u.Roles, next); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, userID, next); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "user.roles", ObjectType: "user", ObjectID: fmt.Sprint(userID),
			Summary: "修改账号 " + u.Username + " 的角色为 " + User{Roles: next}.RoleNames(), Before: u.RoleNames(), After: strings.Join(codes, ",")})
	})
	return u.Username, err
}

// auditRefusal records a refused grant in a transaction of its own (the
// refused one rolled back).
func (s *Service) auditRefusal(ctx context.Context, actor app.Actor, action string, id int64, summary string, asked any) {
	s.DB.Write(ctx, func(tx *db.Tx) error {
		return audit.Record(ctx, tx, actor, audit.Entry{Action: action, ObjectType: "user", ObjectID: fmt.Sprint(id),
			Summary: summary, After: asked})
	})
}

// checkManage keeps an administrator to accounts whose every role it could
// grant: a county administrator cannot reset the password of a peer, and
// nobody but the command line touches a 三员 account. Nobody manages their
// own account through these actions.
func checkManage(actor app.Actor, u User) error {
	if u.ID == actor.UserID {
		return app.Errorf(app.EFORBIDDEN, "不能对自己的账号执行此操作")
	}
	if actor.UserID == 0 {
		return nil
	}
	for _, r := range u.Roles {
		if grantRefusal(actor, r, false) != nil {
			return app.Errorf(app.EFORBIDDEN, "该账号持有角色「%s」，您无权管理", r.Name)
		}
	}
	return nil
}
