package qualityweb_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/quality"
	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

// The county opens rectifications from the warnings page; its list puts the
// overdue one first; the school sees its own loop and county B sees none.
func TestWarningsToRectificationsOverdueFirst(t *testing.T) {
	s := webtest.New(t)
	qualityweb.WarnRules(t, s.World, "330302")
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	_, body := c.Get("/warnings")
	if !strings.Contains(body, "低分率") {
		t.Fatalf("no class low-rate warning on /warnings: %s", body)
	}
	list, _, err := qualityweb.ServiceOf(s.World).FindWarnings(context.Background(), s.CountyA, quality.WarningFilter{Limit: 50})
	if err != nil || len(list) != 1 {
		t.Fatalf("warnings %d %v", len(list), err)
	}
	// a loop due 2099 of another exam's warning, then this one, overdue
	soonID, _ := qualityweb.LoopAt(t, s.World, "county_a", "330302", s.BureauA, s.SchoolA, "鹿城区", "鹿城区实验小学", "interpret")
	res, body := c.Post("/warnings/"+itoa(list[0].ID)+"/rectify", url.Values{"due": {"2020-01-31"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("open rectification: %d %s", res.StatusCode, body)
	}
	loops := []string{"/rectifications/" + itoa(soonID), res.Header.Get("Location")}
	_, body = c.Get("/rectifications")
	late, soon := strings.Index(body, `href="`+loops[1]+`"`), strings.Index(body, `href="`+loops[0]+`"`)
	if late < 0 || soon < 0 || late > soon || !strings.Contains(body, "已逾期") {
		t.Errorf("the overdue loop is not listed first (%d, %d)", late, soon)
	}
	res, body = c.Post(loops[0]+"/interpret", url.Values{"version": {"1"}, "text": {"阅读题失分集中"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("interpret: %d %s", res.StatusCode, body)
	}
	if _, body := s.As("school_a").Get(loops[0]); !strings.Contains(body, "阅读题失分集中") {
		t.Error("the school does not see its loop's 二次解读")
	}
	if res, _ := s.As("county_b").Get(loops[0]); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B opens county A's loop: %d", res.StatusCode)
	}
	if _, body := s.As("county_b").Get("/rectifications"); strings.Contains(body, "鹿城区实验小学") {
		t.Error("county B lists county A's loops")
	}
	_ = exam
}

// A subject added on the form (name and full marks) takes a 成绩-only file.
func TestTotalsOnlySubjectFromTheForm(t *testing.T) {
	s := webtest.New(t)
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	res, body := c.Post(exam+"/paper", url.Values{"subject": {"科学"}, "full": {"150"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add subject: %d %s", res.StatusCode, body)
	}
	res = upload(t, c, exam+"/scores", "科学.csv", []byte("考号,县区,学校,班级,科目,成绩\nA1,鹿城区,鹿城区实验小学,1班,科学,131.5\nA2,鹿城区,鹿城区实验小学,2班,科学,97\n"))
	if page := c.WaitJob(res.Header.Get("Location"), nil); !strings.Contains(page, "只有成绩") {
		t.Fatalf("科学 import: %s", page)
	}
	res, _ = c.Post(exam+"/analyze", nil)
	c.WaitJob(res.Header.Get("Location"), nil)
	_, body = c.Get(exam + "/report?level=region&subject=" + url.QueryEscape("科学"))
	if row := tableRow(body, "全区"); len(row) < 4 || row[1] != "2" || row[3] != "114.25" {
		t.Errorf("科学 region row %v, want 2 students averaging 114.25", row)
	}
}

// A 问题调研 file goes up with the loop and comes down for the county; county
// B gets 404 for it.
func TestInvestigationFileUpAndDown(t *testing.T) {
	s := webtest.New(t)
	id, _ := qualityweb.LoopAt(t, s.World, "county_a", "330302", s.BureauA, s.SchoolA, "鹿城区", "鹿城区实验小学", "investigate")
	c := s.As("school_a")
	loop := "/rectifications/" + itoa(id)
	if res := upload(t, c, loop+"/files", "访谈记录.txt", []byte("访谈学生 20 人")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.StatusCode)
	}
	_, body := s.As("county_a").Get(loop)
	m := regexp.MustCompile(`href="(` + loop + `/files/\d+)">访谈记录.txt`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the loop page does not list the file")
	}
	if res, body := s.As("county_a").Get(m[1]); res.StatusCode != 200 || body != "访谈学生 20 人" {
		t.Errorf("download: %d %q", res.StatusCode, body)
	}
	if res, _ := s.As("county_b").Get(m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B downloads it: %d", res.StatusCode)
	}
}

// The indicators import writes a county's schools whole, and refuses a file
// with another county's school without writing any of it.
func TestIndicatorsImport(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	bad := webtest.CSV("学校标识码,学年,合格性考试合格率", "2330000001,2025,91.5", "2330000002,2025,80")
	if page := c.Upload("quality_indicators", "指标.csv", bad, false); !strings.Contains(page, "未导入任何数据") || !strings.Contains(page, "不在您的管辖范围内") {
		t.Errorf("a file with county B's school: %s", page)
	}
	if _, body := c.Get("/quality/indicators"); strings.Contains(body, "91.5") {
		t.Error("a refused file wrote a value")
	}
	good := webtest.CSV("学校标识码,学年,合格性考试合格率,高考三线上线率", "2330000001,2025,91.5,")
	if page := c.Upload("quality_indicators", "指标.csv", good, false); !strings.Contains(page, "已导入 1 项指标") {
		t.Fatalf("good file: %s", page)
	}
	if _, body := c.Get("/quality/indicators"); !strings.Contains(body, "91.5%（1校）") {
		t.Errorf("the page does not show the imported value")
	}
}
