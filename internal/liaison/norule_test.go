package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/testutil"
)

// TestNoRuleIsNamedNotAssumed: in a region whose rules are not set a round
// cannot be opened and the message names the rule, and the coverage table
// says the window rule is not set and counts the current 学年 only; with
// the rules in force the round opens and the window spans their years.
func TestNoRuleIsNamedNotAssumed(t *testing.T) {
	f := newFixture(t)
	_, err := f.Svc.CreateRound(ctx, f.CountyA, "330302", 2025, "")
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "本区域未设定规则：") {
		t.Fatalf("round without rules: %v, want 本区域未设定规则：…", err)
	}
	c, err := f.Svc.FindCoverage(ctx, f.CountyA, "330302", 0)
	if err != nil || !strings.HasPrefix(c.NoRule, "本区域未设定规则：") || c.From != c.To {
		t.Fatalf("coverage without the rule = from %d to %d, %q, %v", c.From, c.To, c.NoRule, err)
	}
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330300", "linyi_2023_liaison", 2025); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330302", "ouhai_2024_school_training", 2025); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CreateRound(ctx, f.CountyA, "330302", 2025, ""); err != nil {
		t.Fatalf("round with the rules: %v", err)
	}
	if c, err = f.Svc.FindCoverage(ctx, f.CountyA, "330302", 0); err != nil || c.NoRule != "" || c.To-c.From != 1 {
		t.Fatalf("coverage with a 2-year rule = from %d to %d, %q, %v", c.From, c.To, c.NoRule, err)
	}
}
