package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"

	"jiaoyan/internal/auth"
)

var urlParse = url.Parse

func cmdMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, err := parse("migrate", args, nil)
	if err != nil {
		return err
	}
	svc, err := open(ctx, cfg, true, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	v, err := svc.db.SchemaVersion(ctx)
	fmt.Fprintf(stdout, "数据库结构已是最新版本 %d\n", v)
	return err
}

var adminRoles = map[string]string{"sysadmin": auth.RoleSysAdmin, "secadmin": auth.RoleSecAdmin, "auditor": auth.RoleAuditor,
	"系统管理员": auth.RoleSysAdmin, "安全管理员": auth.RoleSecAdmin, "审计管理员": auth.RoleAuditor}

func cmdAdmin(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errUsage
	}
	var username, password, role string
	cfg, err := parse("admin create", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&username, "username", "", "用户名")
		fs.StringVar(&password, "password", "", "初始密码（首次登录须修改）")
		fs.StringVar(&role, "role", "sysadmin", "sysadmin、secadmin 或 auditor")
	})
	if err != nil {
		return err
	}
	code, ok := adminRoles[role]
	if !ok || username == "" || password == "" {
		return fmt.Errorf("请提供 --username、--password，--role 为 sysadmin、secadmin 或 auditor")
	}
	svc, err := open(ctx, cfg, true, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	if _, err := svc.auth.CreateAdmin(ctx, username, password, code); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已创建管理员账号 %s。首次登录须修改密码并绑定双因素认证。\n", username)
	return nil
}
