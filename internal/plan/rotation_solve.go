package plan

import (
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/flow"
)

// RotationPlan is the solution of a RotationProblem. Table[r].Schools[t] is
// researcher r's school in term t ("" when the slot is vacant).
type RotationPlan struct {
	Summary        string            `json:"summary"`
	Feasible       bool              `json:"feasible"`
	Shortage       string            `json:"shortage,omitempty"`
	Terms          []string          `json:"terms"`
	Table          []RotationRow     `json:"table"`
	Visits         []SchoolVisits    `json:"visits"`
	Uncovered      []SchoolGap       `json:"uncovered"`
	Vacant         []RotationVacancy `json:"vacant,omitempty"`
	MinVisits      int               `json:"min_visits"`
	MaxVisits      int               `json:"max_visits"`
	PreferenceCost int64             `json:"preference_cost"`
}

// RotationRow is one researcher's schools, term by term.
type RotationRow struct {
	Researcher string   `json:"researcher"`
	Schools    []string `json:"schools"`
}

// SchoolVisits is how many researchers station at a school, and in which
// terms (1-based).
type SchoolVisits struct {
	School string `json:"school"`
	Visits int    `json:"visits"`
	Terms  []int  `json:"terms"`
}

// SchoolGap is a school left without a visit or a researcher, and why.
type SchoolGap struct {
	School string `json:"school"`
	Reason string `json:"reason"`
}

// RotationVacancy is a term in which a researcher has no school, and why.
type RotationVacancy struct {
	Researcher string `json:"researcher"`
	Term       int    `json:"term"`
	Reason     string `json:"reason"`
}

// SolveRotation validates p and returns an optimal rotation: every researcher
// gets as many distinct schools as terms allow; then the most schools are
// visited at least once; then visits are spread as evenly as possible (least
// sum over schools of visits*(visits-1)/2); then the least preference cost.
// Terms are then assigned so that no school hosts two researchers in one
// term unless it has more visitors than there are terms.
func SolveRotation(p *RotationProblem) (*RotationPlan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	net := buildRotationNetwork(p)
	res, err := net.g.MinCostMaxFlow(0, 1)
	if err != nil {
		return nil, app.Internal(err)
	}
	picked := net.picked(res.Flow)
	return net.report(picked), nil
}

type rotationNetwork struct {
	p       *RotationProblem
	g       *flow.Graph
	allowed [][]bool // allowed[r][s]: r has not stationed at s before
	nR, nS  int
}

func (net *rotationNetwork) schoolNode(s int) int { return 2 + net.nR + s }

func buildRotationNetwork(p *RotationProblem) *rotationNetwork {
	nR, nS, T := len(p.Researchers), len(p.Schools), p.terms()
	net := &rotationNetwork{p: p, g: flow.NewGraph(2 + nR + nS), nR: nR, nS: nS}
	net.allowed = allowedRotation(p)
	slots := int64(nR * T)
	prefMax := p.Weights.stage() + p.Weights.county()
	spreadWeight := slots*prefMax + 1
	firstVisit := spreadWeight*(slots*int64(nR)/2+1) + slots*prefMax + 1
	net.g.Reserve(nR + nR*nS + nS*nR)
	visitors := make([]int, nS)
	for r := range nR {
		net.g.AddArc(0, 2+r, int64(T), 0)
		for s := range nS {
			if net.allowed[r][s] {
				net.g.AddArc(2+r, net.schoolNode(s), 1, net.preference(r, s))
				visitors[s]++
			}
		}
	}
	for s := range nS {
		for j := range visitors[s] {
			cost := spreadWeight * int64(j)
			if j == 0 {
				cost = -firstVisit
			}
			net.g.AddArc(net.schoolNode(s), 1, 1, cost)
		}
	}
	return net
}

func allowedRotation(p *RotationProblem) [][]bool {
	index := make(map[string]int, len(p.Schools))
	for s, sc := range p.Schools {
		index[sc.ID] = s
	}
	out := make([][]bool, len(p.Researchers))
	for r, res := range p.Researchers {
		out[r] = make([]bool, len(p.Schools))
		for s := range out[r] {
			out[r][s] = true
		}
		for _, v := range res.Visited {
			out[r][index[v]] = false
		}
	}
	return out
}

// preference is the cost of researcher r stationing at school s.
func (net *rotationNetwork) preference(r, s int) int64 {
	res, sc := net.p.Researchers[r], net.p.Schools[s]
	var c int64
	if res.Stage != "" && sc.Stage != "" && res.Stage != sc.Stage {
		c += net.p.Weights.stage()
	}
	if res.County != "" && sc.County != "" && res.County != sc.County {
		c += net.p.Weights.county()
	}
	return c
}

// picked returns each researcher's schools in school order.
func (net *rotationNetwork) picked(flowOn []int64) [][]int {
	out := make([][]int, net.nR)
	lo := net.schoolNode(0)
	for a, f := range flowOn {
		from, to, _, _ := net.g.Arc(a)
		if f > 0 && from >= 2 && from < lo && to >= lo {
			out[from-2] = append(out[from-2], to-lo)
		}
	}
	return out
}

func (net *rotationNetwork) termNames() []string {
	if len(net.p.TermNames) > 0 {
		return net.p.TermNames
	}
	names := make([]string, net.p.terms())
	for t := range names {
		names[t] = fmt.Sprintf("第%d学期", t+1)
	}
	return names
}
