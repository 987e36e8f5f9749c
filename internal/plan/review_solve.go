package plan

import (
	"fmt"
	"slices"

	"jiaoyan/internal/app"
)

// ReviewPlan is the solution of a ReviewProblem.
type ReviewPlan struct {
	Summary       string             `json:"summary"`
	Warnings      []string           `json:"warnings,omitempty"`
	Pairs         int                `json:"pairs"`
	TotalAffinity int64              `json:"total_affinity"`
	LoadPenalty   int64              `json:"load_penalty,omitempty"`
	Assignments   []ReviewAssignment `json:"assignments"`
	Loads         []ExpertLoad       `json:"loads"`
	Unassigned    []ReviewGap        `json:"unassigned"`
	WithoutSenior []ReviewGap        `json:"without_senior,omitempty"`
}

// ReviewAssignment is one expert reviewing one submission.
type ReviewAssignment struct {
	Submission string `json:"submission"`
	Expert     string `json:"expert"`
	Affinity   int    `json:"affinity"`
}

// ExpertLoad is how many reviews an expert got out of the allowed maximum.
type ExpertLoad struct {
	Expert  string `json:"expert"`
	Load    int    `json:"load"`
	MaxLoad int    `json:"max_load"`
}

// ReviewGap is a submission left short: Missing reviewers, and why in Chinese.
type ReviewGap struct {
	Submission string `json:"submission"`
	Missing    int    `json:"missing,omitempty"`
	Reason     string `json:"reason"`
}

// SolveReview validates p and returns an optimal plan: the most (submission,
// expert) pairs; then, with require_senior, the most submissions that have a
// senior reviewer; then the highest total affinity minus the load penalty.
// With both distinct_counties and require_senior the county rule is exact and
// seniors are added by local swaps afterwards (the combination is not a
// network flow), so the senior count may then fall short of the optimum.
// Invalid input gives an EINVALID *app.Error.
func SolveReview(p *ReviewProblem) (*ReviewPlan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	x := newReviewIndex(p)
	net := buildReviewNetwork(x)
	res, err := net.g.MinCostMaxFlow(net.s, net.t)
	if err != nil {
		return nil, app.Internal(err)
	}
	chosen := net.chosen(res.Flow)
	for _, c := range chosen {
		slices.SortFunc(c, func(a, b candidate) int { return int(a.expert - b.expert) })
	}
	if p.Options.DistinctCounties && p.Options.RequireSenior {
		repairSeniors(x, chosen)
	}
	return x.report(chosen), nil
}

func (x *reviewIndex) report(chosen [][]candidate) *ReviewPlan {
	p := x.p
	plan := &ReviewPlan{Assignments: []ReviewAssignment{}, Unassigned: []ReviewGap{}}
	load := make([]int, len(p.Experts))
	for i, list := range chosen {
		for _, c := range list {
			plan.Assignments = append(plan.Assignments, ReviewAssignment{p.Submissions[i].ID, p.Experts[c.expert].ID, int(c.affinity)})
			plan.TotalAffinity += int64(c.affinity)
			load[c.expert]++
		}
	}
	plan.Pairs = len(plan.Assignments)
	w := int64(balanceWeight(p.Options))
	for j, e := range p.Experts {
		plan.Loads = append(plan.Loads, ExpertLoad{e.ID, load[j], e.MaxLoad})
		plan.LoadPenalty += w * int64(load[j]) * int64(load[j]-1) / 2
	}
	for i := range p.Submissions {
		if got := len(chosen[i]); got < p.K {
			plan.Unassigned = append(plan.Unassigned, ReviewGap{p.Submissions[i].ID, p.K - got, x.explainShort(i, chosen[i], load)})
		}
		if p.Options.RequireSenior && !x.hasSenior(chosen[i]) {
			plan.WithoutSenior = append(plan.WithoutSenior, ReviewGap{Submission: p.Submissions[i].ID, Reason: x.explainNoSenior(i, load)})
		}
	}
	plan.Warnings = x.warnings()
	plan.Summary = fmt.Sprintf("共%d项，每项需要%d名专家：已分配%d人次，%d项配齐，%d项缺额；总匹配度%d。",
		len(p.Submissions), p.K, plan.Pairs, len(p.Submissions)-len(plan.Unassigned), len(plan.Unassigned), plan.TotalAffinity)
	return plan
}

func (x *reviewIndex) hasSenior(list []candidate) bool {
	for _, c := range list {
		if x.p.Experts[c.expert].Senior {
			return true
		}
	}
	return false
}

// warnings states problem-wide shortages with their numbers.
func (x *reviewIndex) warnings() []string {
	p := x.p
	var out []string
	if p.K > len(p.Experts) {
		out = append(out, fmt.Sprintf("每项需要%d名专家，但专家库只有%d名，每项最多只能分到%d名", p.K, len(p.Experts), len(p.Experts)))
	}
	capacity := 0
	for _, e := range p.Experts {
		capacity += e.MaxLoad
	}
	if need := len(p.Submissions) * p.K; capacity < need {
		out = append(out, fmt.Sprintf("专家评审上限合计%d人次，少于需要的%d人次（%d项×%d名），至少还差%d人次", capacity, need, len(p.Submissions), p.K, need-capacity))
	}
	if p.Options.DistinctCounties && p.Options.RequireSenior {
		out = append(out, "同时要求“评审来自不同县区”和“至少一名资深专家”时，分配人次和县区规则是最优的，资深专家由求解后的局部调整补足，覆盖数可能略低于理论最优")
	}
	return out
}
