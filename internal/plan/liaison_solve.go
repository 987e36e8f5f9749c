package plan

import (
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/flow"
)

// LiaisonPlan is the solution of a LiaisonProblem.
type LiaisonPlan struct {
	Summary     string          `json:"summary"`
	Links       []LiaisonLink   `json:"links"`
	Researchers []LiaisonLoad   `json:"researchers"`
	Uncovered   []LiaisonGap    `json:"uncovered"`
	Idle        []ResearcherGap `json:"idle,omitempty"`
	TotalCost   int64           `json:"total_cost"`
}

// LiaisonLink is one researcher linked to one school, with its cost and the
// distance when both have coordinates.
type LiaisonLink struct {
	Researcher string `json:"researcher"`
	School     string `json:"school"`
	Cost       int64  `json:"cost"`
	DistanceKm *int64 `json:"distance_km,omitempty"`
}

// LiaisonLoad is a researcher's schools and capacity.
type LiaisonLoad struct {
	Researcher string   `json:"researcher"`
	Schools    []string `json:"schools"`
	Capacity   int      `json:"capacity"`
}

// LiaisonGap is a school whose team is short by Missing researchers, and why.
type LiaisonGap struct {
	School  string `json:"school"`
	Missing int    `json:"missing"`
	Reason  string `json:"reason"`
}

// ResearcherGap is a researcher below the minimum number of schools, and why.
type ResearcherGap struct {
	Researcher string `json:"researcher"`
	Reason     string `json:"reason"`
}

// SolveLiaison validates p and returns an optimal pairing: the most school
// team places filled; then the most researchers reaching min_schools
// (counting sum over researchers of min(load, min_schools)); then the least
// total cost (distance or county, and stage fit).
func SolveLiaison(p *LiaisonProblem) (*LiaisonPlan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	net, err := buildLiaisonNetwork(p)
	if err != nil {
		return nil, err
	}
	res, err := net.g.MinCostMaxFlow(0, 1)
	if err != nil {
		return nil, app.Internal(err)
	}
	return net.report(res.Flow), nil
}

type liaisonNetwork struct {
	p      *LiaisonProblem
	g      *flow.Graph
	nR, nS int
}

func (net *liaisonNetwork) schoolNode(s int) int { return 2 + net.nR + s }

func buildLiaisonNetwork(p *LiaisonProblem) (*liaisonNetwork, error) {
	nR, nS := len(p.Researchers), len(p.Schools)
	net := &liaisonNetwork{p: p, g: flow.NewGraph(2 + nR + nS), nR: nR, nS: nS}
	minBonus, teamBonus, err := net.bonuses()
	if err != nil {
		return nil, err
	}
	net.g.Reserve(2*nR + nR*nS + nS)
	for r := range nR {
		c := p.capacity(r)
		first := min(c, p.minSchools())
		if first > 0 {
			net.g.AddArc(0, 2+r, int64(first), -minBonus)
		}
		if c > first {
			net.g.AddArc(0, 2+r, int64(c-first), 0)
		}
		for s := range nS {
			if cost, ok := net.cost(r, s); ok {
				net.g.AddArc(2+r, net.schoolNode(s), 1, cost)
			}
		}
	}
	for s, sc := range p.Schools {
		net.g.AddArc(net.schoolNode(s), 1, int64(sc.team()), -teamBonus)
	}
	return net, nil
}

// bonuses returns the reward for a researcher's first min_schools links and
// for each filled team place, each larger than everything below it in the
// objective; an input whose costs would overflow int64 is refused.
func (net *liaisonNetwork) bonuses() (minBonus, teamBonus int64, err error) {
	var capSum, teamSum, minSum int64
	for r := range net.nR {
		capSum += int64(net.p.capacity(r))
		minSum += int64(min(net.p.capacity(r), net.p.minSchools()))
	}
	for _, s := range net.p.Schools {
		teamSum += int64(s.team())
	}
	units := min(capSum, teamSum)
	w := net.p.Weights
	pairMax := maxKm*orDefault(w.PerKm, 1) + max(orDefault(w.OtherCounty, 30), orDefault(w.SameCounty, 10)) + orDefault(w.StageMismatch, 100)
	minBonus = units*pairMax + 1
	teamBonus = minBonus*(minSum+1) + units*pairMax + 1
	if teamBonus > (1<<61)/(units+1) {
		return 0, 0, app.Errorf(app.ETOOLARGE, "教研员和学校太多，成本会溢出，请按县区分开安排")
	}
	return minBonus, teamBonus, nil
}

// cost prices researcher r linking school s; ok is false when require_stage
// forbids the pair.
func (net *liaisonNetwork) cost(r, s int) (cost int64, ok bool) {
	res, sc, w := net.p.Researchers[r], net.p.Schools[s], net.p.Weights
	stageDiffers := res.Stage != "" && sc.Stage != "" && res.Stage != sc.Stage
	if stageDiffers && net.p.RequireStage {
		return 0, false
	}
	if stageDiffers {
		cost += orDefault(w.StageMismatch, 100)
	}
	if d, known := net.distance(r, s); known {
		cost += d * orDefault(w.PerKm, 1)
	} else if res.County != "" && res.County == sc.County {
		cost += orDefault(w.SameCounty, 10)
	} else {
		cost += orDefault(w.OtherCounty, 30)
	}
	return cost, true
}

func (net *liaisonNetwork) distance(r, s int) (int64, bool) {
	res, sc := net.p.Researchers[r], net.p.Schools[s]
	if res.Lat == nil || sc.Lat == nil {
		return 0, false
	}
	return distanceKm(*res.Lat, *res.Lon, *sc.Lat, *sc.Lon), true
}

func (net *liaisonNetwork) report(flowOn []int64) *LiaisonPlan {
	p := net.p
	plan := &LiaisonPlan{Links: []LiaisonLink{}, Uncovered: []LiaisonGap{}}
	load, got := make([][]string, net.nR), make([]int, net.nS)
	lo := net.schoolNode(0)
	for a, f := range flowOn {
		from, to, _, cost := net.g.Arc(a)
		if f == 0 || from < 2 || from >= lo || to < lo {
			continue
		}
		r, s := from-2, to-lo
		link := LiaisonLink{Researcher: p.Researchers[r].ID, School: p.Schools[s].ID, Cost: cost}
		if d, ok := net.distance(r, s); ok {
			link.DistanceKm = &d
		}
		plan.Links = append(plan.Links, link)
		plan.TotalCost += cost
		load[r] = append(load[r], p.Schools[s].ID)
		got[s]++
	}
	for r, res := range p.Researchers {
		plan.Researchers = append(plan.Researchers, LiaisonLoad{res.ID, append([]string{}, load[r]...), p.capacity(r)})
		if len(load[r]) < min(p.minSchools(), p.capacity(r)) {
			plan.Idle = append(plan.Idle, ResearcherGap{res.ID, net.whyIdle(r)})
		}
	}
	for s, sc := range p.Schools {
		if got[s] < sc.team() {
			plan.Uncovered = append(plan.Uncovered, LiaisonGap{sc.ID, sc.team() - got[s], net.whyUncovered(s)})
		}
	}
	plan.Summary = fmt.Sprintf("%d名教研员、%d所目标学校：建立联系%d对，%d所学校配齐，%d所缺人；%d名教研员未达到最少联系数；总成本%d。",
		net.nR, net.nS, len(plan.Links), net.nS-len(plan.Uncovered), len(plan.Uncovered), len(plan.Idle), plan.TotalCost)
	return plan
}
