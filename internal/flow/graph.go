// Package flow solves min-cost max-flow problems over integer capacities and
// costs. It knows nothing about the problems it is used for and imports only
// the standard library.
//
// The solver is deterministic: the same graph, built by the same sequence of
// AddNode and AddArc calls, always gives the same flow on every arc.
package flow

import (
	"errors"
	"slices"
)

// ErrNegativeCycle is returned when the graph holds a cycle of negative cost
// reachable from the source; such graphs are outside this solver's contract.
var ErrNegativeCycle = errors.New("flow: negative-cost cycle reachable from the source")

// ErrBadArc is returned by MinCostMaxFlow when an arc names a node that does
// not exist or has a negative capacity, or when s or t is not a node.
var ErrBadArc = errors.New("flow: arc with an unknown node or negative capacity")

// Graph is a directed network. It is stored as its own residual network in
// forward-star form: arc a is the pair of residual arcs 2a (forward) and 2a+1
// (backward), and each node heads a linked list of the residual arcs leaving
// it. The solver works in place, so a graph needs no second copy in memory.
type Graph struct {
	first []int32 // first[u]: first residual arc leaving u, or -1
	arcs  []arc
	bad   bool
}

// arc is one residual arc; keeping its fields together means one cache line
// per arc touched, which dominates the time on graphs of millions of arcs.
type arc struct {
	head int32 // the node the arc enters
	next int32 // the next residual arc leaving the same tail, or -1
	rcap int64 // residual capacity
	cost int64
}

// NewGraph returns a graph with n nodes numbered 0..n-1.
func NewGraph(n int) *Graph {
	g := &Graph{first: make([]int32, n)}
	for i := range g.first {
		g.first[i] = -1
	}
	return g
}

// Reserve makes room for arcs more arcs, so building a large graph does not
// copy its arrays again and again.
func (g *Graph) Reserve(arcs int) { g.arcs = slices.Grow(g.arcs, 2*arcs) }

// AddNode adds one node and returns its number.
func (g *Graph) AddNode() int {
	g.first = append(g.first, -1)
	return len(g.first) - 1
}

// Nodes returns the number of nodes.
func (g *Graph) Nodes() int { return len(g.first) }

// Arcs returns the number of arcs added so far.
func (g *Graph) Arcs() int { return len(g.arcs) / 2 }

// AddArc adds an arc from -> to with the given capacity and cost per unit of
// flow and returns the arc's number, which indexes Result.Flow. An arc with an
// unknown node or a negative capacity makes MinCostMaxFlow return ErrBadArc.
func (g *Graph) AddArc(from, to int, capacity, cost int64) int {
	a := len(g.arcs) / 2
	n := len(g.first)
	if from < 0 || from >= n || to < 0 || to >= n || capacity < 0 {
		g.bad = true
		g.arcs = append(g.arcs, arc{head: -1, next: -1}, arc{head: -1, next: -1})
		return a
	}
	g.arcs = append(g.arcs, arc{int32(to), g.first[from], capacity, cost}, arc{int32(from), g.first[to], 0, -cost})
	g.first[from] = int32(2 * a)
	g.first[to] = int32(2*a + 1)
	return a
}

// Arc returns the endpoints, capacity and cost of arc a.
func (g *Graph) Arc(a int) (from, to int, capacity, cost int64) {
	f, b := g.arcs[2*a], g.arcs[2*a+1]
	return int(b.head), int(f.head), f.rcap + b.rcap, f.cost
}

// Result is an optimal flow: its value, its total cost, and the flow on every
// arc in the order the arcs were added.
type Result struct {
	Value int64
	Cost  int64
	Flow  []int64
}
