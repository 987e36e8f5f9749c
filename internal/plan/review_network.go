package plan

import "jiaoyan/internal/flow"

// reviewNetwork is the flow model of a review problem:
//
//	source -> submission (capacity k)
//	submission -> [county node, capacity 1] -> expert (capacity 1, cost -affinity)
//	submission -> [senior hub: 1 unit at cost -bonus, k-1 at 0] -> senior expert
//	expert -> sink (capacity max_load; with load balancing, the l-th review costs weight*l)
//
// A min-cost max-flow is then: the most pairs, then the most submissions with a
// senior reviewer, then the highest affinity minus the load penalty. Every arc
// into an expert node is a (submission, expert) pair with cost -affinity.
type reviewNetwork struct {
	g          *flow.Graph
	s, t       int
	nSub, nExp int
	owner      []int32 // submission of each county or hub node, from node firstExtra on
	bonus      int64
}

const reviewFirstSub = 2

func (net *reviewNetwork) expertNode(j int32) int { return reviewFirstSub + net.nSub + int(j) }
func (net *reviewNetwork) firstExtra() int        { return reviewFirstSub + net.nSub + net.nExp }

// buildReviewNetwork lists every submission's candidates once, sizes the graph
// exactly, and adds the arcs. The candidate lists are dropped afterwards; they
// are the largest temporary on big instances.
func buildReviewNetwork(x *reviewIndex) *reviewNetwork {
	p := x.p
	nSub, nExp := len(p.Submissions), len(p.Experts)
	net := &reviewNetwork{g: flow.NewGraph(reviewFirstSub + nSub + nExp), s: 0, t: 1, nSub: nSub, nExp: nExp}
	net.bonus = seniorBonus(p)
	lists, total := candidateLists(x)
	net.g.Reserve(total + 3*nSub + nExp*(1+min(nSub, maxLoad)))
	for i := range nSub {
		net.g.AddArc(net.s, reviewFirstSub+i, int64(p.K), 0)
		net.addSubmission(x, i, lists[i])
	}
	for j, e := range p.Experts {
		net.addExpertSink(net.expertNode(int32(j)), e.MaxLoad, p.Options)
	}
	return net
}

// candidateLists returns every submission's candidates, carved out of large
// chunks so that millions of pairs are never copied while the lists grow.
func candidateLists(x *reviewIndex) (lists [][]candidate, total int) {
	nExp := len(x.p.Experts)
	chunk := max(nExp, min(1<<20, len(x.p.Submissions)*nExp))
	var arena []candidate
	lists = make([][]candidate, len(x.p.Submissions))
	for i := range lists {
		if cap(arena)-len(arena) < nExp {
			arena = make([]candidate, 0, chunk)
		}
		start := len(arena)
		arena = x.candidates(i, arena, nil)
		lists[i] = arena[start:len(arena):len(arena)]
		total += len(lists[i])
	}
	return lists, total
}

// seniorBonus outweighs any difference in affinity and load penalty, so a
// senior reviewer for one more submission always wins; it stays below 1e14
// within the input limits, so no sum of costs overflows.
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

func (net *reviewNetwork) addSubmission(x *reviewIndex, i int, cands []candidate) {
	o := x.p.Options
	switch {
	case o.DistinctCounties:
		net.addByCounty(x, i, cands)
	case o.RequireSenior:
		net.addWithSeniorHub(x, i, cands)
	default:
		for _, c := range cands {
			net.addPair(reviewFirstSub+i, c)
		}
	}
}

func (net *reviewNetwork) addPair(from int, c candidate) {
	net.g.AddArc(from, net.expertNode(c.expert), 1, -int64(c.affinity))
}

func (net *reviewNetwork) addExtraNode(sub int) int {
	net.owner = append(net.owner, int32(sub))
	return net.g.AddNode()
}

// subOf returns the submission whose pair arcs leave node v.
func (net *reviewNetwork) subOf(v int) int {
	if v >= net.firstExtra() {
		return int(net.owner[v-net.firstExtra()])
	}
	return v - reviewFirstSub
}

// addByCounty routes each county's experts through one node of capacity 1;
// experts without a county are not limited.
func (net *reviewNetwork) addByCounty(x *reviewIndex, i int, cands []candidate) {
	nodes := map[int32]int{}
	for _, c := range cands {
		county := x.expCounty[c.expert]
		if county < 0 {
			net.addPair(reviewFirstSub+i, c)
			continue
		}
		node, ok := nodes[county]
		if !ok {
			node = net.addExtraNode(i)
			nodes[county] = node
			net.g.AddArc(reviewFirstSub+i, node, 1, 0)
		}
		net.addPair(node, c)
	}
}

func (net *reviewNetwork) addWithSeniorHub(x *reviewIndex, i int, cands []candidate) {
	hub := -1
	for _, c := range cands {
		if !x.p.Experts[c.expert].Senior {
			net.addPair(reviewFirstSub+i, c)
			continue
		}
		if hub < 0 {
			hub = net.addExtraNode(i)
			net.g.AddArc(reviewFirstSub+i, hub, 1, -net.bonus)
			if x.p.K > 1 {
				net.g.AddArc(reviewFirstSub+i, hub, int64(x.p.K-1), 0)
			}
		}
		net.addPair(hub, c)
	}
}

func (net *reviewNetwork) addExpertSink(node, load int, o ReviewOptions) {
	w := balanceWeight(o)
	if w == 0 {
		net.g.AddArc(node, net.t, int64(load), 0)
		return
	}
	load = min(load, net.nSub)
	for l := range load {
		net.g.AddArc(node, net.t, 1, int64(w)*int64(l))
	}
}

// chosen reads the pairs that carry flow, per submission in expert order
// (arcs of one submission are added in expert order, county by county).
func (net *reviewNetwork) chosen(flowOn []int64) [][]candidate {
	out := make([][]candidate, net.nSub)
	lo, hi := net.expertNode(0), net.expertNode(int32(net.nExp))
	for a, f := range flowOn {
		if f == 0 {
			continue
		}
		from, to, _, cost := net.g.Arc(a)
		if to >= lo && to < hi {
			i := net.subOf(from)
			out[i] = append(out[i], candidate{int32(to - lo), int32(-cost)})
		}
	}
	return out
}
