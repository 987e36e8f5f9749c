package flow

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestHandCheckedDiamond(t *testing.T) {
	// s=0, t=3. Two routes: 0-1-3 cost 1+1, cap 2; 0-2-3 cost 2+3, cap 2;
	// plus a cross arc 1-2 cost 1. Max flow 4, cheapest cost 2*2 + 2*5 = 14.
	g := NewGraph(4)
	g.AddArc(0, 1, 2, 1)
	g.AddArc(0, 2, 2, 2)
	g.AddArc(1, 3, 2, 1)
	g.AddArc(2, 3, 2, 3)
	g.AddArc(1, 2, 5, 1)
	res, err := g.MinCostMaxFlow(0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Value != 4 || res.Cost != 14 {
		t.Fatalf("value %d cost %d, want 4 and 14", res.Value, res.Cost)
	}
	if want := []int64{2, 2, 2, 2, 0}; !slices.Equal(res.Flow, want) {
		t.Fatalf("arc flows %v, want %v", res.Flow, want)
	}
}

func TestHandCheckedNegativeCostsPreferMaxFlowFirst(t *testing.T) {
	// One unit through the expensive-but-negative arc would be cheaper, but two
	// units (max flow) must win: s->a (-10), a->t; s->b, b->t, a->b.
	g := NewGraph(4)
	g.AddArc(0, 1, 1, -10)
	g.AddArc(1, 3, 1, 0)
	g.AddArc(0, 2, 1, 5)
	g.AddArc(2, 3, 1, 0)
	res, err := g.MinCostMaxFlow(0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Value != 2 || res.Cost != -5 {
		t.Fatalf("value %d cost %d, want 2 and -5", res.Value, res.Cost)
	}
}

func TestNegativeCycleIsAnError(t *testing.T) {
	g := NewGraph(3)
	g.AddArc(0, 1, 1, 1)
	g.AddArc(1, 2, 1, -3)
	g.AddArc(2, 1, 1, 1)
	if _, err := g.MinCostMaxFlow(0, 2); !errors.Is(err, ErrNegativeCycle) {
		t.Fatalf("got %v, want ErrNegativeCycle", err)
	}
}

func TestBadArcIsAnError(t *testing.T) {
	g := NewGraph(2)
	g.AddArc(0, 5, 1, 0)
	if _, err := g.MinCostMaxFlow(0, 1); !errors.Is(err, ErrBadArc) {
		t.Fatalf("got %v, want ErrBadArc", err)
	}
	g = NewGraph(2)
	g.AddArc(0, 1, -1, 0)
	if _, err := g.MinCostMaxFlow(0, 1); !errors.Is(err, ErrBadArc) {
		t.Fatalf("got %v, want ErrBadArc", err)
	}
}

func TestEmptyAndUnreachable(t *testing.T) {
	g := NewGraph(3)
	g.AddArc(0, 1, 4, 1)
	res, err := g.MinCostMaxFlow(0, 2)
	if err != nil || res.Value != 0 || res.Cost != 0 {
		t.Fatalf("got %+v, %v; want an empty flow", res, err)
	}
}

// randomGraph builds a graph without negative cycles but with many negative
// arcs: each cost is a non-negative number plus p[v]-p[u] for a random node
// potential p, so every cycle costs at least zero.
func randomGraph(rng *rand.Rand, n, m int) *Graph {
	g := NewGraph(n)
	p := make([]int64, n)
	for i := range p {
		p[i] = int64(rng.IntN(21)) - 10
	}
	for range m {
		u, v := rng.IntN(n), rng.IntN(n)
		if u == v {
			continue
		}
		cost := int64(rng.IntN(8)) + p[v] - p[u]
		g.AddArc(u, v, int64(rng.IntN(5)), cost)
	}
	return g
}

func TestRandomGraphsMatchReferenceAndAreCertified(t *testing.T) {
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := 2 + rng.IntN(9)
		g := randomGraph(rng, n, rng.IntN(4*n))
		res, err := g.MinCostMaxFlow(0, n-1)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		value, cost := referenceMinCostMaxFlow(g, 0, n-1)
		if res.Value != value || res.Cost != cost {
			t.Fatalf("seed %d: got value %d cost %d, reference %d %d", seed, res.Value, res.Cost, value, cost)
		}
		if err := g.Certify(0, n-1, res.Flow); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

func TestMidSizeBipartiteHasNoNegativeResidualCycle(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 42))
	left, right := 150, 60
	g := NewGraph(left + right + 2)
	s, sink := left+right, left+right+1
	for i := range left {
		g.AddArc(s, i, 3, 0)
		for j := range right {
			if rng.IntN(4) == 0 {
				g.AddArc(i, left+j, 1, -int64(rng.IntN(100)))
			}
		}
	}
	for j := range right {
		for l := range int64(6) {
			g.AddArc(left+j, sink, 1, 7*l)
		}
	}
	res, err := g.MinCostMaxFlow(s, sink)
	if err != nil {
		t.Fatal(err)
	}
	if res.Value == 0 {
		t.Fatal("expected a non-empty flow")
	}
	if err := g.Certify(s, sink, res.Flow); err != nil {
		t.Fatal(err)
	}
}

func TestCertifyRejectsSuboptimalFlow(t *testing.T) {
	g := NewGraph(4)
	g.AddArc(0, 1, 1, 1)
	g.AddArc(1, 3, 1, 0)
	g.AddArc(0, 2, 1, 5)
	g.AddArc(2, 3, 1, 0)
	g.AddArc(0, 3, 1, 9)
	if err := g.Certify(0, 3, []int64{1, 1, 1, 1, 0}); err == nil {
		t.Fatal("a non-maximum flow was certified")
	}
	h := NewGraph(3)
	h.AddArc(0, 1, 1, 5)
	h.AddArc(0, 1, 1, 1)
	h.AddArc(1, 2, 1, 0)
	if err := h.Certify(0, 2, []int64{1, 0, 1}); err == nil {
		t.Fatal("a flow of excess cost was certified")
	}
}

func TestSameInputSameOutput(t *testing.T) {
	build := func() *Graph {
		rng := rand.New(rand.NewPCG(9, 9))
		return randomGraph(rng, 60, 600)
	}
	a, err := build().MinCostMaxFlow(0, 59)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, _ := build().MinCostMaxFlow(0, 59)
		if !slices.Equal(a.Flow, b.Flow) {
			t.Fatal("the same graph gave different arc flows")
		}
	}
	g := build()
	first, _ := g.MinCostMaxFlow(0, 59)
	again, _ := g.MinCostMaxFlow(0, 59)
	if !slices.Equal(first.Flow, again.Flow) || first.Cost != again.Cost {
		t.Fatal("solving the same graph twice gave different flows")
	}
}

// referenceMinCostMaxFlow is a deliberately plain solver: one Bellman-Ford
// shortest path per augmentation over an adjacency matrix of residual arcs.
func referenceMinCostMaxFlow(g *Graph, s, t int) (value, cost int64) {
	n := g.Nodes()
	capa := make([]int64, 2*g.Arcs())
	for a := range g.Arcs() {
		_, _, c, _ := g.Arc(a)
		capa[2*a] = c
	}
	for {
		dist := make([]int64, n)
		prev := make([]int, n)
		for i := range dist {
			dist[i], prev[i] = inf, -1
		}
		dist[s] = 0
		for range n {
			for e := range capa {
				a := e / 2
				u, v, _, c := g.Arc(a)
				if e%2 == 1 {
					u, v, c = v, u, -c
				}
				if capa[e] > 0 && dist[u] < inf && dist[u]+c < dist[v] {
					dist[v], prev[v] = dist[u]+c, e
				}
			}
		}
		if dist[t] == inf {
			return value, cost
		}
		f := int64(inf)
		for v := t; v != s; {
			e := prev[v]
			f = min(f, capa[e])
			u, w, _, _ := g.Arc(e / 2)
			if e%2 == 1 {
				u = w
			}
			v = u
		}
		for v := t; v != s; {
			e := prev[v]
			capa[e] -= f
			capa[e^1] += f
			u, w, _, _ := g.Arc(e / 2)
			if e%2 == 1 {
				u = w
			}
			v = u
		}
		value += f
		cost += f * dist[t]
	}
}

// Costs or capacities beyond int32 switch the solver to 64-bit arcs; the
// optimum must scale exactly.
func TestWideCostsAndCapacities(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 8))
		n := 2 + rng.IntN(9)
		g := randomGraph(rng, n, rng.IntN(4*n))
		wide := NewGraph(n)
		for a := range g.Arcs() {
			u, v, c, cost := g.Arc(a)
			wide.AddArc(u, v, c, cost*1_000_000_000)
		}
		if wide.Arcs() > 0 && wide.fitsInt32() && !g.fitsInt32() {
			t.Fatal("scaled graph unexpectedly fits int32")
		}
		base, err1 := g.MinCostMaxFlow(0, n-1)
		res, err2 := wide.MinCostMaxFlow(0, n-1)
		if err1 != nil || err2 != nil || res.Value != base.Value || res.Cost != base.Cost*1_000_000_000 {
			t.Fatalf("seed %d: base %+v %v, wide %+v %v", seed, base, err1, res, err2)
		}
		if err := wide.Certify(0, n-1, res.Flow); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
	g := NewGraph(3)
	g.AddArc(0, 1, 5_000_000_000, 1)
	g.AddArc(1, 2, 7_000_000_000, 2)
	res, err := g.MinCostMaxFlow(0, 2)
	if err != nil || res.Value != 5_000_000_000 || res.Cost != 15_000_000_000 {
		t.Fatalf("got %+v, %v", res, err)
	}
}
