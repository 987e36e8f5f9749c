package qualityweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

// The organiser fills a paper item by item: a bad 满分 comes back at its
// field in Chinese with the typed values kept and nothing saved; a good form
// saves and the exam page lists the subject with its full marks.
func TestPaperFormItemByItem(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	res, _ := c.Post("/exams", url.Values{"name": {"鹿城区六年级期末检测"}, "year": {"2025"}, "half": {"1"}, "kind": {"quality"},
		"school_ids": {itoa(s.SchoolA)}})
	exam := strings.TrimSuffix(res.Header.Get("Location"), "?done=created")
	res, body := c.Get(exam + "/papers/edit")
	if res.StatusCode != 200 || !strings.Contains(body, `name="name9"`) {
		t.Fatalf("new paper form: %d", res.StatusCode)
	}
	form := url.Values{"new": {"1"}, "subject": {"科学"}, "rows": {"3"}, "name0": {"1"}, "full0": {"2"}, "kind0": {"客观"},
		"knowledge0": {"物质科学"}, "name1": {"2"}, "full1": {"-3"}, "kind1": {"主观"}, "name2": {"3"}, "full2": {"8"}, "ability2": {"探究"}}
	res, body = c.Post(exam+"/papers", form)
	if res.StatusCode != http.StatusUnprocessableEntity || strings.Count(body, "第2行：满分应为大于0") != 2 ||
		!strings.Contains(body, `value="物质科学"`) {
		t.Fatalf("bad 满分: %d %s", res.StatusCode, webtest.Readable(t, res, body))
	}
	if _, page := c.Get(exam); strings.Contains(page, "<td>科学</td>") {
		t.Fatal("a bad form wrote the paper")
	}
	form.Set("full1", "4.5")
	if res, body = c.Post(exam+"/papers", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, webtest.Readable(t, res, body))
	}
	_, page := c.Get(exam + "?done=paper_saved")
	if !strings.Contains(page, "<td>科学</td><td>14.5</td><td>3</td>") || !strings.Contains(page, "编辑小题") {
		t.Fatalf("exam page: %s", webtest.Readable(t, res, page))
	}
	if res, body = c.Post(exam+"/papers", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "科目“科学”已有试卷") {
		t.Fatalf("a second new 科学: %d", res.StatusCode)
	}
	_, body = c.Get(exam + "/papers/edit?subject=" + url.QueryEscape("科学"))
	if !strings.Contains(body, `value="4.5"`) || !strings.Contains(body, `value="探究"`) || !strings.Contains(body, "删除该科试卷及成绩") {
		t.Fatalf("edit form does not show the stored items")
	}
}

// A participating school cannot open or post the organiser's paper form.
func TestPaperFormOrganiserOnly(t *testing.T) {
	s := webtest.New(t)
	exam, _ := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	sc := s.As("school_a")
	if res, _ := sc.Get(exam + "/papers/edit?subject=" + url.QueryEscape("数学")); res.StatusCode == 200 {
		t.Fatal("a school opened the organiser's paper form")
	}
	if res, _ := sc.Post(exam+"/papers/remove", url.Values{"subject": {"数学"}}); res.StatusCode == http.StatusSeeOther {
		t.Fatal("a school removed the organiser's paper")
	}
}

// The exam page shows the region's analysis settings, and which are unset.
func TestExamPageShowsAnalysisSettings(t *testing.T) {
	s := webtest.New(t)
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	_, page := c.Get(exam)
	for _, want := range []string{"质量分析：及格线：60%（占满分）", "质量分析：低分线：40%（占满分）", "本区域未设定规则：薄弱学科：标准分低于"} {
		if !strings.Contains(page, want) {
			t.Errorf("exam page lacks %q", want)
		}
	}
}
