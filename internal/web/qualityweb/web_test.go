package qualityweb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jiaoyan/internal/quality/analysis"
	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

func upload(t *testing.T, c *webtest.Client, path, name string, data []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	webtest.ReadBody(res)
	return res
}

// examThroughPages makes a county A exam through the pages: the form, the
// paper upload, the scores import job and the analysis job.
func examThroughPages(t *testing.T, s *webtest.Site, scores string) (string, *webtest.Client) {
	qualityweb.AnalysisRules(t, s.World)
	c := s.As("county_a")
	res, body := c.Post("/exams", url.Values{"name": {"鹿城区六年级期末检测"}, "year": {"2025"}, "half": {"1"}, "kind": {"quality"},
		"school_ids": {itoa(s.SchoolA)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create exam: %d %s", res.StatusCode, body)
	}
	exam := strings.TrimSuffix(res.Header.Get("Location"), "?done=created")
	if res := upload(t, c, exam+"/paper", "题目表.csv", []byte(qualityweb.ExamPaper)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("paper upload: %d", res.StatusCode)
	}
	res = upload(t, c, exam+"/scores", "成绩.csv", []byte(scores))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("scores upload: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if page := c.WaitJob(res.Header.Get("Location"), nil); !strings.Contains(page, "成绩已导入") {
		t.Fatalf("scores job: %s", webtest.Readable(t, res, page))
	}
	res, _ = c.Post(exam+"/analyze", nil)
	if page := c.WaitJob(res.Header.Get("Location"), nil); !strings.Contains(page, "分析已完成") {
		t.Fatalf("analysis job: %s", page)
	}
	return exam, c
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var cellRE = regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)

// The figures of the school table equal the engine's JSON for the same
// files, formatted as the page formats them.
func TestReportPageFiguresEqualEngineJSON(t *testing.T) {
	s := webtest.New(t)
	scores := qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A")
	exam, c := examThroughPages(t, s, scores)
	res, body := c.Get(exam + "/report?level=school&subject=" + url.QueryEscape("数学"))
	if res.StatusCode != 200 {
		t.Fatalf("report: %d", res.StatusCode)
	}
	g := engineGroup(t, scores, "school", "数学")
	want := []string{"鹿城区实验小学", "6", "0", fmtNum(g["mean"]), fmtNum(g["sd"]), fmtNum(g["max"]), fmtNum(g["min"]), fmtNum(g["median"]),
		fmtPct(g["pass_rate"]), fmtPct(g["good_rate"]), fmtPct(g["excellent_rate"]), fmtPct(g["low_rate"])}
	row := tableRow(body, "鹿城区实验小学")
	if len(row) < len(want) {
		t.Fatalf("no school row in the report page: %v", row)
	}
	for i, w := range want {
		if row[i] != w {
			t.Errorf("column %d = %q, engine says %q", i, row[i], w)
		}
	}
	if !strings.Contains(body, `data-chart="{&#34;option&#34;`) {
		t.Error("report page has no chart")
	}
}

func engineGroup(t *testing.T, scores, level, subject string) map[string]any {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "i.csv"), []byte(qualityweb.ExamPaper), 0o644)
	os.WriteFile(filepath.Join(dir, "s.csv"), []byte(scores), 0o644)
	ex, err := analysis.ReadExam(filepath.Join(dir, "i.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := analysis.ReadScores(filepath.Join(dir, "s.csv"), ex, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Analyze(context.Background(), ds, analysis.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < rep.Count(analysis.SectionGroups); i++ {
		var g map[string]any
		json.Unmarshal(rep.AppendRecord(nil, analysis.SectionGroups, i), &g)
		if g["level"] == level && g["subject"] == subject {
			return g
		}
	}
	t.Fatal("engine has no such group")
	return nil
}

func tableRow(body, first string) []string {
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(body, -1) {
		var cells []string
		for _, m := range cellRE.FindAllStringSubmatch(tr[1], -1) {
			cells = append(cells, m[1])
		}
		if len(cells) > 0 && cells[0] == first {
			return cells
		}
	}
	return nil
}

func fmtNum(v any) string {
	f, _ := v.(float64)
	b, _ := json.Marshal(float64(int64(f*100+0.5)) / 100)
	return string(b)
}

func fmtPct(v any) string {
	f, _ := v.(float64)
	s := strings.TrimSuffix(strings.TrimSuffix(jsonFloat(float64(int64(f*1000+0.5))/10), ".0"), ".0")
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s + "%"
}

func jsonFloat(f float64) string { b, _ := json.Marshal(f); return string(b) }

// From the attacker's side: school A's administrator opens county B's
// report and student list, and looks for ranks on every page it can open.
func TestSchoolAdminSeesNoOtherSchoolAndNoRank(t *testing.T) {
	s := webtest.New(t)
	exam, _ := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	other := qualityweb.AnalysedExam(t, s.World, "county_b", s.BureauB, s.SchoolB, "龙湾区", "龙湾区永中小学", "龙湾区期末质量检测")
	c := s.As("school_a")
	for _, p := range []string{"", "/report", "/report?level=school", "/report/print?school=" + itoa(s.SchoolB), "/students?school=" + itoa(s.SchoolB), "/ranks"} {
		res, body := c.Get("/exams/" + itoa(other) + p)
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
			t.Errorf("school A opens county B's exam%s: %d", p, res.StatusCode)
		}
		if strings.Contains(body, "龙湾区永中小学") {
			t.Errorf("county B's school shows on %s", p)
		}
	}
	for _, p := range []string{"", "/report?level=school", "/report?level=class", "/report/print?school=" + itoa(s.SchoolA), "/students"} {
		res, body := c.Get(exam + p)
		if res.StatusCode != 200 {
			t.Errorf("school A cannot open its own %s: %d", p, res.StatusCode)
		}
		if strings.Contains(body, "名次") || strings.Contains(body, "排名") && !strings.Contains(body, "不含排名") {
			t.Errorf("a page school A opens (%s) shows a rank", p)
		}
	}
	if res, _ := c.Get(exam + "/ranks"); res.StatusCode != http.StatusForbidden {
		t.Errorf("school A opens the ranks: %d", res.StatusCode)
	}
	if res, body := c.Get(exam + "/students"); !strings.Contains(body, "A1") || res.StatusCode != 200 {
		t.Error("school A does not see its own students' scores")
	}
}

// A scores file with several bad rows: the job page lists each with its row
// and column, and nothing is imported.
func TestScoresJobListsEveryBadRow(t *testing.T) {
	s := webtest.New(t)
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	bad := "考号,县区,学校,班级,科目,缺考,第1题,第2题,第3题,第4题\n" +
		"A1,鹿城区,鹿城区实验小学,1班,数学,,3,2,6,4\nA2,鹿城区,鹿城区实验小学,2班,数学,,2,x,4,2\nA3,鹿城区,外校,1班,数学,,2,2,6,4\n"
	res := upload(t, c, exam+"/scores", "bad.csv", []byte(bad))
	page := c.WaitJob(res.Header.Get("Location"), nil)
	if !strings.Contains(page, "有 2 处错误") || !strings.Contains(page, `id="job-errors"`) || !strings.Contains(page, "<td>2</td><td>第1题</td>") ||
		!strings.Contains(page, "<td>3</td><td>第2题</td>") {
		t.Errorf("job page does not list both bad rows: %s", page)
	}
	if _, body := c.Get(exam); !strings.Contains(body, "<td>数学</td><td>6</td>") {
		t.Error("the failed import changed the stored 数学 scores")
	}
}
