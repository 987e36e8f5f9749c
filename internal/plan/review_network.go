package plan

import "jiaoyan/internal/flow"

// pairArc remembers which flow arc carries which (submission, expert) pair.
type pairArc struct {
	sub, expert, affinity, arc int32
}

// reviewNetwork is the flow model of a review problem:
//
//	source -> submission (capacity k)
//	submission -> [county node, capacity 1] -> expert (capacity 1, cost -affinity)
//	submission -> [senior hub: 1 unit at cost -bonus, k-1 at 0] -> senior expert
//	expert -> sink (capacity max_load; with load balancing, the l-th review costs weight*l)
//
// A min-cost max-flow is then: the most pairs, then the most submissions with a
// senior reviewer, then the highest affinity minus the load penalty.
type reviewNetwork struct {
	g          *flow.Graph
	s, t       int
	pairs      []pairArc
	candidates [][]candidate
	bonus      int64
}

func buildReviewNetwork(x *reviewIndex) *reviewNetwork {
	p := x.p
	nSub, nExp := len(p.Submissions), len(p.Experts)
	net := &reviewNetwork{g: flow.NewGraph(2 + nSub + nExp), s: 0, t: 1}
	net.bonus = seniorBonus(p)
	net.candidates = make([][]candidate, nSub)
	for i := range nSub {
		net.candidates[i] = x.candidates(i, nil, nil)
		net.g.AddArc(net.s, 2+i, int64(p.K), 0)
		net.addSubmission(x, i)
	}
	for j, e := range p.Experts {
		net.addExpertSink(2+nSub+j, e.MaxLoad, p.Options)
	}
	return net
}

// seniorBonus outweighs any difference in affinity and load penalty, so a
// senior reviewer for one more submission always wins; it stays below 1e11.
func seniorBonus(p *ReviewProblem) int64 {
	pairs := int64(len(p.Submissions)) * int64(p.K)
	return 1 + pairs*maxScore + pairs*int64(balanceWeight(p.Options))*maxLoad
}

func balanceWeight(o ReviewOptions) int {
	if !o.BalanceLoad {
		return 0
	}
	if o.BalanceWeight == 0 {
		return 1
	}
	return o.BalanceWeight
}

func (net *reviewNetwork) expertNode(j int32) int {
	return 2 + len(net.candidates) + int(j)
}

func (net *reviewNetwork) addSubmission(x *reviewIndex, i int) {
	o := x.p.Options
	switch {
	case o.DistinctCounties:
		net.addByCounty(x, i)
	case o.RequireSenior:
		net.addWithSeniorHub(x, i)
	default:
		for _, c := range net.candidates[i] {
			net.addPair(2+i, i, c)
		}
	}
}

func (net *reviewNetwork) addPair(from, sub int, c candidate) {
	arc := net.g.AddArc(from, net.expertNode(c.expert), 1, -int64(c.affinity))
	net.pairs = append(net.pairs, pairArc{int32(sub), c.expert, c.affinity, int32(arc)})
}

// addByCounty routes each county's experts through one node of capacity 1;
// experts without a county are not limited.
func (net *reviewNetwork) addByCounty(x *reviewIndex, i int) {
	nodes := map[int32]int{}
	for _, c := range net.candidates[i] {
		county := x.expCounty[c.expert]
		if county < 0 {
			net.addPair(2+i, i, c)
			continue
		}
		node, ok := nodes[county]
		if !ok {
			node = net.g.AddNode()
			nodes[county] = node
			net.g.AddArc(2+i, node, 1, 0)
		}
		net.addPair(node, i, c)
	}
}

func (net *reviewNetwork) addWithSeniorHub(x *reviewIndex, i int) {
	hub := -1
	for _, c := range net.candidates[i] {
		if !x.p.Experts[c.expert].Senior {
			net.addPair(2+i, i, c)
			continue
		}
		if hub < 0 {
			hub = net.g.AddNode()
			net.g.AddArc(2+i, hub, 1, -net.bonus)
			if x.p.K > 1 {
				net.g.AddArc(2+i, hub, int64(x.p.K-1), 0)
			}
		}
		net.addPair(hub, i, c)
	}
}

func (net *reviewNetwork) addExpertSink(node, load int, o ReviewOptions) {
	w := balanceWeight(o)
	if w == 0 {
		net.g.AddArc(node, net.t, int64(load), 0)
		return
	}
	load = min(load, len(net.candidates))
	for l := range load {
		net.g.AddArc(node, net.t, 1, int64(w)*int64(l))
	}
}
