package flow

import "math"

const inf = math.MaxInt64 / 4

// number is the width of residual capacities and costs: int32 when every
// capacity and cost of the graph fits, which halves the memory the solver
// touches per arc, and int64 otherwise. Distances and potentials are int64.
type number interface{ ~int32 | ~int64 }

// arc is one residual arc. Keeping its fields together means one cache line
// per arc touched, which dominates the time on graphs of millions of arcs.
type arc[T number] struct {
	head int32 // the node the arc enters
	rev  int32 // position of the paired arc
	rcap T     // residual capacity
	cost T
}

// residual is the compact (CSR) residual network the solver works on. Node u's
// residual arcs are positions start[u]..start[u+1]-1.
type residual[T number] struct {
	n, s, t int32
	start   []int32
	arcs    []arc[T]
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
	if g.fitsInt32() {
		return solve[int32](g, int32(s), int32(t))
	}
	return solve[int64](g, int32(s), int32(t))
}

func solve[T number](g *Graph, s, t int32) (Result, error) {
	r := buildResidual[T](g, s, t)
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

// fitsInt32 reports whether every capacity and cost fits in an int32.
func (g *Graph) fitsInt32() bool {
	for a := range g.cap {
		if g.cap[a] > math.MaxInt32 || g.cost[a] > math.MaxInt32 || g.cost[a] < -math.MaxInt32 {
			return false
		}
	}
	return true
}

func buildResidual[T number](g *Graph, s, t int32) *residual[T] {
	n, m := int32(g.nodes), len(g.from)
	r := &residual[T]{n: n, s: s, t: t}
	r.start = make([]int32, n+1)
	for a := 0; a < m; a++ {
		r.start[g.from[a]+1]++
		r.start[g.to[a]+1]++
	}
	for u := int32(0); u < n; u++ {
		r.start[u+1] += r.start[u]
	}
	fill := append([]int32(nil), r.start[:n]...)
	r.arcs = make([]arc[T], 2*m)
	r.fwd = make([]int32, m)
	for a := 0; a < m; a++ {
		u, v := g.from[a], g.to[a]
		p, q := fill[u], fill[v]
		fill[u]++
		fill[v]++
		r.arcs[p] = arc[T]{head: v, rev: q, rcap: T(g.cap[a]), cost: T(g.cost[a])}
		r.arcs[q] = arc[T]{head: u, rev: p, rcap: 0, cost: T(-g.cost[a])}
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

func (r *residual[T]) result(g *Graph, value int64) Result {
	res := Result{Value: value, Flow: make([]int64, len(g.from))}
	for a := range g.from {
		f := g.cap[a] - int64(r.arcs[r.fwd[a]].rcap)
		res.Flow[a] = f
		res.Cost += f * g.cost[a]
	}
	return res
}
