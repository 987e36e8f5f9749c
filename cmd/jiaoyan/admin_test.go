package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdminResetRecoversALockedOutAdministrator: a system administrator
// locked out with a lost phone is recovered from the command line: new
// password (changed at next sign-in), unlocked, second factor removed,
// sessions ended, one audit row by 命令行; the output says so in Chinese.
func TestAdminResetRecoversALockedOutAdministrator(t *testing.T) {
	dir := cliDB(t)
	if out, err := jy(t, "admin", "create", "--username", "sys", "--password", "Jy#Secret2026"); err != nil {
		t.Fatalf("admin create: %v\n%s", err, out)
	}
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "jy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE users SET locked_until = 9999999999999, totp_enabled = TRUE, totp_secret_enc = 'x' WHERE username = 'sys';
		INSERT INTO sessions (token_hash, user_id, created_at, seen_at, ip, user_agent)
		SELECT 'h', id, 1, 1, '', '' FROM users WHERE username = 'sys'`); err != nil {
		t.Fatal(err)
	}
	out, err := jy(t, "admin", "reset", "--username", "sys", "--password", "Back#2026in", "--unlock", "--totp")
	if err != nil {
		t.Fatalf("admin reset: %v\n%s", err, out)
	}
	for _, want := range []string{"已重置密码，下次登录须修改", "已解除锁定", "已重置双因素认证", "已结束该账号的全部登录会话", "已记入审计日志"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	var locked, sessions int64
	var totp, must bool
	raw.QueryRow("SELECT locked_until, totp_enabled, must_change FROM users WHERE username = 'sys'").Scan(&locked, &totp, &must)
	raw.QueryRow("SELECT COUNT(*) FROM sessions").Scan(&sessions)
	if locked != 0 || totp || !must || sessions != 0 {
		t.Errorf("after reset: locked_until %d, totp %v, must_change %v, sessions %d", locked, totp, must, sessions)
	}
	var who, summary string
	raw.QueryRow("SELECT username, summary FROM audit_log WHERE action = 'user.recover'").Scan(&who, &summary)
	if who != "命令行" || !strings.Contains(summary, "sys") || strings.Contains(summary, "Back#2026in") {
		t.Errorf("audit row: %q %q", who, summary)
	}
	if out, err := jy(t, "admin", "reset", "--username", "sys"); err == nil {
		t.Errorf("reset without an action succeeded:\n%s", out)
	}
	if _, err := jy(t, "admin", "reset", "--username", "ghost", "--unlock"); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("reset of an unknown account: %v", err)
	}
}
