package orgweb_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/orgweb"
	"jiaoyan/internal/web/webtest"
)

// TestImportWritesOneAuditRow: an import (run as a job) leaves one audit
// row for the whole batch.
func TestImportWritesOneAuditRow(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	before := s.AuditCount()
	page := c.Upload("regions", "r.csv", webtest.CSV("区划代码,名称,级别,上级区划代码", "330302002,南汇街道,镇街,330302"), false)
	if !strings.Contains(page, "新增 1 条") || s.AuditCount() != before+1 {
		t.Fatalf("audit rows %d, page %s", s.AuditCount()-before, page)
	}
}

func TestExportsFollowScope(t *testing.T) {
	s := webtest.New(t)
	for _, o := range orgweb.Module(s.Org, s.Auth).Fixtures().Objects {
		o.Make(t, s.World)
	}
	c := s.As("county_a")
	res, body := c.Get("/export/people")
	text := webtest.Readable(t, res, body)
	if !strings.Contains(text, "陈鹿城") || strings.Contains(text, "王龙湾") {
		t.Fatalf("county A's people export: %s", text)
	}
	res, body = s.As("teacher_a").Get("/export/people")
	if text := webtest.Readable(t, res, body); strings.Contains(text, testutil.IDA) || !strings.Contains(text, "3303**********0015") {
		t.Fatalf("teacher's export is not masked like the page: %s", text)
	}
}
