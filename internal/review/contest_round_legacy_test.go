package review_test

import (
	"testing"
	"time"

	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

// Phases published before rounds were objects (no round_id) come back as
// one round with their term, 学年 and stage; a lone 比拼 call stays on its
// own; a second run changes nothing.
func TestGroupLegacyRoundsGroupsOnlyCompleteSets(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	if err := f.svc.Policy.SetValue(f.ctx, testutil.Root, "330300", policy.RuleContestRotationStartYear, 2025, 2025, "区域设定", 0); err != nil {
		t.Fatal(err)
	}
	rubric := []review.RubricItem{{Name: "总评", Max: 100}}
	mk := func(term string) []int64 {
		_, ids, err := f.svc.CreateContestRound(f.ctx, f.w.CityAdmin, review.ContestRound{OrgID: f.city, Term: term, Reviewers: 1,
			Rubrics: [3][]review.RubricItem{rubric, rubric, rubric},
			Dates:   [3][2]string{{"2025-09-01", "2025-09-30"}, {"2025-11-01", "2025-11-20"}, {"2025-12-20", "2026-01-10"}}})
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	old, lone := mk("2025学年第一学期"), mk("2025学年第二学期")
	// as before migration 0046: no rounds; of the second set only its
	// first phase was published as a phase (the others under other titles).
	for _, q := range []string{"UPDATE review_campaigns SET round_id = NULL, round_phase = 0", "DELETE FROM review_contest_rounds"} {
		if err := f.w.DB.Exec(f.ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.w.DB.Exec(f.ctx, "UPDATE review_campaigns SET title = '单独发布的校本研修比拼' WHERE id IN (?, ?)", lone[1], lone[2]); err != nil {
		t.Fatal(err)
	}
	n, err := review.GroupLegacyRounds(f.ctx, f.w.DB)
	if err != nil || n != 1 {
		t.Fatalf("grouped %d rounds, %v; want 1", n, err)
	}
	items, total, err := f.svc.FindRounds(f.ctx, f.w.CityAdmin, review.RoundFilter{})
	if err != nil || total != 1 || items[0].Term != "2025学年第一学期" || items[0].SchoolYear != 2025 || items[0].StageName != "中学" {
		t.Fatalf("rounds %+v (%d, %v)", items, total, err)
	}
	for i, c := range items[0].Phases {
		if c.ID != old[i] {
			t.Errorf("phase %d is campaign %d, want %d", i+1, c.ID, old[i])
		}
	}
	if c, err := f.svc.FindCampaignByID(f.ctx, f.w.CityAdmin, lone[0]); err != nil || c.RoundID != 0 {
		t.Errorf("the lone phase: round %d, %v; want none", c.RoundID, err)
	}
	if n, err := review.GroupLegacyRounds(f.ctx, f.w.DB); err != nil || n != 0 {
		t.Errorf("second run grouped %d, %v", n, err)
	}
}
