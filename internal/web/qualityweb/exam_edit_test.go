package qualityweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

// The organiser edits an exam through its form (an empty name comes back
// at its field) and deletes one without analysis; an analysed exam's
// delete is refused in Chinese.
func TestExamEditAndDeleteThroughPages(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	res, _ := c.Post("/exams", url.Values{"name": {"鹿城区六年级期末检测"}, "year": {"2025"}, "half": {"1"}, "kind": {"quality"},
		"school_ids": {itoa(s.SchoolA)}})
	exam := strings.TrimSuffix(res.Header.Get("Location"), "?done=created")
	res, body := c.Get(exam + "/edit")
	if res.StatusCode != 200 || !strings.Contains(body, `value="鹿城区六年级期末检测"`) {
		t.Fatalf("edit form: %d", res.StatusCode)
	}
	form := url.Values{"version": {"1"}, "name": {""}, "year": {"2025"}, "half": {"2"}, "kind": {"academic"}, "school_ids": {itoa(s.SchoolA)}}
	if res, body = c.Post(exam, form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "考试名称不能为空") {
		t.Fatalf("empty name: %d %s", res.StatusCode, webtest.Readable(t, res, body))
	}
	form.Set("name", "鹿城区六年级学业水平考试")
	if res, body = c.Post(exam, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, webtest.Readable(t, res, body))
	}
	if _, page := c.Get(exam); !strings.Contains(page, "鹿城区六年级学业水平考试") || !strings.Contains(page, "2025学年第二学期") || !strings.Contains(page, "学业水平考试") {
		t.Fatalf("exam page after edit: %s", webtest.Readable(t, res, page))
	}
	if res, body = c.Post(exam+"/delete", url.Values{"version": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d %s", res.StatusCode, webtest.Readable(t, res, body))
	}
	if res, _ = c.Get(exam); res.StatusCode != http.StatusNotFound {
		t.Fatalf("deleted exam opens: %d", res.StatusCode)
	}
	analysed, _ := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	if res, body = c.Post(analysed+"/delete", url.Values{"version": {"1"}}); res.StatusCode == http.StatusSeeOther || !strings.Contains(body, "该考试已有分析报告，不能删除") {
		t.Fatalf("delete analysed: %d", res.StatusCode)
	}
	if res, body = c.Post(analysed, form); res.StatusCode == http.StatusSeeOther || !strings.Contains(body, "该考试已导入成绩，不能再修改考试信息") {
		t.Fatalf("edit analysed: %d", res.StatusCode)
	}
}
