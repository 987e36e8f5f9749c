package config

import (
	"strings"
	"testing"
)

func TestAttachmentStorageSettings(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	c, err := FromEnv(get)
	if err != nil || c.Attach.Storage != "db" || c.Attach.DBMaxMB != 32 || !c.Attach.S3.UseSSL || c.Attach.S3.PartMB != 16 {
		t.Fatalf("defaults: %+v, %v", c.Attach, err)
	}
	env = map[string]string{"JIAOYAN_ATTACH_STORAGE": "s3", "JIAOYAN_S3_ENDPOINT": "127.0.0.1:9000",
		"JIAOYAN_S3_ACCESS_KEY": "ak", "JIAOYAN_S3_SECRET_KEY": "sk", "JIAOYAN_S3_USE_SSL": "false", "JIAOYAN_S3_BUCKET": "files"}
	if c, err = FromEnv(get); err != nil || c.Attach.S3.Endpoint != "127.0.0.1:9000" || c.Attach.S3.UseSSL || c.Attach.S3.Bucket != "files" {
		t.Fatalf("s3 settings: %+v, %v", c.Attach.S3, err)
	}
	for _, bad := range []map[string]string{
		{"JIAOYAN_ATTACH_STORAGE": "ftp"},
		{"JIAOYAN_ATTACH_STORAGE": "s3"}, // no endpoint or keys
		{"JIAOYAN_ATTACH_DB_MAX_MB": "0"},
		{"JIAOYAN_S3_ENDPOINT": "http://127.0.0.1:9000"},
	} {
		env = bad
		if _, err := FromEnv(get); err == nil || !strings.Contains(err.Error(), "JIAOYAN_") {
			t.Errorf("%v: %v, want a message naming the setting", bad, err)
		}
	}
}
