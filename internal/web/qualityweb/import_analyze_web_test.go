package qualityweb_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

// The exam page offers 导入并分析: one job imports the file and stores the
// report, and the report page then shows the figures the two-step path
// (import, then 运行分析) shows for the same file.
func TestImportAndAnalyzeFromThePage(t *testing.T) {
	s := webtest.New(t)
	scores := qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A")
	exam, c := examThroughPages(t, s, scores)
	report := exam + "/report?level=school&subject=" + url.QueryEscape("数学")
	_, before := c.Get(report)
	want := tableRow(before, "鹿城区实验小学")
	if len(want) < 5 {
		t.Fatalf("no school row after the two-step path: %v", want)
	}
	if _, page := c.Get(exam); !strings.Contains(page, `value="analyze">导入并分析</button>`) {
		t.Fatal("the exam page does not offer 导入并分析")
	}
	changed := strings.Replace(scores, ",,2,2,6,4", ",,1,0,2,1", 1)
	loc := uploadThen(t, c, exam+"/scores", "成绩.csv", []byte(changed), "analyze")
	page := c.WaitJob(loc, nil)
	if !strings.Contains(page, "成绩已导入，分析已完成，报告已保存") || !strings.Contains(page, "已替换：数学") {
		t.Fatalf("job page: %s", page)
	}
	_, after := c.Get(report)
	if got := tableRow(after, "鹿城区实验小学"); len(got) < 5 || strings.Join(got, " ") == strings.Join(want, " ") {
		t.Fatalf("the report page still shows the old figures %v: %v", want, got)
	}
	res, _ := c.Post(exam+"/analyze", nil)
	c.WaitJob(res.Header.Get("Location"), nil)
	_, again := c.Get(report)
	if a, b := tableRow(after, "鹿城区实验小学"), tableRow(again, "鹿城区实验小学"); strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("导入并分析 shows %v, 运行分析 over the stored scores %v", a, b)
	}
}

// A bad file through 导入并分析 is refused whole, as an import is, and the
// report stays as it was.
func TestImportAndAnalyzeOfABadFileKeepsTheReport(t *testing.T) {
	s := webtest.New(t)
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	report := exam + "/report?level=school&subject=" + url.QueryEscape("数学")
	_, before := c.Get(report)
	bad := "考号,县区,学校,班级,科目,缺考,第1题,第2题,第3题,第4题\nA1,鹿城区,鹿城区实验小学,1班,数学,,3,x,6,4\n"
	page := c.WaitJob(uploadThen(t, c, exam+"/scores", "bad.csv", []byte(bad), "analyze"), nil)
	if !strings.Contains(page, "成绩未导入") || !strings.Contains(page, "第2行") {
		t.Errorf("job page: %s", page)
	}
	if _, after := c.Get(report); strings.Join(tableRow(after, "鹿城区实验小学"), " ") != strings.Join(tableRow(before, "鹿城区实验小学"), " ") {
		t.Error("a refused file changed the report")
	}
}

// uploadThen posts a file with the form's then field and returns the job.
func uploadThen(t *testing.T, c *webtest.Client, path, name string, data []byte, then string) string {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.WriteField("then", then)
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	webtest.ReadBody(res)
	if loc := res.Header.Get("Location"); res.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, "/jobs/") {
		return loc
	}
	t.Fatalf("upload: %d", res.StatusCode)
	return ""
}
