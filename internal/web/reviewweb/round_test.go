package reviewweb_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// The office publishes a round from the campaigns page and lands on the
// round: 中学 by the rotation, the three phases linked, the weight rules
// named while unset; each phase links back to it; the xlsx export has the
// standing's columns with the weights; county B cannot open it.
func TestRoundPageFromPublishToExport(t *testing.T) {
	s := webtest.New(t)
	y := dict.SchoolYearOf(time.Now().In(web.CST))
	pol := &policy.Service{DB: s.DB}
	if err := pol.SetValue(context.Background(), testutil.Root, "330302", policy.RuleContestRotationStartYear, float64(y), y, "测试", 0); err != nil {
		t.Fatal(err)
	}
	d := func(m, dd int) string {
		return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, web.CST).Format("2006-01-02")
	}
	c := s.As("county_a")
	res, _ := c.Post("/campaigns/contest-round", url.Values{"term": {fmt.Sprintf("%d学年第一学期", y)}, "reviewers": {"1"}, "rubric": {"方案 100"},
		"opens_0": {d(9, 10)}, "closes_0": {d(9, 30)}, "opens_1": {d(11, 1)}, "closes_1": {d(11, 20)}, "opens_2": {d(12, 20)}, "closes_2": {d(12, 31)}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/contest-rounds/") {
		t.Fatalf("publish: %d %s", res.StatusCode, loc)
	}
	round := strings.TrimSuffix(loc, "?saved=1")
	_, body := c.Get(loc)
	if !strings.Contains(body, fmt.Sprintf("%d学年第一学期校本研修比拼（中学）", y)) || !strings.Contains(body, "学期中研修活动现场展示") ||
		!strings.Contains(body, "本区域未设定规则：比拼综合成绩中学期末成效比拼的权重") || !strings.Contains(body, "尚无学校参加本轮比拼") {
		t.Fatalf("round page:\n%s", body)
	}
	i := strings.Index(body, `<ol id="round-phases">`)
	i += strings.Index(body[i:], `<a href="/campaigns/`)
	phase := body[i+len(`<a href="`) : i+strings.Index(body[i:], `">`)]
	if _, page := c.Get(phase); !strings.Contains(page, `href="`+round+`"`) {
		t.Fatalf("phase %s does not link back to its round", phase)
	}
	for k, v := range map[policy.RuleKey]float64{policy.RuleContestWeightPlan: 30, policy.RuleContestWeightShow: 30, policy.RuleContestWeightEffect: 40} {
		if err := pol.SetValue(context.Background(), testutil.Root, "330300", k, v, y, "测试", 0); err != nil {
			t.Fatal(err)
		}
	}
	_, body = c.Get(round)
	if strings.Contains(body, "本区域未设定规则") || !strings.Contains(html.UnescapeString(body), "综合成绩 = 方案比拼 × 30% + 现场展示 × 30% + 成效比拼 × 40%") {
		t.Fatalf("with weights:\n%s", body)
	}
	res, raw := c.Get(round + "/export")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("export: %d %s", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil || len(rows) < 1 || rows[0][0] != "名次" || !strings.HasPrefix(rows[0][2], "学期初校本研修方案比拼得分（权重 ") || rows[0][5] != "综合成绩" {
		t.Fatalf("export header %v %v", rows, err)
	}
	if res, _ := s.As("county_b").Get(round); res.StatusCode != 404 {
		t.Fatalf("county B opens county A's round: %d", res.StatusCode)
	}
	if res, _ := s.As("teacher_a").Get(round); res.StatusCode != 403 && res.StatusCode != 404 {
		t.Fatalf("a teacher opens the round: %d", res.StatusCode)
	}
}
