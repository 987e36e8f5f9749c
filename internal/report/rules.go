package report

import (
	"context"

	"jiaoyan/internal/policy"
)

// checkFunc answers policy.Check for one figure.
type checkFunc func(ctx context.Context, region string, key policy.RuleKey, year int, measured float64) (policy.Result, error)

type ruleAt struct {
	region string
	key    policy.RuleKey
	year   int
}

type ruleValue struct {
	value float64
	ok    bool
}

// cachedCheck is policy.Check with each rule looked up once: a dashboard
// checks the same few rules for every researcher of a region.
func (s *Service) cachedCheck() checkFunc {
	seen := map[ruleAt]ruleValue{}
	return func(ctx context.Context, region string, key policy.RuleKey, year int, measured float64) (policy.Result, error) {
		at := ruleAt{region, key, year}
		rv, hit := seen[at]
		if !hit {
			v, ok, err := s.Policy.ValueFor(ctx, region, key, year)
			if err != nil {
				return policy.Result{}, err
			}
			rv = ruleValue{v, ok}
			seen[at] = rv
		}
		def, _ := policy.Def(key)
		if !rv.ok {
			return policy.Result{Rule: def, Measured: measured, Met: true, Text: policy.NotSetText(def)}, nil
		}
		return policy.Evaluate(def, rv.value, measured), nil
	}
}
