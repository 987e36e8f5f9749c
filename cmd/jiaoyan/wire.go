package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/secret"
)

// services is everything a command needs, opened from one Config.
type services struct {
	cfg    config.Config
	db     *db.DB
	keys   *secret.Keys
	auth   *auth.Service
	org    *org.Service
	audit  *audit.Service
	policy *policy.Service
	dict   *dict.Store
}

// flags adds --addr and --db to fs, defaulting to the environment.
func flags(fs *flag.FlagSet, cfg *config.Config) {
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "监听地址")
	fs.StringVar(&cfg.DB, "db", cfg.DB, "数据库：sqlite:路径 或 postgres://...")
}

func parse(name string, args []string, extra func(*flag.FlagSet)) (config.Config, error) {
	cfg, err := config.Env()
	if err != nil {
		return cfg, err
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	flags(fs, &cfg)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate()
}

// keyFile is where the data key lives: the configured file, or jiaoyan.key
// beside the SQLite database.
func keyFile(cfg config.Config) string {
	if cfg.KeyFile != "" {
		return cfg.KeyFile
	}
	if p, ok := strings.CutPrefix(cfg.DB, "sqlite:"); ok {
		return filepath.Join(filepath.Dir(p), "jiaoyan.key")
	}
	return "jiaoyan.key"
}

// open connects, migrates, seeds the built-in roles and wires the services.
// createKey allows generating the data key on first start.
func open(ctx context.Context, cfg config.Config, createKey bool, log io.Writer) (*services, error) {
	raw, created, err := secret.Load(cfg.Key, keyFile(cfg), createKey)
	if err != nil {
		return nil, err
	}
	if created {
		fmt.Fprintf(log, "已生成数据密钥 %s：身份证号、手机号用它加密，请与数据库分开妥善备份，丢失后加密数据无法恢复。\n", keyFile(cfg))
	}
	keys, err := secret.New(raw)
	if err != nil {
		return nil, err
	}
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	audit.SetKey(d, secret.AuditKey(raw))
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	auditSvc := &audit.Service{DB: d, CheckpointFile: checkpointFile(cfg), Log: logger(log)}
	if err := sealAudit(ctx, auditSvc, log); err != nil {
		d.Close()
		return nil, err
	}
	if err := auth.EnsureBuiltinRoles(ctx, d); err != nil {
		d.Close()
		return nil, err
	}
	if _, err := review.GroupLegacyRounds(ctx, d); err != nil { // 比拼 phases published before rounds (0046)
		d.Close()
		return nil, err
	}
	dicts := &dict.Store{DB: d}
	if err := dicts.Seed(ctx); err != nil {
		d.Close()
		return nil, err
	}
	s := cfg.Security
	return &services{cfg: cfg, db: d, keys: keys,
		auth: &auth.Service{DB: d, Keys: keys, Hasher: auth.NewHasher(s.HashMemoryKiB, s.HashTime, s.HashConcurrency),
			Policy: auth.Policy{Rule: auth.PasswordRule{MinLen: s.PasswordMinLen, Classes: s.PasswordClasses},
				PasswordMaxAge: s.PasswordMaxAge, LockoutFailures: s.LockoutFailures, LockoutDuration: s.LockoutDuration,
				IPFailures: s.IPFailures, IPWindow: s.IPWindow, IdleTimeout: s.IdleTimeout, AbsoluteTimeout: s.AbsoluteTimeout,
				RequireAdminTOTP: s.RequireAdminTOTP, HistoryDepth: 5}},
		org:    &org.Service{DB: d, Keys: keys},
		audit:  auditSvc,
		policy: &policy.Service{DB: d},
		dict:   dicts,
	}, nil
}

func logger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
