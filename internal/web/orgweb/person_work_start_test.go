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

// TestPersonFormKeepsWorkStart: 参加工作时间 saved on the form shows on the
// detail page, and 从教年份 follows from it when left blank.
func TestPersonFormKeepsWorkStart(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	path := fmt.Sprintf("/people/%d", s.TeacherA)
	form := url.Values{"name": {"陈鹿城"}, "org_id": {fmt.Sprint(s.SchoolA)}, "version": {"1"}, "id_number": {testutil.IDA},
		"work_start": {"2001-09-01"}}
	if res, body := c.Post(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	_, page := c.Get(path)
	if !strings.Contains(page, `<dd id="work-start">2001-09-01</dd>`) || !strings.Contains(page, "2001 年") {
		t.Fatalf("detail lacks 参加工作时间 or the derived 从教年份")
	}
	if _, edit := c.Get(path + "/edit"); !strings.Contains(edit, `name="work_start" value="2001-09-01"`) {
		t.Fatal("the edit form lost 参加工作时间")
	}
}
