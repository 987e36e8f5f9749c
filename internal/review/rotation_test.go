package review_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

func TestRotationByHand(t *testing.T) {
	for _, c := range []struct {
		year int
		want string
	}{{2025, "中学"}, {2026, "小学"}, {2027, "幼儿园"}, {2028, "中学"}, {2029, "小学"}, {2024, "幼儿园"}} {
		if got, _ := review.RotationStage(2025, c.year); got != c.want {
			t.Errorf("%d学年: %s, want %s", c.year, got, c.want)
		}
	}
}

func TestContestFollowsTheRegionsRotationRule(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	c := review.Campaign{Kind: review.KindContest, Title: "学期初校本研修方案比拼", OrgID: f.city, Opens: "2025-09-01", Closes: "2025-09-30",
		Reviewers: 3, Method: review.MethodMean}
	rubric := []review.RubricItem{{Name: "方案", Max: 100}}
	if _, err := f.svc.CreateCampaign(f.ctx, f.w.CityAdmin, c, rubric); err == nil || !strings.Contains(err.Error(), "本区域未设定规则：校本研修比拼学段轮换起始学年") {
		t.Fatalf("without the rule: %v", err)
	}
	if err := f.svc.Policy.SetValue(f.ctx, testutil.Root, "330300", policy.RuleContestRotationStartYear, 2024, 2025, "区域设定", 0); err != nil {
		t.Fatal(err)
	}
	// started with 中学 in 2024, so 2025学年 is 小学's.
	c.Stages = []string{"junior"}
	if _, err := f.svc.CreateCampaign(f.ctx, f.w.CityAdmin, c, rubric); err == nil || !strings.Contains(err.Error(), "由小学开展") {
		t.Fatalf("wrong stage: %v", err)
	}
	c.Stages = nil
	id, err := f.svc.CreateCampaign(f.ctx, f.w.CityAdmin, c, rubric)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.FindCampaignByID(f.ctx, f.w.CityAdmin, id)
	if !slices.Equal(got.Stages, []string{"primary"}) {
		t.Fatalf("stages = %v", got.Stages)
	}
}

func TestSkillsContestCycleAgainstTheRule(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	_, r, err := f.svc.SkillsCycle(f.ctx, f.w.CityAdmin)
	if err != nil || r.InForce || !strings.Contains(r.Text, "本区域未设定规则") {
		t.Fatalf("no rule: %+v %v", r, err)
	}
	if err := f.svc.Policy.SetValue(f.ctx, testutil.Root, "330300", policy.RuleContestYoungTeacherCycleYears, 2, 2025, "004", 0); err != nil {
		t.Fatal(err)
	}
	if _, r, _ := f.svc.SkillsCycle(f.ctx, f.w.CityAdmin); r.Met || !strings.Contains(r.Text, "尚未举办") {
		t.Fatalf("never held: %+v", r)
	}
	f.campaign(t, review.Campaign{Kind: review.KindSkills, Title: "青年教师教学基本功比赛"}) // opens 2025-09-01: 2025学年
	last, r, err := f.svc.SkillsCycle(f.ctx, f.w.CityAdmin)
	if err != nil || last != 2025 || !r.Met || r.Measured != 0 {
		t.Fatalf("held this year: %d %+v %v", last, r, err)
	}
	f.now = time.Date(2028, 10, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if _, r, _ := f.svc.SkillsCycle(f.ctx, f.w.CityAdmin); r.Met || r.Measured != 3 {
		t.Fatalf("three years on: %+v", r)
	}
}

func TestContestRoundHasThreePhasesOnTheRotationsStage(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	if err := f.svc.Policy.SetValue(f.ctx, testutil.Root, "330300", policy.RuleContestRotationStartYear, 2025, 2025, "区域设定", 0); err != nil {
		t.Fatal(err)
	}
	rubric := []review.RubricItem{{Name: "方案", Max: 100}}
	r := review.ContestRound{OrgID: f.city, Term: "2025学年第一学期", Reviewers: 3, Rubrics: [3][]review.RubricItem{rubric, rubric, rubric},
		Dates: [3][2]string{{"2025-09-10", "2025-09-30"}, {"2025-11-01", "2025-11-20"}, {"2025-09-20", "2026-01-10"}}}
	if _, _, err := f.svc.CreateContestRound(f.ctx, f.w.CityAdmin, r); err == nil || !strings.Contains(err.Error(), "学期末校本研修成效比拼应在") {
		t.Fatalf("phases out of order: %v", err)
	}
	if list, n, _ := f.svc.FindCampaigns(f.ctx, f.w.CityAdmin, 50, 0); n != 0 {
		t.Fatalf("a refused round wrote %d campaigns: %+v", n, list)
	}
	r.Dates[2] = [2]string{"2025-12-20", "2026-01-10"}
	r.ReviewDue = [3]string{"2025-09-20", "2025-12-01", "2026-01-25"}
	if _, _, err := f.svc.CreateContestRound(f.ctx, f.w.CityAdmin, r); err == nil || !strings.Contains(err.Error(), "评审截止不能早于申报截止 2025-09-30") {
		t.Fatalf("a review due before the phase closes: %v", err)
	}
	r.ReviewDue[0] = "2025-10-15"
	_, ids, err := f.svc.CreateContestRound(f.ctx, f.w.CityAdmin, r)
	if err != nil || len(ids) != 3 {
		t.Fatalf("round: %v %v", ids, err)
	}
	for _, id := range ids {
		c, _ := f.svc.FindCampaignByID(f.ctx, f.w.CityAdmin, id)
		if !slices.Equal(c.Stages, []string{"junior", "senior"}) || c.SchoolQuota != 1 || !strings.HasPrefix(c.Title, "2025学年第一学期") ||
			c.ReviewDue != r.ReviewDue[c.RoundPhase-1] {
			t.Fatalf("phase = %+v", c)
		}
	}
}
