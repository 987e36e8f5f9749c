package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// fetchFile downloads url inside the signed-in browser and returns its bytes.
func fetchFile(t *testing.T, ctx context.Context, url string) []byte {
	t.Helper()
	js := fmt.Sprintf(`fetch(%q).then(r => r.arrayBuffer()).then(b => { let s = ''; const u = new Uint8Array(b);
		for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); return btoa(s) })`, url)
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", url, err)
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fillTemplate writes rows under the template's header (found by 姓名).
func fillTemplate(t *testing.T, tpl []byte, path string, rows [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(string(tpl)))
	if err != nil {
		t.Fatalf("template is not an xlsx: %v", err)
	}
	sheet := f.GetSheetName(0)
	all, _ := f.GetRows(sheet)
	header := -1
	for i, r := range all {
		if len(r) > 0 && strings.Contains(r[0], "姓名") {
			header = i + 1
		}
	}
	if header < 0 {
		t.Fatalf("no 姓名 header in the template: %v", all)
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, header+1+i)
			f.SetCellStr(sheet, cell, v)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func uploadFile(t *testing.T, ctx context.Context, base, kind, path string) string {
	t.Helper()
	click(t, ctx, []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/import/" + kind),
		chromedp.WaitReady(chromedp.CSS(`input[name=file]`)), chromedp.SetUploadFiles(chromedp.CSS(`input[name=file]`), []string{path})},
		`main form button[type=submit]`)
	step, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(step, chromedp.WaitVisible(chromedp.CSS("#job-result"))); err != nil {
		t.Fatalf("import of %s did not finish: %v", path, err)
	}
	return text(t, ctx, "#job-result")
}

// TestTemplateBadRowReportFixAndImport is issue #3's browser scenario.
func TestTemplateBadRowReportFixAndImport(t *testing.T) {
	p := start(t)
	p.run(t, "admin", "create", "--username", "root", "--password", initialPW)
	ctx := browser(t, 1280, 900)
	firstAdminLogin(t, ctx, p.url, "root", initialPW, adminPW)
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o644)
		return path
	}
	if msg := uploadFile(t, ctx, p.url, "regions", write("区域.csv", "区划代码,名称,级别,上级区划代码\n330300,温州市,市,\n330302,鹿城区,县（市、区）,330300\n")); !strings.Contains(msg, "新增 2 条") {
		t.Fatalf("regions import: %s", msg)
	}
	if msg := uploadFile(t, ctx, p.url, "orgs", write("学校.csv", "名称,类型,区划代码,学校标识码,学段,城乡类型\n鹿城区实验小学,学校,330302,2330000001,小学,城区\n")); !strings.Contains(msg, "新增 1 条") {
		t.Fatalf("orgs import: %s", msg)
	}
	must(t, ctx, "open import page", chromedp.Navigate(p.url+"/import/people"), chromedp.WaitVisible(chromedp.CSS("#template-link")))
	tpl := fetchFile(t, ctx, "/import/people/template")
	good := []string{"林老师", "女", "330302199001010013", "13800000001", "2330000001", "数学", "小学", "一级教师"}
	bad := []string{"周老师", "男", "330302199202020020", "13800000002", "2330000001", "语文", "小学", "中学高级教师"}
	badPath := filepath.Join(dir, "教师-有错.xlsx")
	fillTemplate(t, tpl, badPath, [][]string{good, bad})
	if msg := uploadFile(t, ctx, p.url, "people", badPath); !strings.Contains(msg, "未导入任何数据") || !strings.Contains(msg, "校验位") {
		t.Fatalf("bad file: %s", msg)
	}
	report := fetchFile(t, ctx, strings.TrimPrefix(attr(t, ctx, "#report-link", "href"), p.url))
	if !reportMarksRow(t, report, "周老师", "校验位") {
		t.Fatal("the error report does not mark 周老师's row")
	}
	if s := body(t, ctx, p.url+"/people"); strings.Contains(s, "林老师") {
		t.Fatal("the good row of a bad file was written")
	}
	bad[2] = "330302199202020023"
	fixedPath := filepath.Join(dir, "教师.xlsx")
	fillTemplate(t, tpl, fixedPath, [][]string{good, bad})
	if msg := uploadFile(t, ctx, p.url, "people", fixedPath); !strings.Contains(msg, "新增 2 条") {
		t.Fatalf("fixed file: %s", msg)
	}
	s := body(t, ctx, p.url+"/people")
	if !strings.Contains(s, "林老师") || !strings.Contains(s, "周老师") || !strings.Contains(s, "高级教师") {
		t.Fatalf("people list after import: %s", trim(s))
	}
	screenshot(t, ctx, "people")
}

func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	js := fmt.Sprintf(`document.querySelector(%q).getAttribute(%q)`, sel, name)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("attr %s: %v", sel, err)
	}
	return v
}

// reportMarksRow reports whether the error report has the row of name with
// an error note containing want.
func reportMarksRow(t *testing.T, report []byte, name, want string) bool {
	f, err := excelize.OpenReader(strings.NewReader(string(report)))
	if err != nil {
		t.Fatalf("error report is not an xlsx: %v", err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	for _, r := range rows {
		line := strings.Join(r, "|")
		if strings.Contains(line, name) && strings.Contains(line, want) {
			return true
		}
	}
	return false
}
