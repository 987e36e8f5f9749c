package flow

import "math"

const inf = math.MaxInt64 / 4

// arc is one residual arc. Keeping its fields together means one cache line
// per arc touched, which dominates the time on graphs of millions of arcs.
type arc struct {
	head int32 // the node the arc enters
	rev  int32 // position of the paired arc
	rcap int64 // residual capacity
	cost int64
}

// residual is the compact (CSR) residual network the solver works on. Node u's
// residual arcs are positions start[u]..start[u+1]-1.
type residual struct {
	n, s, t int32
	start   []int32
	arcs    []arc
	fwd     []int32 // fwd[a] is the position of original arc a's forward arc
	pi      []int64 // node potentials; reduced costs cost+pi[u]-pi[v] stay >= 0
	dist    []int64
	done    []bool
	cur     []int32
	onStack []bool
	order   []int32 // nodes finalised by the last Dijkstra, in order
	heap    nodeHeap
}

// MinCostMaxFlow sends the most flow possible from s to t and, among all
// maximum flows, returns one of least total cost. It uses successive shortest
// paths with node potentials; each Dijkstra phase is followed by a blocking
// flow on the arcs of zero reduced cost, so one phase may augment many paths.
//
// Costs may be negative. It returns ErrNegativeCycle if a negative-cost cycle
// is reachable from s, and ErrBadArc for malformed arcs or terminals.
func (g *Graph) MinCostMaxFlow(s, t int) (Result, error) {
	if err := g.validate(); err != nil {
		return Result{}, err
	}
	if s < 0 || s >= g.nodes || t < 0 || t >= g.nodes {
		return Result{}, ErrBadArc
	}
	r := buildResidual(g, int32(s), int32(t))
	if s == t {
		return r.result(g, 0), nil
	}
	if !r.initPotentials() {
		return Result{}, ErrNegativeCycle
	}
	var value int64
	for r.dijkstra() {
		value += r.blockingFlow()
	}
	return r.result(g, value), nil
}

func buildResidual(g *Graph, s, t int32) *residual {
	n, m := int32(g.nodes), len(g.from)
	r := &residual{n: n, s: s, t: t}
	r.start = make([]int32, n+1)
	for a := 0; a < m; a++ {
		r.start[g.from[a]+1]++
		r.start[g.to[a]+1]++
	}
	for u := int32(0); u < n; u++ {
		r.start[u+1] += r.start[u]
	}
	fill := append([]int32(nil), r.start[:n]...)
	r.arcs = make([]arc, 2*m)
	r.fwd = make([]int32, m)
	for a := 0; a < m; a++ {
		u, v := g.from[a], g.to[a]
		p, q := fill[u], fill[v]
		fill[u]++
		fill[v]++
		r.arcs[p] = arc{head: v, rev: q, rcap: g.cap[a], cost: g.cost[a]}
		r.arcs[q] = arc{head: u, rev: p, rcap: 0, cost: -g.cost[a]}
		r.fwd[a] = p
	}
	r.pi = make([]int64, n)
	r.dist = make([]int64, n)
	r.done = make([]bool, n)
	r.cur = make([]int32, n)
	r.onStack = make([]bool, n)
	for i := range r.dist {
		r.dist[i] = inf
	}
	return r
}

func (r *residual) result(g *Graph, value int64) Result {
	res := Result{Value: value, Flow: make([]int64, len(g.from))}
	for a := range g.from {
		f := g.cap[a] - r.arcs[r.fwd[a]].rcap
		res.Flow[a] = f
		res.Cost += f * g.cost[a]
	}
	return res
}
