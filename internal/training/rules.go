package training

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// policyRules reads the rules of policy a standing in region and 学年 year
// is measured against: the cycle and the per-cycle and yearly minimums.
// Policy opens its own read for each, so this runs outside any other
// transaction: a read nested in a read waits for a second connection the
// outer reads of concurrent requests may all hold. Rules a region has not
// set are named in Missing, never filled with a number.
func (s *Service) policyRules(ctx context.Context, region string, year int) (Rules, error) {
	var r Rules
	for _, k := range []struct {
		key policy.RuleKey
		set func(float64)
	}{
		{policy.RuleTeacherCreditCycleYears, func(v float64) { r.CycleYears = int(v) }},
		{policy.RuleTeacherCreditCycleStartYear, func(v float64) { r.CycleStart = int(v) }},
		{policy.RuleTeacherCreditsPerCycle, func(v float64) { r.PerCycle = v }},
		{policy.RuleTeacherCreditsPerYearMin, func(v float64) { r.PerYear = v }},
	} {
		v, ok, err := s.Policy.ValueFor(ctx, region, k.key, year)
		if err != nil {
			return r, err
		}
		if !ok {
			def, _ := policy.Def(k.key)
			r.Missing = append(r.Missing, def.Name)
			continue
		}
		k.set(v)
	}
	return r, nil
}

// withCaps is r with the category caps of region in year from the credit
// rules, read in tx.
func withCaps(ctx context.Context, tx *db.Tx, r Rules, region string, year int) (Rules, error) {
	rules, err := credit.RulesFor(ctx, tx, region, year)
	if err != nil {
		return r, err
	}
	r.Caps = map[string]credit.Rule{}
	for c, cr := range rules {
		if cr.CapPerCycle > 0 {
			r.Caps[c] = cr
		}
	}
	return r, nil
}

// cycle is the cycle of year under r; ok is false when the region has not
// set the cycle's length and start (the standing then covers the year).
func (r Rules) cycle(year int) (Cycle, bool) {
	if r.CycleYears <= 0 || r.CycleStart <= 0 {
		return Cycle{From: year, To: year}, false
	}
	return cycleOf(r.CycleStart, r.CycleYears, year), true
}

// FindCreditRules lists a region's own per-category credit rules.
func (s *Service) FindCreditRules(ctx context.Context, actor app.Actor, region string) ([]credit.Rule, error) {
	if err := actor.Require(PermCreditRules); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]credit.Rule, error) {
		if _, err := regionInScope(ctx, tx, actor, region); err != nil {
			return nil, err
		}
		return credit.FindRules(ctx, tx, region)
	})
}

// SetCreditRule sets a region's conversion and cap of a category from a
// 学年 on; entries from that year on are converted again, earlier years
// keep theirs. Returns how many entries changed.
func (s *Service) SetCreditRule(ctx context.Context, actor app.Actor, r credit.Rule) (int, error) {
	if err := actor.Require(PermCreditRules); err != nil {
		return 0, err
	}
	if cur := s.CurrentYear(); r.FromYear < cur {
		return 0, app.Invalid("from_year", "已过去的学年不能修改规则：请从 %d学年或以后生效", cur)
	}
	var n int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := regionInScope(ctx, tx, actor, r.RegionCode); err != nil {
			return err
		}
		var err error
		n, err = credit.SetRule(ctx, tx, actor, r)
		return err
	})
	return n, err
}

// ActorRegion is the region code of the actor's organisation, the default
// region of the rule pages.
func (s *Service) ActorRegion(ctx context.Context, actor app.Actor) (string, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (string, error) { return actorRegion(ctx, tx, actor) })
}
