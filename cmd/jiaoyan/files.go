package main

import (
	"context"
	"path/filepath"
	"strings"

	"jiaoyan/internal/attach"
	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
)

// openFiles builds the attachment store the settings choose: the database
// (default), a directory, or an S3-compatible bucket. Files an earlier
// setting kept in the database stay readable.
func openFiles(ctx context.Context, cfg config.Config, d *db.DB) (*attach.Service, error) {
	a := cfg.Attach
	dbStore := &attach.DBStorage{DB: d, Max: int64(a.DBMaxMB) << 20}
	switch a.Storage {
	case "dir":
		return attach.New(d, &attach.DirStorage{Root: filesDir(cfg)}, dbStore), nil
	case "s3":
		s3, err := attach.NewS3Storage(ctx, attach.S3Options{Endpoint: a.S3.Endpoint, Bucket: a.S3.Bucket,
			AccessKey: a.S3.AccessKey, SecretKey: a.S3.SecretKey, UseSSL: a.S3.UseSSL, Region: a.S3.Region,
			PartSize: uint64(a.S3.PartMB) << 20})
		if err != nil {
			return nil, err
		}
		return attach.New(d, s3, dbStore), nil
	}
	return attach.New(d, dbStore), nil
}

// filesDir is JIAOYAN_ATTACH_DIR, or attachments/ beside the SQLite file.
func filesDir(cfg config.Config) string {
	if cfg.Attach.Dir != "" {
		return cfg.Attach.Dir
	}
	if p, ok := strings.CutPrefix(cfg.DB, "sqlite:"); ok {
		return filepath.Join(filepath.Dir(p), "attachments")
	}
	return "attachments"
}
