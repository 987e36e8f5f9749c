package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/secret"
)

// checkpointSuffix names checkpoint files: beside the database and beside
// each backup.
const checkpointSuffix = ".audit-checkpoints"

// checkpointFile is where audit checkpoints are appended: the setting, or
// <SQLite file>.audit-checkpoints, or jiaoyan.audit-checkpoints for
// PostgreSQL.
func checkpointFile(cfg config.Config) string {
	if cfg.AuditCheckpointFile != "" {
		return cfg.AuditCheckpointFile
	}
	if p, ok := strings.CutPrefix(cfg.DB, "sqlite:"); ok {
		return p + checkpointSuffix
	}
	return "jiaoyan" + checkpointSuffix
}

// useAuditKey gives d the audit key derived from the data key, which must
// exist already (only serve, migrate and admin create make one).
func useAuditKey(cfg config.Config, d *db.DB) error {
	raw, _, err := secret.Load(cfg.Key, keyFile(cfg), false)
	if err != nil {
		return err
	}
	audit.SetKey(d, secret.AuditKey(raw))
	return nil
}

// cmdAudit runs `audit verify [--checkpoints FILE]`: the keyed chain and
// every checkpoint in FILE (a checkpoint file or a log holding
// audit_checkpoint lines). It exits non-zero when anything is wrong.
func cmdAudit(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errUsage
	}
	var file string
	cfg, err := parse("audit verify", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&file, "checkpoints", "", "检查点文件或含 audit_checkpoint 行的日志（默认数据库旁的 .audit-checkpoints）")
	})
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := useAuditKey(cfg, d); err != nil {
		return err
	}
	v, err := d.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if v < db.LatestVersion(d.Dialect) {
		return fmt.Errorf("数据库结构不是最新版本，请先运行 jiaoyan migrate")
	}
	cps, err := verifyCheckpoints(file, checkpointFile(cfg), stdout)
	if err != nil {
		return err
	}
	res, err := audit.VerifyCheckpoints(ctx, d, cps)
	if err != nil {
		return err
	}
	return reportVerify(res, stdout)
}

// verifyCheckpoints reads the checkpoints named by --checkpoints (which must
// exist) or, when none was named, the default file if there is one.
func verifyCheckpoints(given, def string, stdout io.Writer) ([]audit.Checkpoint, error) {
	if given != "" {
		return audit.ReadCheckpoints(given)
	}
	cps, err := audit.ReadCheckpoints(def)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdout, "提示：没有检查点文件 %s，只校验链本身\n", def)
		return nil, nil
	}
	return cps, err
}

func reportVerify(res audit.VerifyResult, stdout io.Writer) error {
	if !res.OK {
		for i, p := range res.Problems {
			if len(res.Problems) > 1 {
				fmt.Fprintf(stdout, "问题 %d：%s\n", i+1, p)
			}
		}
		return fmt.Errorf("审计日志校验失败：%s", res.Problem)
	}
	fmt.Fprintln(stdout, res.Message())
	if res.Sealed > 0 {
		fmt.Fprintf(stdout, "其中前 %d 条是启用密钥校验前的记录，由第 %d 条封存记录覆盖\n", res.Sealed, res.Sealed+1)
	}
	return nil
}

// backupCheckpoints signs the chain's last row just before a backup (so the
// backup holds at least that row), emits it to the log and the checkpoint
// file, and returns every checkpoint the backup must satisfy.
func backupCheckpoints(ctx context.Context, cfg config.Config, d *db.DB, stdout io.Writer) ([]audit.Checkpoint, error) {
	if err := useAuditKey(cfg, d); err != nil {
		return nil, err
	}
	s := &audit.Service{DB: d, CheckpointFile: checkpointFile(cfg), Log: logger(stdout)}
	cp, _, err := s.Checkpoint(ctx)
	if err != nil || cp.Seq == 0 {
		return nil, err
	}
	all, err := audit.ReadCheckpoints(s.CheckpointFile)
	var out []audit.Checkpoint
	for _, c := range all {
		if c.Seq <= cp.Seq {
			out = append(out, c)
		}
	}
	return out, err
}

// writeCheckpoints writes cps to a new file.
func writeCheckpoints(file string, cps []audit.Checkpoint) error {
	if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, cp := range cps {
		if err := audit.AppendCheckpoint(file, cp); err != nil {
			return err
		}
	}
	return nil
}

// sealAudit keys the audit chain of a database upgraded from the unkeyed
// chain (audit.Seal) and pins the result with a checkpoint outside it. It
// fails when the chain was made with another data key.
func sealAudit(ctx context.Context, s *audit.Service, log io.Writer) error {
	n, err := audit.Seal(ctx, s.DB)
	if err != nil || n == 0 {
		return err
	}
	fmt.Fprintf(log, "审计链已启用密钥校验：此前的 %d 条记录已封存\n", n)
	_, _, err = s.Checkpoint(ctx)
	return err
}
