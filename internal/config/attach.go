package config

import (
	"fmt"
	"strings"
)

// Attach holds where attachments (附件) are stored.
type Attach struct {
	Storage string // JIAOYAN_ATTACH_STORAGE: db (default), dir or s3
	Dir     string // JIAOYAN_ATTACH_DIR: the directory of the dir backend ("" = attachments/ beside the SQLite file)
	DBMaxMB int    // JIAOYAN_ATTACH_DB_MAX_MB (32): largest file the db backend takes
	S3      S3
}

// S3 is an S3-compatible bucket (MinIO, Ceph RGW, cloud object storage).
type S3 struct {
	Endpoint  string // JIAOYAN_S3_ENDPOINT, host:port
	Bucket    string // JIAOYAN_S3_BUCKET (jiaoyan), created if missing
	AccessKey string // JIAOYAN_S3_ACCESS_KEY
	SecretKey string // JIAOYAN_S3_SECRET_KEY
	UseSSL    bool   // JIAOYAN_S3_USE_SSL (true)
	Region    string // JIAOYAN_S3_REGION (us-east-1)
	PartMB    int    // JIAOYAN_S3_PART_MB (16): multipart part size, the memory one upload holds
}

func defaultAttach() Attach {
	return Attach{Storage: "db", DBMaxMB: 32, S3: S3{Bucket: "jiaoyan", UseSSL: true, Region: "us-east-1", PartMB: 16}}
}

func (a *Attach) fromEnv(e *envReader) {
	e.str("JIAOYAN_ATTACH_STORAGE", &a.Storage)
	e.str("JIAOYAN_ATTACH_DIR", &a.Dir)
	e.integer("JIAOYAN_ATTACH_DB_MAX_MB", &a.DBMaxMB)
	e.str("JIAOYAN_S3_ENDPOINT", &a.S3.Endpoint)
	e.str("JIAOYAN_S3_BUCKET", &a.S3.Bucket)
	e.str("JIAOYAN_S3_ACCESS_KEY", &a.S3.AccessKey)
	e.str("JIAOYAN_S3_SECRET_KEY", &a.S3.SecretKey)
	e.boolean("JIAOYAN_S3_USE_SSL", &a.S3.UseSSL)
	e.str("JIAOYAN_S3_REGION", &a.S3.Region)
	e.integer("JIAOYAN_S3_PART_MB", &a.S3.PartMB)
}

func (a Attach) validate() error {
	switch {
	case a.Storage != "db" && a.Storage != "dir" && a.Storage != "s3":
		return fmt.Errorf("JIAOYAN_ATTACH_STORAGE 应为 db、dir 或 s3，当前为 %q", a.Storage)
	case a.DBMaxMB < 1:
		return fmt.Errorf("JIAOYAN_ATTACH_DB_MAX_MB 不能小于 1")
	case a.Storage == "s3" && (a.S3.Endpoint == "" || a.S3.Bucket == "" || a.S3.AccessKey == "" || a.S3.SecretKey == ""):
		return fmt.Errorf("使用对象存储时须设置 JIAOYAN_S3_ENDPOINT、JIAOYAN_S3_BUCKET、JIAOYAN_S3_ACCESS_KEY 和 JIAOYAN_S3_SECRET_KEY")
	case strings.Contains(a.S3.Endpoint, "://"):
		return fmt.Errorf("JIAOYAN_S3_ENDPOINT 只写主机和端口（如 minio.example.cn:9000），是否加密由 JIAOYAN_S3_USE_SSL 决定")
	case a.S3.PartMB < 5 || a.S3.PartMB > 1024:
		return fmt.Errorf("JIAOYAN_S3_PART_MB 应在 5 到 1024 之间")
	}
	return nil
}
