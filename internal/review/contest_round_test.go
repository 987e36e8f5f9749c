package review_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

// TestRoundStandingWeighsThePhasesByTheRule: three schools enter a 中学
// round; each phase is scored through the review process (one expert,
// 100-point rubric). By hand, at 30/30/40:
//
//	鹿城区实验小学 80, 70, 90  → 24 + 21 + 36   = 81.00, 1st
//	鹿城区第二中学 90, 60, 85  → 27 + 18 + 34   = 79.00, 2nd
//	龙湾区永中小学 70, 95, —   → 21 + 28.5 + 0 = 49.50, 3rd (no 成效比拼 entry)
//
// Before the weights are set, the page names the rules and ranks nobody.
func TestRoundStandingWeighsThePhasesByTheRule(t *testing.T) {
	f := newFixture(t)
	f.svc.Policy = &policy.Service{DB: f.w.DB, Now: func() time.Time { return f.now }}
	set := func(k policy.RuleKey, v float64) {
		t.Helper()
		if err := f.svc.Policy.SetValue(f.ctx, testutil.Root, "330300", k, v, 2025, "区域设定", 0); err != nil {
			t.Fatal(err)
		}
	}
	set(policy.RuleContestRotationStartYear, 2025)
	rubric := []review.RubricItem{{Name: "总评", Max: 100}}
	round, ids, err := f.svc.CreateContestRound(f.ctx, f.w.CityAdmin, review.ContestRound{OrgID: f.city, Term: "2025学年第一学期", Reviewers: 1,
		Rubrics: [3][]review.RubricItem{rubric, rubric, rubric},
		Dates:   [3][2]string{{"2025-09-01", "2025-09-30"}, {"2025-11-01", "2025-11-20"}, {"2025-12-20", "2026-01-10"}}})
	if err != nil {
		t.Fatal(err)
	}
	second := f.w.MustSchool(t, "鹿城区第二中学", "330302", 3)
	experts := f.w.MustSchool(t, "龙湾区专家单位", "330303", 4)
	_, ea := f.expert(t, experts, "比拼专家", "contest_expert", "校本研修", 20, false)
	_, ta := f.teacher(t, f.w.SchoolA, "实验小学教研主任", "entry_a", "校本研修")
	_, t2 := f.teacher(t, second, "二中教研主任", "entry_2", "校本研修")
	_, tb := f.teacher(t, f.w.SchoolB, "永中教研主任", "entry_b", "校本研修")
	scores := []struct {
		who    app.Actor
		scores [3]float64 // 0: no entry
	}{{ta, [3]float64{80, 70, 90}}, {t2, [3]float64{90, 60, 85}}, {tb, [3]float64{70, 95, 0}}}
	st, err := f.svc.RoundStanding(f.ctx, f.w.CityAdmin, round)
	if err != nil || st.Round.StageName != "中学" || len(st.NotSet) != 3 || st.Rows != nil || len(st.Pending) != 3 {
		t.Fatalf("empty round: %+v %v", st, err)
	}
	for p, day := range []string{"2025-09-10", "2025-11-05", "2025-12-28"} {
		f.now, _ = time.ParseInLocation("2006-01-02 15:04", day+" 10:00", time.FixedZone("CST", 8*3600))
		var subs []int64
		want := map[int64]float64{}
		for _, e := range scores {
			if e.scores[p] == 0 {
				continue
			}
			id, _, err := f.svc.SaveDraft(f.ctx, e.who, review.Submission{CampaignID: ids[p], Title: "校本研修方案", Subject: "校本研修", Stage: "junior", Content: "方案"})
			if err == nil {
				err = f.svc.Submit(f.ctx, e.who, id)
			}
			if err == nil {
				err = f.svc.Recommend(f.ctx, f.w.CityAdmin, ids[p], review.LevelSchool, []int64{id})
			}
			if err != nil {
				t.Fatalf("phase %d entry: %v", p+1, err)
			}
			f.pass(t, id)
			subs = append(subs, id)
			want[id] = e.scores[p]
		}
		if _, err := f.svc.Assign(f.ctx, f.w.CityAdmin, ids[p], nil); err != nil {
			t.Fatal(err)
		}
		tasks, err := f.svc.MyTasks(f.ctx, ea)
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range tasks {
			if task.CampaignID != ids[p] {
				continue
			}
			if err := f.svc.Declare(f.ctx, ea, task.ID, false, ""); err != nil {
				t.Fatal(err)
			}
			tk, _ := f.svc.FindTask(f.ctx, ea, task.ID)
			if _, err := f.svc.SaveScores(f.ctx, ea, review.ScoreForm{Task: task.ID, Version: tk.Version,
				Scores: []float64{want[task.Submission.ID]}, Final: true}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.svc.AggregateCampaign(f.ctx, f.w.CityAdmin, ids[p]); err != nil {
			t.Fatalf("phase %d aggregate: %v", p+1, err)
		}
	}
	st, err = f.svc.RoundStanding(f.ctx, f.w.CityAdmin, round)
	if err != nil || len(st.NotSet) != 3 || st.Rows[0].Combined != nil || st.Rows[0].Rank != 0 ||
		!strings.Contains(st.NotSet[0], "本区域未设定规则：比拼综合成绩中学期初方案比拼的权重") {
		t.Fatalf("without weights: %+v %v", st, err)
	}
	set(policy.RuleContestWeightPlan, 30)
	set(policy.RuleContestWeightShow, 30)
	set(policy.RuleContestWeightEffect, 40)
	st, err = f.svc.RoundStanding(f.ctx, f.w.CityAdmin, round)
	if err != nil || len(st.NotSet) != 0 || len(st.Pending) != 0 || len(st.Rows) != 3 {
		t.Fatalf("with weights: %+v %v", st, err)
	}
	wantRows := []struct {
		school   string
		scores   [3]string
		combined string
		rank     int
	}{
		{"鹿城区实验小学", [3]string{"80.00", "70.00", "90.00"}, "81.00", 1},
		{"鹿城区第二中学", [3]string{"90.00", "60.00", "85.00"}, "79.00", 2},
		{"龙湾区永中小学", [3]string{"70.00", "95.00", "—"}, "49.50", 3},
	}
	for i, w := range wantRows {
		r := st.Rows[i]
		if r.School != w.school || r.ScoreTexts() != w.scores || r.CombinedText() != w.combined || r.Rank != w.rank {
			t.Errorf("row %d: %s %v %s #%d, want %+v", i+1, r.School, r.ScoreTexts(), r.CombinedText(), r.Rank, w)
		}
	}
	// County B's office may not open the city's round.
	if _, err := f.svc.RoundStanding(f.ctx, f.w.CountyB, round); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B opens the city's round: %v", err)
	}
}

// TestCampaignNotYetOpenReadsAsNotStarted: a call whose 申报 begins later
// reads 未开始 with its first day, not 申报中; once open it reads 申报中.
func TestCampaignNotYetOpenReadsAsNotStarted(t *testing.T) {
	c := review.Campaign{Status: review.StatusOpen, Opens: "2027-03-01", Closes: "2027-04-01"}
	if got := c.StatusText("2026-12-02"); got != "未开始（2027-03-01 起申报）" {
		t.Errorf("before opening: %q", got)
	}
	if got := c.StatusText("2027-03-01"); got != "申报中" {
		t.Errorf("on the opening day: %q", got)
	}
	c.Status = review.StatusReviewing
	if got := c.StatusText("2026-12-02"); got != "评审中" {
		t.Errorf("reviewing: %q", got)
	}
}
