package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"
)

// jy runs the command line and returns its output and error.
func jy(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, &out, &out)
	return out.String(), err
}

func cliDB(t *testing.T) (dir string) {
	dir = t.TempDir()
	t.Setenv("JIAOYAN_DB", "sqlite:"+filepath.Join(dir, "jy.db"))
	t.Setenv("JIAOYAN_KEY", "")
	t.Setenv("JIAOYAN_KEY_FILE", "")
	t.Setenv("JIAOYAN_AUDIT_CHECKPOINT_FILE", "")
	t.Setenv("JIAOYAN_ARGON2_MEMORY_KIB", "1024")
	t.Setenv("JIAOYAN_ARGON2_TIME", "1")
	for _, u := range []string{"aud1", "aud2", "aud3"} {
		if out, err := jy(t, "admin", "create", "--username", u, "--password", "Jy#Secret2026", "--role", "auditor"); err != nil {
			t.Fatalf("admin create: %v\n%s", err, out)
		}
	}
	return dir
}

// TestAuditVerifyCommand walks an operator's day: backup (with its
// checkpoints), verify, a tail cut by someone with the file, restore.
func TestAuditVerifyCommand(t *testing.T) {
	dir := cliDB(t)
	backup := filepath.Join(dir, "b.db")
	if out, err := jy(t, "backup", "--out", backup); err != nil || !strings.Contains(out, "审计检查点已写入") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := jy(t, "audit", "verify"); err != nil || !strings.Contains(out, "审计日志完整：共 3 条，链与 1 个检查点一致") {
		t.Fatalf("verify untouched: %v\n%s", err, out)
	}
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "jy.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 3",
		"UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	_, err = jy(t, "audit", "verify")
	if err == nil || !strings.Contains(err.Error(), "第 3 条缺失：检查点（") || !strings.Contains(err.Error(), "之后的记录被截断") {
		t.Fatalf("verify after cut: %v", err)
	}
	if out, err := jy(t, "restore", "--in", backup, "--force"); err != nil || !strings.Contains(out, "审计检查点已换成备份时的 1 个") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := jy(t, "audit", "verify", "--checkpoints", backup+checkpointSuffix); err != nil || !strings.Contains(out, "审计日志完整") {
		t.Fatalf("verify restored: %v\n%s", err, out)
	}
}

func TestAuditVerifyNamesAWrongKey(t *testing.T) {
	cliDB(t)
	t.Setenv("JIAOYAN_KEY", base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32)))
	_, err := jy(t, "audit", "verify")
	if err == nil || !strings.Contains(err.Error(), "审计链密钥不符") {
		t.Fatalf("verify with another key: %v", err)
	}
}
