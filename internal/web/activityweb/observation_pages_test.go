package activityweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

// setCodingRules sets the city's 课堂观察 rules from the current 学年.
func setCodingRules(t *testing.T, s *webtest.Site) {
	ps := &policy.Service{DB: s.DB}
	admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
	for k, v := range map[policy.RuleKey]float64{policy.RuleActivitySTPracticeRt: 30, policy.RuleActivitySTLectureRt: 70,
		policy.RuleActivitySTDialogueCh: 40, policy.RuleActivitySTIntervalSeconds: 30, policy.RuleActivityFIASIntervalSeconds: 3} {
		if err := ps.SetValue(context.Background(), admin, "330300", k, v, ps.CurrentSchoolYear(), "测试", 0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestObserverScoresAsTheyTypeAndTheTeacherAnswers(t *testing.T) {
	s := webtest.New(t)
	rid := activityweb.RubricBy(t, s.World, "county_a", "鹿城区数学评课表")
	c := s.As("county_a")
	res, _ := c.Post("/observations", url.Values{"teacher_id": {fmt.Sprint(s.World.TeacherA)}, "topic": {"分数的初步认识"},
		"date": {"2025-10-15"}, "lesson_type": {"open"}, "rubric_id": {fmt.Sprint(rid)}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/observations/") {
		t.Fatalf("create: %d %s", res.StatusCode, loc)
	}
	_, body := c.Get(loc)
	if !strings.Contains(body, "目标明确（40 分）") || !strings.Contains(body, `hx-post="`+loc+`/draft"`) {
		t.Fatalf("the scoring form: %s", body)
	}
	req, _ := http.NewRequest("POST", s.URL+loc+"/draft", strings.NewReader(url.Values{"version": {"1"}, "score_0": {"0"}, "score_1": {""},
		"comment_0": {"目标清楚"}, "comment_1": {""}, "diagnosis": {"情境导入自然"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	hres, err := c.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hbody := webtest.ReadBody(hres)
	if hres.StatusCode != 200 || !strings.Contains(hbody, "已自动保存") || !strings.Contains(hbody, `value="2" hx-swap-oob="true"`) {
		t.Fatalf("autosave: %d %s", hres.StatusCode, hbody)
	}
	if _, body := c.Get(loc); !strings.Contains(body, "情境导入自然") || !strings.Contains(body, "目标清楚") {
		t.Errorf("the draft lost what was typed: %s", body)
	}
	res, body = c.Post(loc+"/submit", url.Values{"version": {"2"}, "score_0": {"0"}, "score_1": {""}, "diagnosis": {"情境导入自然"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请为「学生主体」评定等级") {
		t.Fatalf("submit with an unscored indicator: %d %s", res.StatusCode, body)
	}
	res, _ = c.Post(loc+"/submit", url.Values{"version": {"2"}, "score_0": {"0"}, "score_1": {"1"}, "diagnosis": {"情境导入自然"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	teacher := s.As("teacher_a")
	_, body = teacher.Get(loc)
	if !strings.Contains(body, `id="obs-total">88<`) || !strings.Contains(body, "林管理") {
		t.Fatalf("teacher's view lacks the total 88 (40 + 60×0.8) or the observer: %s", body)
	}
	follow(teacher, loc+"/respond", url.Values{"response": {"谢谢指导"}})
	if _, body := c.Get(loc); !strings.Contains(body, "谢谢指导") {
		t.Errorf("the observer does not see the response")
	}
}

func TestCodingPageShowsTheFiguresAndRefusesABadCode(t *testing.T) {
	s := webtest.New(t)
	setCodingRules(t, s)
	id := activityweb.ObservationBy(t, s.World, "county_a", s.World.TeacherA, 0, "观察课", false)
	c := s.As("county_a")
	path := fmt.Sprintf("/observations/%d", id)
	res, body := c.Post(path+"/codes", url.Values{"st_codes": {"TTQ"}, "fias_codes": {"5"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "第 3 个字符为「Q」") {
		t.Fatalf("bad S-T code: %d %s", res.StatusCode, body)
	}
	follow(c, path+"/codes", url.Values{"st_codes": {"TTTSSTTSTT"}, "fias_codes": {"10 5 5 4 8 8 2 5 10"}})
	_, body = c.Get(path + "/coding")
	for _, want := range []string{"<th>教师行为占有率 Rt</th><td>0.70</td>", "<th>行为转换率 Ch</th><td>0.40</td>", "<td>讲授型</td>",
		"<th>教师语言比率</th><td>55.6%</td>", "每 30 秒采样", "<svg class=\"st-curve\""} {
		if !strings.Contains(body, want) {
			t.Errorf("coding page lacks %q", want)
		}
	}
	res, _ = c.Get(path + "/coding/export")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheet") {
		t.Errorf("coding export: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}
