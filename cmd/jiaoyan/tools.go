package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
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

func sqlitePath(dsn string) (string, error) {
	p, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok {
		return "", fmt.Errorf("backup/restore 用于 SQLite；PostgreSQL 请使用 pg_dump / pg_restore")
	}
	return p, nil
}

func cmdBackup(ctx context.Context, args []string, stdout io.Writer) error {
	var out string
	cfg, err := parse("backup", args, func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "备份文件") })
	if err != nil {
		return err
	}
	if _, err := sqlitePath(cfg.DB); err != nil {
		return err
	}
	if out == "" {
		return fmt.Errorf("请用 --out 指定备份文件")
	}
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已备份到 %s（数据密钥 jiaoyan.key 需另行备份）\n", out)
	return nil
}

func cmdRestore(ctx context.Context, args []string, stdout io.Writer) error {
	var in string
	var force bool
	cfg, err := parse("restore", args, func(fs *flag.FlagSet) {
		fs.StringVar(&in, "in", "", "备份文件")
		fs.BoolVar(&force, "force", false, "即使服务仍在运行也覆盖")
	})
	if err != nil {
		return err
	}
	target, err := sqlitePath(cfg.DB)
	if err != nil {
		return err
	}
	if in == "" {
		return fmt.Errorf("请用 --in 指定备份文件")
	}
	if err := db.Restore(ctx, in, target, force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已从 %s 恢复到 %s\n", in, target)
	return nil
}

func cmdAudit(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errUsage
	}
	cfg, err := parse("audit verify", args[1:], nil)
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	res, err := audit.Verify(ctx, d)
	if err != nil {
		return err
	}
	if !res.OK {
		return fmt.Errorf("审计日志校验失败：%s（序号 %d）", res.Problem, res.BadSeq)
	}
	fmt.Fprintf(stdout, "审计日志校验通过：%d 条记录，哈希链完整\n", res.Rows)
	return nil
}
