package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"jiaoyan/internal/auth"
)

var adminRoles = map[string]string{"sysadmin": auth.RoleSysAdmin, "secadmin": auth.RoleSecAdmin, "auditor": auth.RoleAuditor,
	"系统管理员": auth.RoleSysAdmin, "安全管理员": auth.RoleSecAdmin, "审计管理员": auth.RoleAuditor}

// cmdAdmin is `jiaoyan admin create|reset`: the 三员 accounts are made and
// recovered on the server's command line only.
func cmdAdmin(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "create":
		return cmdAdminCreate(ctx, args[1:], stdout)
	case "reset":
		return cmdAdminReset(ctx, args[1:], stdout)
	}
	return errUsage
}

func cmdAdminCreate(ctx context.Context, args []string, stdout io.Writer) error {
	var username, password, role string
	cfg, err := parse("admin create", args, func(fs *flag.FlagSet) {
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

// cmdAdminReset recovers an account that no web role may touch (a 三员
// account locked out, its password or phone lost): a new password changed
// at next sign-in, an unlock, a second factor removed. It is audited as a
// command-line action and says in Chinese what it did.
func cmdAdminReset(ctx context.Context, args []string, stdout io.Writer) error {
	var username string
	var r auth.Recovery
	cfg, err := parse("admin reset", args, func(fs *flag.FlagSet) {
		fs.StringVar(&username, "username", "", "要恢复的账号")
		fs.StringVar(&r.Password, "password", "", "新密码（下次登录须修改）")
		fs.BoolVar(&r.Unlock, "unlock", false, "解除登录失败锁定")
		fs.BoolVar(&r.TOTP, "totp", false, "重置双因素认证（下次登录重新绑定）")
	})
	if err != nil {
		return err
	}
	if username == "" || (r.Password == "" && !r.Unlock && !r.TOTP) {
		return fmt.Errorf("请提供 --username，并至少指定 --password P、--unlock 或 --totp 之一")
	}
	svc, err := open(ctx, cfg, false, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	done, err := svc.auth.Recover(ctx, username, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "账号 %s：\n", username)
	for _, d := range done {
		fmt.Fprintf(stdout, "  · %s\n", d)
	}
	fmt.Fprintln(stdout, "已记入审计日志（命令行操作）。")
	return nil
}
