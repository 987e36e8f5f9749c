package orgweb_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

const (
	maskedIDA    = "3303**********0015"
	maskedPhoneA = "138****5678"
	phoneA       = "13812345678"
)

// grantFullNumbers has a security administrator grant 查看完整身份证号与手机号
// to the built-in role code, as the role page does.
func grantFullNumbers(t *testing.T, s *webtest.Site, code string) {
	t.Helper()
	ctx := context.Background()
	sec := s.MustUser(t, 0, "sec_"+code, auth.RoleSecAdmin)
	roles, err := s.Auth.FindRoles(ctx, sec)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(roles, func(r auth.Role) bool { return r.Code == code })
	r := roles[i]
	in := auth.RoleInput{Name: r.Name, Scope: r.Scope, Permissions: append(r.Permissions, auth.PermPersonSensitive), Version: r.Version}
	if _, err := s.Auth.SaveRole(ctx, sec, r.ID, in); err != nil {
		t.Fatal(err)
	}
}

// TestDetailIsMaskedForEveryBuiltinRole: the county and school
// administrators and the teacher herself read 身份证号 and 手机号 masked.
func TestDetailIsMaskedForEveryBuiltinRole(t *testing.T) {
	s := webtest.New(t)
	path := fmt.Sprintf("/people/%d", s.TeacherA)
	for _, user := range []string{"city_admin", "county_a", "school_a", "teacher_a"} {
		_, body := s.As(user).Get(path)
		if strings.Contains(body, testutil.IDA) || strings.Contains(body, phoneA) ||
			!strings.Contains(body, maskedIDA) || !strings.Contains(body, maskedPhoneA) || !strings.Contains(body, "显示完整号码") {
			t.Errorf("%s: the detail page is not masked with a 显示完整号码 button", user)
		}
	}
}

// TestRevealShowsFullNumbersOnceAndIsAudited: 显示完整号码 shows this
// person's numbers in that response, leaves one audit row, and the next
// visit is masked again; a user outside the scope gets 页面不存在 and no row.
func TestRevealShowsFullNumbersOnceAndIsAudited(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	path := fmt.Sprintf("/people/%d", s.TeacherA)
	before := s.AuditCount()
	res, body := c.Post(path+"/reveal", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, testutil.IDA) || !strings.Contains(body, phoneA) {
		t.Fatalf("reveal: %d, full numbers shown: %v", res.StatusCode, strings.Contains(body, testutil.IDA))
	}
	if !strings.Contains(body, "已记入审计日志") || res.Header.Get("Cache-Control") != "no-store" {
		t.Error("the revealed page neither says it was logged nor forbids caching")
	}
	if got := s.AuditCount() - before; got != 1 {
		t.Fatalf("reveal wrote %d audit rows, want 1", got)
	}
	if _, again := c.Get(path); strings.Contains(again, testutil.IDA) {
		t.Fatal("the next visit still shows the full ID number")
	}
	before = s.AuditCount()
	if res, body := s.As("county_b").Post(path+"/reveal", nil); res.StatusCode != http.StatusNotFound || strings.Contains(body, testutil.IDA) {
		t.Fatalf("county B revealed a county A teacher: %d", res.StatusCode)
	}
	if s.AuditCount() != before+1 { // county B's sign-in only
		t.Fatalf("a refused reveal wrote %d rows besides the sign-in", s.AuditCount()-before-1)
	}
}

// TestFullExportNeedsPermissionTickAndReason: the people export is masked
// for everyone; 含完整证件号 is offered only to a role granted the
// permission, needs the box ticked and a reason, and is audited with them
// and the row count.
func TestFullExportNeedsPermissionTickAndReason(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	full := url.Values{"full": {"1"}, "reason": {"上报省厅"}}
	if _, list := c.Get("/people"); strings.Contains(list, "含完整证件号") {
		t.Error("a county admin without the permission is offered the full export")
	}
	if res, body := c.Post("/export/people/full", full); res.StatusCode != http.StatusForbidden || strings.Contains(body, "PK") {
		t.Fatalf("full export without the permission: %d", res.StatusCode)
	}
	grantFullNumbers(t, s, auth.RoleCountyAdmin)
	c = s.As("county_a")
	if _, list := c.Get("/people"); !strings.Contains(list, "含完整证件号") || !strings.Contains(list, testutil.IDA) {
		t.Fatal("the granted role is not offered the full export or does not see full numbers on the list")
	}
	res, body := c.Get("/export/people")
	if text := webtest.Readable(t, res, body); strings.Contains(text, testutil.IDA) || !strings.Contains(text, maskedIDA) {
		t.Fatalf("the plain export of a granted role is not masked: %s", text)
	}
	before := s.AuditCount()
	for _, form := range []url.Values{{"reason": {"上报省厅"}}, {"full": {"1"}, "reason": {" "}}} {
		if res, body := c.Post("/export/people/full", form); res.StatusCode != http.StatusUnprocessableEntity || strings.HasPrefix(body, "PK") {
			t.Errorf("full export with %v: %d", form, res.StatusCode)
		}
	}
	res, body = c.Post("/export/people/full?q=陈", full)
	if text := webtest.Readable(t, res, body); !strings.Contains(text, testutil.IDA) || !strings.Contains(text, phoneA) {
		t.Fatalf("the full export lacks the numbers: %s", text)
	}
	if got := s.AuditCount() - before; got != 1 {
		t.Fatalf("full exports wrote %d audit rows, want 1", got)
	}
	if summary := lastSummary(t, s, "person.export_full"); !strings.Contains(summary, "1 条") || !strings.Contains(summary, "上报省厅") {
		t.Fatalf("the audit row does not give the row count and reason: %q", summary)
	}
}

// TestMaskedExportEditedAndReimported: a masked export edited in Excel and
// imported with 更新已有记录 updates the name by 系统编号 and keeps the
// stored numbers.
func TestMaskedExportEditedAndReimported(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	_, xlsx := c.Get("/export/people")
	f, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	edited := renameIn(t, f, "陈鹿城", "陈鹿城更名")
	if page := c.Upload("people", "人员名单.xlsx", edited, true); !strings.Contains(page, "更新 1 条，未变 2 条") {
		t.Fatalf("edited masked export: %s", page)
	}
	p, _ := s.Org.FindPersonByID(context.Background(), testutil.Root, s.TeacherA)
	if p.Name != "陈鹿城更名" || p.IDNumber != testutil.IDA || p.Phone != phoneA {
		t.Fatalf("after the import: %s %q %q", p.Name, p.IDNumber, p.Phone)
	}
}

// lastSummary is the summary of the newest audit row of action.
func lastSummary(t *testing.T, s *webtest.Site, action string) string {
	t.Helper()
	var out string
	ctx := context.Background()
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT summary FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1", action).Scan(&out)
	})
	if err != nil {
		t.Fatalf("no audit row %s: %v", action, err)
	}
	return out
}

// renameIn replaces a cell's text in the first sheet and returns the file.
func renameIn(t *testing.T, f *excelize.File, from, to string) []byte {
	t.Helper()
	sh := f.GetSheetList()[0]
	rows, _ := f.GetRows(sh)
	for r, row := range rows {
		for c, v := range row {
			if v == from {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellValue(sh, cell, to)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
