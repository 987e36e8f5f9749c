package dict_test

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/testutil"
)

// TestDictEditAuditsInChinese names the edited table by its title in the
// audit summary and shows 启用 as 是/否 on the auditor's page.
func TestDictEditAuditsInChinese(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	s := &dict.Store{DB: w.DB}
	if err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Rows(ctx, dict.TableTitle, true)
	r := rows[0]
	r.Enabled = false
	if err := s.Save(ctx, app.System("sys", dict.PermEdit), r); err != nil {
		t.Fatal(err)
	}
	var summary, after string
	err := w.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT summary, after_json FROM audit_log WHERE action = 'dict.save'").Scan(&summary, &after)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary, "职称") || strings.Contains(summary, r.Code) {
		t.Errorf("summary %q does not name the table in Chinese", summary)
	}
	if lines := strings.Join(audit.ChangeLines("dict", "", after), "；"); !strings.Contains(lines, "启用：否") {
		t.Errorf("change lines %q", lines)
	}
	if n := audit.ActionLabel("dict.save"); n != "修改代码表" {
		t.Errorf("dict.save reads %q", n)
	}
}
