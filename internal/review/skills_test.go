package review_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

// skills publishes a city 基本功比赛 opening on opens, for subjects and
// stages (empty: all).
func (f *fixture) skills(opens string, subjects, stages []string) (int64, error) {
	o, _ := time.Parse("2006-01-02", opens)
	c := review.Campaign{Kind: review.KindSkills, Title: o.Format("2006") + "年青年教师教学基本功比赛", OrgID: f.city, Opens: opens,
		Closes: o.AddDate(0, 0, 20).Format("2006-01-02"), ReviewDue: o.AddDate(0, 0, 40).Format("2006-01-02"), Reviewers: 1,
		Method: review.MethodMean, Subjects: subjects, Stages: stages}
	return f.svc.CreateCampaign(f.ctx, f.w.CityAdmin, c, []review.RubricItem{{Name: "教学设计", Max: 100}})
}

func (f *fixture) campaignCount(t *testing.T) int {
	t.Helper()
	_, n, err := f.svc.FindCampaigns(f.ctx, f.w.CityAdmin, 50, 0)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSkillsContestWaitsForItsCycle: with 每 2 年 in force, a 基本功比赛
// one 学年 after the last is refused with the last one and the next due
// 学年 named, and nothing is written; two 学年 on it is accepted. A region
// without the rule is held to no cycle.
func TestSkillsContestWaitsForItsCycle(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	if _, err := f.skills("2024-10-08", nil, nil); err != nil {
		t.Fatalf("no rule in force, no cycle: %v", err)
	}
	if err := f.svc.Policy.SetValue(f.ctx, testutil.Root, "330300", policy.RuleContestYoungTeacherCycleYears, 2, 2025, "004", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.skills("2025-09-15", nil, nil); err == nil || !strings.Contains(err.Error(), "下次应在 2026学年举办") {
		t.Fatalf("one 学年 after the 2024 contest: %v", err)
	}
	if _, err := f.skills("2026-09-15", nil, nil); err != nil {
		t.Fatalf("two 学年 after: %v", err)
	}
	before := f.campaignCount(t)
	_, err := f.skills("2027-09-20", nil, nil)
	want := "每 2 年举办一次：上次为“2026年青年教师教学基本功比赛”（2026学年），下次应在 2028学年举办"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("one 学年 after the 2026 contest: %v, want %q", err, want)
	}
	if f.campaignCount(t) != before {
		t.Fatal("the refused call was written")
	}
	if _, err := f.skills("2028-09-20", nil, nil); err != nil {
		t.Fatalf("due again in 2028学年: %v", err)
	}
}

// TestSkillsContestCoversEveryStageAndSubject: a call limited to 数学 and
// 小学 in a region that also has 语文 and 英语 teachers in 初中 is refused
// with those missing named; leaving both lists empty covers all.
func TestSkillsContestCoversEveryStageAndSubject(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	f.w.MustPerson(t, org.Person{Name: "初中语文教师", OrgID: f.w.SchoolA, Subjects: []string{"语文"}, Stages: []string{"junior"}})
	f.w.MustPerson(t, org.Person{Name: "初中英语教师", OrgID: f.w.SchoolB, Subjects: []string{"英语"}, Stages: []string{"junior"}})
	f.w.MustPerson(t, org.Person{Name: "小学数学教师", OrgID: f.w.SchoolB, Subjects: []string{"数学"}, Stages: []string{"primary"}})
	_, err := f.skills("2025-09-15", []string{"数学"}, []string{"primary"})
	if err == nil || !strings.Contains(err.Error(), "尚缺：学科 英语、语文；学段 初中") {
		t.Fatalf("a call for 数学 小学 only: %v", err)
	}
	if n := f.campaignCount(t); n != 0 {
		t.Fatalf("the refused call was written (%d)", n)
	}
	if _, err := f.skills("2025-09-15", []string{"数学", "语文", "英语"}, nil); err != nil {
		t.Fatalf("every subject, all stages: %v", err)
	}
}
