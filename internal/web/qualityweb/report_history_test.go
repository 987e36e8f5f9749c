package qualityweb_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

var historyLinkRE = regexp.MustCompile(`/report\?report=(\d+)">查看</a>`)

// After a re-import and a second analysis the report page lists both runs
// with their time and who ran them; the older one opens with its own
// figures, marked as not current; another exam's report id is not found.
func TestReportHistoryBrowsesEarlierAnalyses(t *testing.T) {
	s := webtest.New(t)
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	_, first := c.Get(exam + "/report?level=region&subject=" + "%E8%AF%AD%E6%96%87")
	if strings.Contains(first, "历次分析") {
		t.Fatal("a single analysis shows a history")
	}
	// 语文 one student (A5) 62 → 140: the region mean changes; A6 has 140 already.
	scores := strings.Replace(qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"), "语文,,62", "语文,,140", 1)
	res := upload(t, c, exam+"/scores", "成绩.csv", []byte(scores))
	c.WaitJob(res.Header.Get("Location"), nil)
	res, _ = c.Post(exam+"/analyze", nil)
	c.WaitJob(res.Header.Get("Location"), nil)

	_, now := c.Get(exam + "/report?level=region&subject=" + "%E8%AF%AD%E6%96%87")
	if !strings.Contains(now, "历次分析") || strings.Count(now, "<td>林管理</td>") != 2 || !strings.Contains(now, "正在查看（当前报告）") {
		t.Fatalf("history: %s", webtest.Readable(t, res, now))
	}
	m := historyLinkRE.FindStringSubmatch(now)
	if m == nil {
		t.Fatal("no link to the earlier analysis")
	}
	_, old := c.Get(exam + "/report?level=region&subject=" + "%E8%AF%AD%E6%96%87&report=" + m[1])
	if !strings.Contains(old, "这是较早的一次分析") || !strings.Contains(old, `name="report" value="`+m[1]+`"`) {
		t.Fatalf("older report page: %s", webtest.Readable(t, res, old))
	}
	if mean(t, old) == mean(t, now) || mean(t, old) != mean(t, first) {
		t.Fatalf("older report figures %s, first %s, current %s", mean(t, old), mean(t, first), mean(t, now))
	}
	if _, st := c.Get(exam + "/students?report=" + m[1]); !strings.Contains(st, "<td>62</td>") || strings.Count(st, "<td>140</td>") != 1 {
		t.Errorf("the students page of the earlier analysis does not show its 语文 62: %s", webtest.Readable(t, res, st))
	}
	if _, st := c.Get(exam + "/students"); strings.Contains(st, "<td>62</td>") || strings.Count(st, "<td>140</td>") != 2 {
		t.Errorf("the current students page does not show the re-imported 140: %s", webtest.Readable(t, res, st))
	}
	other := qualityweb.AnalysedExam(t, s.World, "county_a", s.BureauA, s.SchoolA, "鹿城区", "鹿城区实验小学", "另一次检测")
	if res, _ := c.Get("/exams/" + itoa(other) + "/report?report=" + m[1]); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another exam's report id: %d", res.StatusCode)
	}
}

// mean is the 平均分 cell of the first row of the page's level table.
func mean(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, "<h2>全区 · 语文</h2>")
	if i < 0 {
		t.Fatal("no region table")
	}
	cells := cellRE.FindAllStringSubmatch(page[i:], 4)
	if len(cells) < 4 {
		t.Fatal("no row")
	}
	return cells[3][1]
}
