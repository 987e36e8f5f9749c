package orgweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

// TestBadFormInputShowsFieldMessageAndWritesNothing posts invalid forms and
// checks each page names the field in Chinese and that no row or audit
// entry was written.
func TestBadFormInputShowsFieldMessageAndWritesNothing(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	a := fmt.Sprint(s.SchoolA)
	cases := []struct {
		path string
		form url.Values
		want string
	}{
		{"/people", url.Values{"name": {"张三"}, "org_id": {a}, "id_number": {"330302198503120011"}}, "身份证号校验位不正确"},
		{"/people", url.Values{"name": {""}, "org_id": {a}}, "请填写姓名"},
		{"/people", url.Values{"name": {"李四"}, "org_id": {a}, "phone": {"123"}}, "手机号应为 11 位"},
		{"/orgs", url.Values{"name": {"某校"}, "kind": {"school"}, "region_code": {"330302"}, "school_code": {"12"}, "stages": {"primary"}, "locale": {"rural"}}, "学校标识码应为 10 位数字"},
		{"/regions", url.Values{"code": {"3303"}, "name": {"x"}, "level": {"town"}, "parent_code": {"330302"}}, "代码应为 9 位数字"},
		{"/studios", url.Values{"name": {"某工作室"}, "level": {"county"}, "org_id": {a}}, "请选择领衔人"},
	}
	for _, tc := range cases {
		before := s.AuditCount()
		res, body := c.Post(tc.path, tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) || !strings.Contains(body, `class="ferr"`) {
			t.Errorf("%s %v: %d, want 422 with %q at the field", tc.path, tc.form, res.StatusCode, tc.want)
		}
		if s.AuditCount() != before {
			t.Errorf("%s: bad input was written", tc.path)
		}
	}
}

// TestSecondEditorGetsConflictNotOverwrite: two people open the same
// record; the second save is refused with who changed what.
func TestSecondEditorGetsConflictNotOverwrite(t *testing.T) {
	s := webtest.New(t)
	a, b := s.As("county_a"), s.As("school_a")
	form := func(name, title string) url.Values {
		return url.Values{"name": {name}, "org_id": {fmt.Sprint(s.SchoolA)}, "title": {title}, "version": {"1"}, "id_number": {testutil.IDA}}
	}
	path := fmt.Sprintf("/people/%d", s.TeacherA)
	if res, body := a.Post(path, form("陈鹿城", "senior")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", res.StatusCode, body)
	}
	res, body := b.Post(path, form("陈鹿城二", "first"))
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "county_a") || !strings.Contains(body, "职称：一级教师 → 高级教师") {
		t.Fatalf("second save: %d, body lacks the conflict message", res.StatusCode)
	}
	if _, page := a.Get(path); !strings.Contains(page, "高级教师") || strings.Contains(page, "陈鹿城二") {
		t.Fatal("second save overwrote the first")
	}
}
