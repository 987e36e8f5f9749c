package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

func sqlitePath(dsn string) (string, error) {
	p, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok {
		return "", fmt.Errorf("backup/restore 用于 SQLite；PostgreSQL 请使用 pg_dump / pg_restore")
	}
	return p, nil
}

// cmdBackup copies the live SQLite database to --out and writes the audit
// checkpoints that cover it beside the copy (see backupCheckpoints).
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
	cps, cpErr := backupCheckpoints(ctx, cfg, d, stdout)
	if err := d.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已备份到 %s（数据密钥 jiaoyan.key 需另行备份）\n", out)
	if cpErr == nil && len(cps) > 0 {
		cpErr = writeCheckpoints(out+checkpointSuffix, cps)
	}
	if cpErr != nil {
		fmt.Fprintf(stdout, "警告：未能写入审计检查点：%v\n", cpErr)
	}
	if cpErr != nil || len(cps) == 0 {
		return nil
	}
	fmt.Fprintf(stdout, "审计检查点已写入 %s（%d 个）\n", out+checkpointSuffix, len(cps))
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
	return restoreCheckpoints(in+checkpointSuffix, checkpointFile(cfg), stdout)
}

// restoreCheckpoints puts the backup's checkpoints in place of the live
// file, which is kept aside: its checkpoints past the backup name the rows
// the restore gave up, and would otherwise fail every later verify.
func restoreCheckpoints(from, live string, stdout io.Writer) error {
	cps, err := audit.ReadCheckpoints(from)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdout, "提示：备份旁没有审计检查点文件 %s\n", from)
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(live); err == nil {
		keep := live + ".before-restore-" + time.Now().Format("20060102-150405")
		if err := os.Rename(live, keep); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "原审计检查点文件保留为 %s\n", keep)
	}
	if err := writeCheckpoints(live, cps); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "审计检查点已换成备份时的 %d 个：%s\n", len(cps), live)
	return nil
}
