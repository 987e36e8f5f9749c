package trainingweb_test

import (
	"fmt"

	"github.com/xuri/excelize/v2"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/web/trainingweb"
	"jiaoyan/internal/web/webtest"
)

func TestSurveyAnsweredOnceOnThePhoneAndReadAsAggregates(t *testing.T) {
	s := webtest.New(t)
	county := s.As("county_a")
	res, _ := county.Post("/surveys", url.Values{"title": {"鹿城区教师培训需求调研"},
		"questions": {"单选|最需要的培训内容|课堂教学;作业设计\n评分|对去年培训的满意度\n填空|其他建议"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	if _, body := county.Post("/surveys", url.Values{"title": {"x"}, "questions": {"单选|只有一项|甲"}}); !strings.Contains(body, "第 1 行：选择题至少需要两个选项") {
		t.Errorf("a bad question line is not named")
	}
	path := res.Header.Get("Location")
	path = path[:strings.Index(path, "?")]
	teacher := s.As("teacher_a")
	_, list := teacher.Get("/surveys")
	if !strings.Contains(list, "鹿城区教师培训需求调研") || !strings.Contains(list, "待填写") {
		t.Fatalf("the teacher's list does not offer the survey")
	}
	_, form := teacher.Get(path)
	ids := regexpAll(form, `name="(q\d+)"`)
	if len(ids) < 3 {
		t.Fatalf("answer form fields %v", ids)
	}
	if _, body := teacher.Post(path+"/answer", url.Values{ids[0]: {"2"}}); !strings.Contains(body, "第 2 题「对去年培训的满意度」：请作答") {
		t.Errorf("a missing rating is not named")
	}
	ans := url.Values{ids[0]: {"2"}, ids[len(ids)-2]: {"4"}, ids[len(ids)-1]: {"多安排课例研讨"}}
	if res, _ := teacher.Post(path+"/answer", ans); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer: %d", res.StatusCode)
	}
	if _, body := teacher.Post(path+"/answer", ans); !strings.Contains(body, "不能重复提交") {
		t.Errorf("answering twice is not refused")
	}
	_, mine := teacher.Get(path)
	if !strings.Contains(mine, "您已提交该问卷") || strings.Contains(mine, "多安排课例研讨") {
		t.Errorf("the teacher sees the results or no acknowledgement")
	}
	_, results := county.Get(path)
	for _, want := range []string{`id="survey-rate">1/`, "100.0%", "平均 4.0 分", "多安排课例研讨"} {
		if !strings.Contains(results, want) {
			t.Errorf("results lack %q", want)
		}
	}
	if strings.Contains(results, "陈鹿城") {
		t.Errorf("the results name the respondent")
	}
	if res, _ := s.As("county_b").Get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B reads 鹿城's results: %d", res.StatusCode)
	}
	readSurveyExport(t, county, path)
	if res, _ := s.As("county_b").Get(path + "/export"); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B exports 鹿城's results: %d", res.StatusCode)
	}
	if res, _ := teacher.Get(path + "/export"); res.StatusCode == http.StatusOK {
		t.Errorf("a teacher exports the results")
	}
	if res, _ := county.Post(path+"/close", url.Values{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", res.StatusCode)
	}
	if _, body := county.Get("/surveys"); !strings.Contains(body, "已结束") {
		t.Errorf("the closed survey does not read 已结束")
	}
}

func TestProgramReportShowsAttendanceCompletionAndEvaluation(t *testing.T) {
	s := webtest.New(t)
	id := trainingweb.ProgramOf(t, s.World, s.CountyA, "骨干教师研修班")
	county, teacher := s.As("county_a"), s.As("teacher_a")
	teacher.Post(fmt.Sprintf("/programs/%d/signup", id), nil)
	res, _ := county.Post("/surveys", url.Values{"program_id": {fmt.Sprint(id)}, "title": {"研修班评价"},
		"questions": {"评分|课程内容的实用性"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("evaluation: %d", res.StatusCode)
	}
	path := res.Header.Get("Location")
	path = path[:strings.Index(path, "?")]
	_, form := teacher.Get(path)
	q := regexpAll(form, `name="(q\d+)"`)
	if len(q) == 0 {
		t.Fatal("no answer form for the enrolled teacher")
	}
	teacher.Post(path+"/answer", url.Values{q[0]: {"3"}})
	county.Post(fmt.Sprintf("/programs/%d/complete", id), url.Values{"version": {"1"}})
	_, rep := county.Get(fmt.Sprintf("/programs/%d/report", id))
	for _, want := range []string{"骨干教师研修班", "问卷「研修班评价」填答 1/1（100.0%）", "平均 3.0 分", `id="report-completion">1/1（100.0%）`} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if res, _ := s.As("county_b").Get(fmt.Sprintf("/programs/%d/report", id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B reads the report: %d", res.StatusCode)
	}
}

// regexpAll is the distinct first groups of re in s, in order.
func regexpAll(s, re string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(s, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

func TestQuotaNominationAndApprovalThroughThePages(t *testing.T) {
	s := webtest.New(t)
	id := trainingweb.ProgramModeOf(t, s.World, s.CityAdmin, "市级骨干教师培训", "quota")
	city, county, teacher := s.As("city_admin"), s.As("county_a"), s.As("teacher_a")
	page := fmt.Sprintf("/programs/%d", id)
	if _, body := county.Post(page+"/nominate", url.Values{"people": {fmt.Sprint(s.TeacherA)}}); !strings.Contains(body, "名额已满或未分配名额") {
		t.Errorf("nominating before any quota is not refused")
	}
	if res, _ := city.Post(page+"/quotas", url.Values{"region": {"330302"}, "quota": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("quota: %d", res.StatusCode)
	}
	if res, _ := county.Post(page+"/nominate", url.Values{"people": {fmt.Sprint(s.TeacherA)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("nominate: %d", res.StatusCode)
	}
	if _, body := teacher.Get(page); !strings.Contains(body, "待主办单位审核") {
		t.Errorf("the nominee does not see the pending enrolment")
	}
	_, body := city.Get(page)
	if !strings.Contains(body, "<td>鹿城区</td><td>2</td><td>1</td><td>1</td>") || !strings.Contains(body, "陈鹿城") {
		t.Errorf("the organiser's page lacks the quota use or the nominee")
	}
	if res, _ := county.Post(page+"/enrolments", url.Values{"people": {fmt.Sprint(s.TeacherA)}, "decision": {"approve"}}); res.StatusCode == http.StatusSeeOther {
		t.Errorf("the nominating county approves its own nominee")
	}
	if res, _ := city.Post(page+"/enrolments", url.Values{"people": {fmt.Sprint(s.TeacherA)}, "decision": {"approve"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	if _, body := teacher.Get(page); !strings.Contains(body, "您已报名该项目") {
		t.Errorf("the approved teacher is not enrolled")
	}
}

// readSurveyExport reads the results' xlsx back: totals by question as the
// page shows them (one answer: 作业设计 1 of 1, rating 4, one text answer),
// and neither the respondent nor the text they wrote.
func readSurveyExport(t *testing.T, county *webtest.Client, path string) {
	t.Helper()
	res, body := county.Get(path + "/export")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	got := map[string]string{}
	for _, r := range rows {
		line := strings.Join(r, "|")
		if strings.Contains(line, "陈鹿城") || strings.Contains(line, "多安排课例研讨") {
			t.Errorf("the export holds a person's answer: %q", line)
		}
		if len(r) >= 5 {
			got[r[0]+"/"+r[3]] = strings.Join(r[4:], "|")
		}
	}
	for k, want := range map[string]string{"1/课堂教学": "0|0.0%", "1/作业设计": "1|100.0%", "2/4 分": "1|100.0%",
		"2/3 分": "0|0.0%", "3/填答条数": "1|100.0%"} {
		if got[k] != want {
			t.Errorf("export row %s reads %q, want %q (rows %v)", k, got[k], want, rows)
		}
	}
	if _, ok := got["2/平均 4.0 分"]; !ok && !strings.Contains(fmt.Sprint(rows), "平均 4.0 分") {
		t.Errorf("export lacks the rating's average: %v", rows)
	}
	if len(rows) < 2 || !strings.Contains(strings.Join(rows[1], ""), "答卷 1 份") {
		t.Errorf("export lacks the answer count: %v", rows)
	}
}

// The needs-survey form offers the regions and schools of the manager's
// scope; a school outside it is refused at its field.
func TestSurveyFormTargetsOnlyTheScope(t *testing.T) {
	s := webtest.New(t)
	county := s.As("county_a")
	_, page := county.Get("/surveys")
	if !strings.Contains(page, `name="org_id"`) || !strings.Contains(page, "鹿城区实验小学") || strings.Contains(page, "龙湾区永中小学") {
		t.Errorf("the form's school picker is not county A's")
	}
	_, body := county.Post("/surveys", url.Values{"title": {"越权调研"}, "org_id": {fmt.Sprint(s.SchoolB)},
		"questions": {"评分|满意度"}})
	if !strings.Contains(body, "请选择您管辖范围内的学校") {
		t.Errorf("a school of 龙湾 is not refused at its field")
	}
	if _, list := county.Get("/surveys"); strings.Contains(list, "越权调研") {
		t.Errorf("the refused survey was written")
	}
	res, _ := county.Post("/surveys", url.Values{"title": {"实验小学需求调研"}, "org_id": {fmt.Sprint(s.SchoolA)},
		"tier": {"backbone"}, "questions": {"评分|满意度"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a survey of county A's school: %d", res.StatusCode)
	}
	if _, list := county.Get("/surveys"); !strings.Contains(list, "鹿城区实验小学 · 骨干") {
		t.Errorf("the list does not read the school and tier target")
	}
}
