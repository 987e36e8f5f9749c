package auth

import (
	"context"
	"fmt"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// retiredDefaults are permissions that built-in roles held by default in an
// earlier release and no longer do. 查看完整身份证号与手机号 was held by the
// city, county and school administrators; now only a role a security
// administrator grants it to holds it (PIPL §28/§51, DESIGN §6).
var retiredDefaults = []app.Perm{PermPersonSensitive}

// upgrader is who the audit log names for a revocation at start-up.
var upgrader = app.System("系统升级")

// revokeRetiredDefaults takes each retired permission back, once, from the
// built-in role r if that role got it by default, with one audit row. role_defaults tells:
// a row (code, permission) means the release handed the permission out. The
// row is deleted with the revocation, so a later start leaves the role
// alone, and a security administrator's grant after the upgrade stays. A
// grant made before the upgrade cannot be told from the default and is
// revoked too; the security administrator grants it again.
func revokeRetiredDefaults(ctx context.Context, tx *db.Tx, r Role) error {
	for _, p := range retiredDefaults {
		res, err := tx.Exec(ctx, "DELETE FROM role_defaults WHERE role_code = ? AND permission = ?", r.Code, p)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		if err := removeRolePerm(ctx, tx, r, p); err != nil {
			return err
		}
	}
	return nil
}

// removeRolePerm drops p from the stored permissions of role r, if held.
func removeRolePerm(ctx context.Context, tx *db.Tx, r Role, p app.Perm) error {
	var id int64
	var perms string
	if err := tx.QueryRow(ctx, "SELECT id, permissions FROM roles WHERE code = ?", r.Code).Scan(&id, &perms); err != nil {
		return err
	}
	have := SplitPerms(perms)
	if !slices.Contains(have, p) {
		return nil
	}
	have = slices.DeleteFunc(have, func(q app.Perm) bool { return q == p })
	if _, err := tx.Exec(ctx, "UPDATE roles SET permissions = ?, version = version + 1 WHERE id = ?", JoinPerms(have), id); err != nil {
		return err
	}
	return audit.Record(ctx, tx, upgrader, audit.Entry{Action: "role.revoke_default", ObjectType: "role", ObjectID: fmt.Sprint(id),
		Summary: fmt.Sprintf("升级收回内置角色「%s」的默认权限「%s」", r.Name, permName(p))})
}
