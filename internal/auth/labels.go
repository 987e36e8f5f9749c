package auth

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
)

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterActions(map[string]string{
		"auth.login": "登录", "auth.logout": "退出", "auth.login_failed": "登录失败", "auth.totp": "双因素认证",
		"auth.totp_failed": "双因素认证失败", "user.change_password": "修改本人密码", "user.totp_begin": "开始绑定双因素认证",
		"user.create": "开通账号", "user.create_refused": "拒绝开通账号", "user.roles": "授予角色",
		"user.roles_refused": "拒绝授予角色", "user.reset_password": "重置密码", "user.unlock": "解锁账号",
		"user.active": "启用或停用账号", "user.reset_totp": "重置双因素认证", "user.recover": "命令行恢复管理员账号",
		"role.save": "保存角色", "role.save_refused": "拒绝保存角色", "role.revoke_default": "升级收回内置角色的默认权限",
	})
	audit.RegisterObjects(map[string]string{"user": "账号", "role": "角色"})
	audit.RegisterFields("user", map[string]string{"": "角色", "roles": "角色"})
	audit.RegisterFields("role", map[string]string{"Code": "角色代码", "Name": "名称", "Scope": "数据范围",
		"Permissions": "权限", "OrgIDs": "自定义范围机构", "Version": audit.VersionKey})
	roles := map[string]string{}
	for _, r := range builtinRoles {
		roles[r.Code] = r.Name
	}
	audit.RegisterValues("角色", roles)
	audit.RegisterValues("数据范围", app.ScopeNames)
	perms := map[string]string{}
	for _, d := range PermNames {
		perms[string(d.Code)] = d.Name
	}
	audit.RegisterValues("权限", perms)
}
