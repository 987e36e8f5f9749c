package qualityweb_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

// The county chooses 陈鹿城 as 数学's 命题人 on the paper form; after the
// next analysis the teacher (whose own scope is only themself) finds the
// 数学 item warnings at /warnings and among their 待办, and no school
// warning; another teacher of the same school sees none and gets 404 for
// one. A setter from another county is refused at the field.
func TestSetterSeesTheirItemWarnings(t *testing.T) {
	s := webtest.New(t)
	p := &policy.Service{DB: s.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	if err := p.SetValue(context.Background(), testutil.Root, "330302", policy.RuleQualityItemDiscrimination, 0.99, 2025, "", 0); err != nil {
		t.Fatal(err)
	}
	qualityweb.WarnRules(t, s.World, "330302")
	exam, c := examThroughPages(t, s, qualityweb.ExamScores("鹿城区", "鹿城区实验小学", "A"))
	if _, body := c.Get("/warnings?kind=item"); !strings.Contains(body, quality.NoSetterNote) {
		t.Fatalf("before any setter the item warnings do not say who was told")
	}
	if _, body := c.Get(exam + "/papers/edit?subject=" + url.QueryEscape("数学")); !strings.Contains(body, "命题人") {
		t.Fatal("the paper form has no 命题人 field")
	}
	if _, body := s.As("teacher_a").Get("/todo"); menuOffersWarnings(body) {
		t.Error("a teacher who sets no paper has 预警 in the menu")
	}
	form := url.Values{"subject": {"数学"}, "rows": {"4"}}
	for i, r := range [][3]string{{"1", "2", "客观"}, {"2", "2", "客观"}, {"3", "6", "主观"}, {"4", "4", "主观"}} {
		k := itoa(int64(i))
		form.Set("name"+k, r[0])
		form.Set("full"+k, r[1])
		form.Set("kind"+k, r[2])
	}
	form.Set("setters", itoa(s.TeacherB))
	if res, body := c.Post(exam+"/papers", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不在") {
		t.Fatalf("a setter of county B: %d, want 422 naming the field", res.StatusCode)
	}
	form.Set("setters", itoa(s.TeacherA))
	if res, body := c.Post(exam+"/papers", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save paper with setter: %d %s", res.StatusCode, body)
	}
	if _, body := c.Get(exam); !strings.Contains(body, "陈鹿城") {
		t.Error("the exam page does not name the paper's setter")
	}
	res, _ := c.Post(exam+"/analyze", nil)
	c.WaitJob(res.Header.Get("Location"), nil)

	setter := s.As("teacher_a")
	_, body := setter.Get("/warnings")
	if !strings.Contains(body, "请命题人（陈鹿城）关注") || strings.Contains(body, "<td>班级低分率偏高</td>") {
		t.Fatalf("the setter's /warnings: %s", body)
	}
	id := regexp.MustCompile(`href="/warnings/(\d+)"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no warning link on the setter's list")
	}
	if res, body := setter.Get("/warnings/" + id[1]); res.StatusCode != 200 || !strings.Contains(body, "区分度") {
		t.Errorf("the setter opens their warning: %d", res.StatusCode)
	}
	if _, body := setter.Get("/todo"); !strings.Contains(body, "区分度") {
		t.Error("the setter has no 待办 for the item warning")
	} else if !menuOffersWarnings(body) {
		t.Error("the setter (without quality.view) has no 预警 entry in the menu")
	}
	school := qualityweb.SchoolWarning(t, s.World, "county_a", webtestExamID(exam))
	if res, _ := setter.Get("/warnings/" + itoa(school.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("the setter opens a school warning: %d", res.StatusCode)
	}

	other := s.MustPerson(t, org.Person{Name: "李同校", OrgID: s.SchoolA})
	s.MustUser(t, other, "teacher_a2", auth.RoleTeacher)
	if err := s.DB.Exec(context.Background(), "UPDATE users SET must_change = FALSE"); err != nil {
		t.Fatal(err)
	}
	o := s.As("teacher_a2")
	if _, body := o.Get("/warnings"); strings.Contains(body, `href="/warnings/`) {
		t.Error("another teacher sees the item warnings")
	}
	if res, _ := o.Get("/warnings/" + id[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("another teacher opens the item warning: %d", res.StatusCode)
	}
	if _, body := o.Get("/todo"); strings.Contains(body, "区分度") {
		t.Error("another teacher has the item warning as a 待办")
	} else if menuOffersWarnings(body) {
		t.Error("another teacher, who sets no paper, has 预警 in the menu")
	}
}

// menuOffersWarnings reports whether a page's side menu has the 预警 entry.
func menuOffersWarnings(body string) bool {
	return strings.Contains(body, `<a href="/warnings">预警</a>`) || strings.Contains(body, `<a href="/warnings" class="on">预警</a>`)
}

func webtestExamID(path string) int64 {
	var id int64
	for _, r := range strings.TrimPrefix(path, "/exams/") {
		id = id*10 + int64(r-'0')
	}
	return id
}
