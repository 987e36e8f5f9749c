package flow

import "math"

const inf = math.MaxInt64 / 4

// solver holds the per-solve state; the residual network is the graph itself.
type solver struct {
	g       *Graph
	n, s, t int32
	pi      []int64 // node potentials; reduced costs cost+pi[u]-pi[v] stay >= 0
	dist    []int64
	done    []bool
	cur     []int32
	onStack []bool
	order   []int32 // nodes settled by the last Dijkstra, in order
	heap    nodeHeap
}

// MinCostMaxFlow sends the most flow possible from s to t and, among all
// maximum flows, returns one of least total cost. It uses successive shortest
// paths with node potentials; each Dijkstra phase is followed by a blocking
// flow on the arcs of zero reduced cost, so one phase may augment many paths.
// Solving again starts from zero flow.
//
// Costs may be negative. It returns ErrNegativeCycle if a negative-cost cycle
// is reachable from s, and ErrBadArc for malformed arcs or terminals.
func (g *Graph) MinCostMaxFlow(s, t int) (Result, error) {
	n := len(g.first)
	if g.bad || s < 0 || s >= n || t < 0 || t >= n {
		return Result{}, ErrBadArc
	}
	g.clearFlow()
	if s == t {
		return g.result(0), nil
	}
	r := newSolver(g, int32(s), int32(t))
	if !r.initPotentials() {
		g.clearFlow()
		return Result{}, ErrNegativeCycle
	}
	var value int64
	for r.dijkstra() {
		value += r.blockingFlow()
	}
	return g.result(value), nil
}

func (g *Graph) clearFlow() {
	for p := 0; p < len(g.arcs); p += 2 {
		g.arcs[p].rcap += g.arcs[p+1].rcap
		g.arcs[p+1].rcap = 0
	}
}

func newSolver(g *Graph, s, t int32) *solver {
	n := int32(len(g.first))
	r := &solver{g: g, n: n, s: s, t: t}
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

// result reads the flow of arc a from its backward residual arc.
func (g *Graph) result(value int64) Result {
	res := Result{Value: value, Flow: make([]int64, len(g.arcs)/2)}
	for a := range res.Flow {
		f := g.arcs[2*a+1].rcap
		res.Flow[a] = f
		res.Cost += f * g.arcs[2*a].cost
	}
	return res
}
