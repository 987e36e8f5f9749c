package activityweb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web/webtest"
)

func TestObservationRuleReportShowsUnsetRuleAndExports(t *testing.T) {
	s := webtest.New(t)
	s.MustPerson(t, org.Person{Name: "鹿城教研员甲", OrgID: s.World.BureauA, ResearcherKind: "fulltime", ResearcherSubject: "数学"})
	s.MustPerson(t, org.Person{Name: "龙湾教研员乙", OrgID: s.World.BureauB, ResearcherKind: "fulltime", ResearcherSubject: "数学"})
	year := dict.SchoolYearOf(time.Now().In(activity.CST))
	city := s.As("city_admin")
	_, body := city.Get("/observations/report")
	if !strings.Contains(body, "本区域未设定规则：每学年听课") || !strings.Contains(body, "鹿城教研员甲") || !strings.Contains(body, "龙湾教研员乙") {
		t.Fatalf("report without the rule: %s", body)
	}
	admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
	if err := (&policy.Service{DB: s.DB}).SetValue(context.Background(), admin, "330302", policy.RuleResearcherLessonsObservedPerYear, 120, year, "测试", 0); err != nil {
		t.Fatal(err)
	}
	_, body = city.Get("/observations/report")
	if !strings.Contains(body, "<td>鹿城教研员甲</td><td>0 节</td><td>120 节</td><td><strong>还差 120 节</strong>") {
		t.Fatalf("鹿城 row against the rule: %s", body)
	}
	if !strings.Contains(body, "<td>龙湾教研员乙</td><td>0 节</td><td>本区域未设定规则：每学年听课</td>") {
		t.Fatalf("龙湾 row without the rule: %s", body)
	}
	if _, body := s.As("county_b").Get("/observations/report"); strings.Contains(body, "鹿城教研员甲") {
		t.Error("county B sees county A's researcher")
	}
	res, xlsx := city.Get("/observations/report/export")
	if text := webtest.Readable(t, res, xlsx); !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") ||
		!strings.Contains(text, "还差 120 节") || !strings.Contains(text, "本区域未设定规则：每学年听课") {
		t.Errorf("export: %s %s", res.Header.Get("Content-Type"), text)
	}
	if res, _ := s.As("teacher_a").Get("/observations/report"); res.StatusCode != 403 {
		t.Errorf("a teacher opened the report: %d", res.StatusCode)
	}
}
