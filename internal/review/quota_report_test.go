package review_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

// The yearly award report (003 六.10) sets the number a 学年's campaigns
// awarded in each yearly award against the region's rule, and says
// 本区域未设定规则：… for a rule the region has not set.
func TestYearlyAwardReportAgainstTheRegionsRules(t *testing.T) {
	w := newAssignWorld(t)
	w.svc.Policy = &policy.Service{DB: w.w.DB, Now: func() time.Time { return w.now }}
	// the call form's choice is kept on the campaign.
	other := w.campaign(t, review.Campaign{Title: "2025年先进教研组评比", AwardCategory: "groups"})
	if c, err := w.svc.FindCampaignByID(w.ctx, w.w.CityAdmin, other); err != nil || c.AwardCategory != "groups" {
		t.Fatalf("stored category = %q, %v", c.AwardCategory, err)
	}
	if _, err := w.svc.CreateCampaign(w.ctx, w.w.CityAdmin, review.Campaign{Kind: review.KindAward, Title: "x", OrgID: w.city,
		Opens: "2025-09-01", Closes: "2025-09-30", Reviewers: 1, Method: review.MethodMean, AwardCategory: "nonsense"},
		[]review.RubricItem{{Name: "总体", Max: 100}}); err == nil || !strings.Contains(err.Error(), "年度奖项") {
		t.Fatalf("unknown category accepted: %v", err)
	}
	// the assign world's campaign counts towards 先进教研组.
	if err := w.w.DB.Write(w.ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(w.ctx, "UPDATE review_campaigns SET award_category = 'groups' WHERE id = ?", w.c)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil); err != nil {
		t.Fatal(err)
	}
	scoreAll(t, w, func(sub int64) (float64, float64) { return 30, 50 })
	if _, err := w.svc.AggregateCampaign(w.ctx, w.w.CityAdmin, w.c); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.StartPublicity(w.ctx, w.w.CityAdmin, w.c, "2025-09-10", "2025-09-16"); err != nil {
		t.Fatal(err)
	}
	year, yearly, lines, err := w.svc.AwardReport(w.ctx, w.w.CityAdmin, 0)
	if err != nil || year != 2025 || len(yearly) != 5 {
		t.Fatalf("report %d %+v, %v", year, yearly, err)
	}
	groups := yearly[2]
	if groups.Category.Name != "先进教研组" || groups.Awarded != 3 || groups.Result.Text != "本区域未设定规则：每年评出先进教研组" {
		t.Fatalf("unset rule: %+v", groups)
	}
	if len(lines) != 1 || lines[0].Category != "先进教研组" || lines[0].Year != "2025学年" || lines[0].Awarded != 3 {
		t.Fatalf("lines = %+v", lines)
	}
	if err := w.svc.Policy.SetValue(w.ctx, testutil.Root, "330300", policy.RuleAwardYearlyGroups, 30, 2025, "003 六、10.", 0); err != nil {
		t.Fatal(err)
	}
	_, yearly, _, err = w.svc.AwardReport(w.ctx, w.w.CityAdmin, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if r := yearly[2].Result; !r.InForce || r.Target != 30 || r.Measured != 3 || r.Met || !strings.Contains(r.Text, "30") {
		t.Fatalf("with the rule: %+v", r)
	}
	if yearly[0].Awarded != 0 || !strings.HasPrefix(yearly[0].Result.Text, "本区域未设定规则：每年评出校本研修精品课程") {
		t.Fatalf("courses: %+v", yearly[0])
	}
	// another 学年 counts nothing.
	if _, yearly, _, err = w.svc.AwardReport(w.ctx, w.w.CityAdmin, 2024); err != nil || yearly[2].Awarded != 0 {
		t.Fatalf("2024学年: %+v, %v", yearly, err)
	}
	t.Log(yearly[2].Result.Text)
}
