package orgweb_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

func TestImportBadRowThenFixedFile(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	header := "姓名,性别,身份证号,手机号,单位,任教学科,学段,职称"
	bad := webtest.CSV(header, "甲老师,女,330302199001010013,13800000001,2330000001,数学,小学,一级教师",
		"乙老师,男,330302199202020020,13800000002,2330000001,语文,小学,中学高级教师")
	page := c.Upload("people", "教师.csv", bad, false)
	if !strings.Contains(page, "未导入任何数据") || !strings.Contains(page, "身份证号校验位不正确") || !strings.Contains(page, "report-link") {
		t.Fatalf("bad file page: %s", page)
	}
	if _, n, _ := s.Org.FindPeople(context.Background(), testutil.Root, org.PersonFilter{Text: "甲老师"}); n != 0 {
		t.Fatal("a file with a bad row wrote its good row")
	}
	id := regexp.MustCompile(`/jobs/(\d+)/report`).FindStringSubmatch(page)[1]
	res, report := c.Get("/jobs/" + id + "/report")
	if res.StatusCode != 200 || !strings.HasPrefix(report, "PK") {
		t.Fatalf("error report download: %d", res.StatusCode)
	}
	fixed := webtest.CSV(header, "甲老师,女,330302199001010013,13800000001,2330000001,数学,小学,一级教师",
		"乙老师,男,330302199202020023,13800000002,2330000001,语文,小学,中学高级教师")
	if page := c.Upload("people", "教师.csv", fixed, false); !strings.Contains(page, "新增 2 条") {
		t.Fatalf("fixed file: %s", page)
	}
	found, _, _ := s.Org.FindPeople(context.Background(), testutil.Root, org.PersonFilter{Text: "乙老师"})
	if len(found) != 1 || found[0].Title != "senior" || found[0].OrgID != s.SchoolA {
		t.Fatalf("imported: %+v (中学高级教师 must map to 高级教师)", found)
	}
	if page := c.Upload("people", "教师.csv", fixed, false); !strings.Contains(page, "新增 0 条") || !strings.Contains(page, "以前导入过") {
		t.Fatalf("re-import of the same file: %s", page)
	}
}

func TestExportThenReimportChangesNothing(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	res, xlsx := c.Get("/export/people")
	if res.StatusCode != 200 || !strings.HasPrefix(xlsx, "PK") {
		t.Fatalf("export: %d", res.StatusCode)
	}
	before := s.AuditCount()
	page := c.Upload("people", "人员名单.xlsx", []byte(xlsx), true)
	if !strings.Contains(page, "新增 0 条，更新 0 条，未变 3 条") {
		t.Fatalf("round trip changed something: %s", page)
	}
	if s.AuditCount() != before+1 {
		t.Fatalf("import wrote %d audit rows, want 1 for the batch", s.AuditCount()-before)
	}
}

func TestJobsArePrivateToWhoStartedThem(t *testing.T) {
	s := webtest.New(t)
	a := s.As("county_a")
	page := a.Upload("people", "x.csv", webtest.CSV("姓名,身份证号,单位", "丙,330302199001010013,2330000001"), false)
	id := regexp.MustCompile(`导入任务 #(\d+)`).FindStringSubmatch(page)[1]
	if res, body := s.As("school_a").Get("/jobs/" + id); res.StatusCode != 404 || strings.Contains(body, "新增") {
		t.Fatalf("another user opened the job: %d", res.StatusCode)
	}
	if res, _ := s.As("teacher_a").Get("/import/people"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("teacher opened the import page: %d", res.StatusCode)
	}
	_ = fmt.Sprint()
}

func TestImportGroupsByIDNumbers(t *testing.T) {
	s := webtest.New(t)
	c := s.As("school_a")
	file := webtest.CSV("学校,教研组名称,类型,学科,组长身份证号,成员身份证号,报备日期",
		"2330000001,数学教研组,学科教研组,数学,"+testutil.IDA+","+testutil.IDA+",2025年9月1日")
	before := s.AuditCount()
	if page := c.Upload("groups", "组.csv", file, false); !strings.Contains(page, "新增 1 条") {
		t.Fatalf("groups import: %s", page)
	}
	if s.AuditCount() != before+1 {
		t.Fatalf("a groups import wrote %d audit rows, want 1 for the batch", s.AuditCount()-before)
	}
	g, _, _ := s.Org.FindGroups(context.Background(), testutil.Root, org.GroupFilter{Text: "数学教研组"})
	if len(g) != 1 || g[0].LeaderName != "陈鹿城" || g[0].FiledOn != "2025-09-01" {
		t.Fatalf("group: %+v", g)
	}
	other := webtest.CSV("学校,教研组名称,类型,组长身份证号", "2330000001,语文组,学科教研组,"+testutil.IDB)
	if page := c.Upload("groups", "组2.csv", other, false); !strings.Contains(page, "不在您的管辖范围内") {
		t.Fatalf("a county B leader was accepted: %s", page)
	}
}
