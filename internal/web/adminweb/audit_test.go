package adminweb_test

import (
	"context"
	"html"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/site"
	"jiaoyan/internal/web/webtest"
)

// TestAuditPageSpeaksChinese shows 操作类型 by name, a person's edit as
// "字段：旧值 → 新值" lines of the changed fields only, and an unknown code as
// （其他操作） with the code in a title attribute, never as text.
func TestAuditPageSpeaksChinese(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "auditor1", "auditor")
	p, err := s.Org.FindPersonByID(context.Background(), testutil.Root, s.TeacherA)
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "senior"
	if err := s.Org.UpdatePerson(context.Background(), testutil.Root, p); err != nil {
		t.Fatal(err)
	}
	recordUnknown(t, s)
	_, body := s.As("auditor1").Get("/audit")
	text := textOf(body)
	for _, want := range []string{"登录", "修改人员", "职称：一级教师 → 高级教师", "（其他操作）"} {
		if !strings.Contains(text, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	for _, code := range []string{"auth.login", "person.update", "w3.mystery", `{"`} {
		if strings.Contains(text, code) {
			t.Errorf("audit page shows %q", code)
		}
	}
	if edit := rowWith(body, "修改人员 陈鹿城"); !strings.Contains(edit, "职称") || strings.Contains(edit, "姓名") {
		t.Errorf("the edit row should list only the changed field: %s", textOf(edit))
	}
	if !strings.Contains(body, `title="w3.mystery"`) {
		t.Error("the unknown code is not kept in a title attribute")
	}
}

func recordUnknown(t *testing.T, s *webtest.Site) {
	t.Helper()
	err := s.DB.Write(context.Background(), func(tx *db.Tx) error {
		return audit.Record(context.Background(), tx, testutil.Root, audit.Entry{Action: "w3.mystery", Summary: "未登记的操作"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAuditExportUsesTheLabels writes 操作类型 in Chinese and the raw code
// only in the last column, 操作代码.
func TestAuditExportUsesTheLabels(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "auditor1", "auditor")
	c := s.As("auditor1")
	res, body := c.Get("/audit/export")
	if res.StatusCode != 200 {
		t.Fatalf("export: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	head := rows[0]
	if head[4] != "操作类型" || head[len(head)-1] != "操作代码" {
		t.Fatalf("headers %q", head)
	}
	first := rows[1]
	if first[4] != "登录" || first[len(first)-1] != "auth.login" {
		t.Errorf("first row %q: want 登录 with the code auth.login last", first)
	}
}

// TestAuditVerifyComparesCheckpoints reads the checkpoints kept outside
// the database: a forged one fails the check the chain alone would pass.
func TestAuditVerifyComparesCheckpoints(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "auditor1", "auditor")
	file := filepath.Join(t.TempDir(), "checkpoints.log")
	svc := &audit.Service{DB: s.DB, CheckpointFile: file}
	d := s.Deps()
	d.Audit = svc
	srv, err := site.New(d)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := webtest.NewClient(t, ts.URL)
	c.Post("/login", url.Values{"username": {"auditor1"}, "password": {testutil.Password}})
	if _, _, err := svc.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, body := c.Get("/audit/verify"); !strings.Contains(body, "1 个检查点一致") {
		t.Errorf("verify does not report the checkpoint: %s", textOf(body))
	}
	if err := audit.AppendCheckpoint(file, audit.Checkpoint{Seq: 1, Hash: "00", At: 1, MAC: "forged"}); err != nil {
		t.Fatal(err)
	}
	if _, body := c.Get("/audit/verify"); !strings.Contains(body, "校验失败") || !strings.Contains(body, "签名不符") {
		t.Errorf("a forged checkpoint passed: %s", textOf(body))
	}
}

// rowWith is the first table row of body containing s.
func rowWith(body, s string) string {
	for _, tr := range strings.Split(body, "<tr>") {
		if strings.Contains(tr, s) {
			return tr
		}
	}
	return ""
}

var tagRe = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)

// textOf is the visible text of a page.
func textOf(body string) string { return html.UnescapeString(tagRe.ReplaceAllString(body, " ")) }
