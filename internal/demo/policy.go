package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"jiaoyan/internal/policy"
)

// demoPresets are the documents whose numbers the demo city runs on: its own
// 温州 preset first, then the researcher, liaison and station rules of the
// other seeds that 温州's document does not state.
var demoPresets = []string{"wenzhou_2024_26", "district_training_school", "linyi_2023_liaison", "ouhai_2024_school_training"}

// writePolicy gives every demo city a rule set from the current 学年, so the
// workload card, dashboards and compliance pages have rules to check.
func (g *gen) writePolicy(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Policy == nil {
		return nil
	}
	year := t.Policy.CurrentSchoolYear()
	ps := t.Policy
	if t.Liaison != nil {
		// The demo's work history starts a 学年 back; set the rules as a region
		// would have then, so last year's cards are judged too.
		year--
		then := time.Date(year, 9, 1, 8, 0, 0, 0, time.UTC)
		ps = &policy.Service{DB: t.Policy.DB, Now: func() time.Time { return then }}
	}
	for _, c := range g.cities {
		n, err := applyDemoPresets(ctx, ps, c.code, year)
		if err != nil {
			return err
		}
		logf(log, "%s：采用 %d 条政策规则（%d学年起）", c.name, n, year)
		sum.Rules += n
	}
	return nil
}

func applyDemoPresets(ctx context.Context, ps *policy.Service, region string, year int) (int, error) {
	if err := ps.ApplyPreset(ctx, builder, region, demoPresets[0], year); err != nil {
		return 0, err
	}
	first, _ := policy.PresetByKey(demoPresets[0])
	n := len(first.Values)
	for _, key := range demoPresets[1:] {
		p, ok := policy.PresetByKey(key)
		if !ok {
			return n, fmt.Errorf("缺少预置方案 %s", key)
		}
		for _, v := range p.Values {
			if _, taken := first.Value(v.Rule); taken {
				continue
			}
			note := fmt.Sprintf("演示数据：取自 %s %s", p.Source(), v.Clause)
			if err := ps.SetValue(ctx, builder, region, v.Rule, v.Value, year, note, 0); err != nil {
				return n, fmt.Errorf("设置规则 %s：%w", v.Rule, err)
			}
			n++
		}
	}
	return n, nil
}
