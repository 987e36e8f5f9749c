package demo

import (
	"context"
	"math/rand/v2"

	"jiaoyan/internal/training"
)

// countyPlansFiled writes this 学年's plans of the county's schools after
// the first ones countyPlans leaves in every state: by December most
// schools' plans are filed with the county, a few wait for 备案 and about
// one in eight has none yet. It returns how many it wrote.
func (g *gen) countyPlansFiled(ctx context.Context, ts *training.Service, k *county, year int) (int, error) {
	r := rand.New(rand.NewPCG(uint64(g.seed), uint64(len(k.code))<<32|0x706c616e)) // "plan"
	var plans []schoolPlan
	seen := 0
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || s.kind == kPoint {
			continue
		}
		if seen++; seen <= len(planStates) {
			continue // countyPlans' schools
		}
		state := training.PlanFiled
		switch x := r.IntN(100); {
		case x < 12:
			continue
		case x < 20:
			state = training.PlanSubmitted
		}
		plans = append(plans, schoolPlan{s, state})
	}
	return len(plans), writePlans(ctx, ts, k, year, plans)
}
