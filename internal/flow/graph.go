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

// ErrBadArc is returned by Solve when an arc names a node that does not exist
// or has a negative capacity.
var ErrBadArc = errors.New("flow: arc with an unknown node or negative capacity")

// Graph is a directed network under construction. Nodes are numbered from 0;
// arcs are numbered in the order they were added.
type Graph struct {
	nodes int
	from  []int32
	to    []int32
	cap   []int64
	cost  []int64
}

// NewGraph returns a graph with n nodes numbered 0..n-1.
func NewGraph(n int) *Graph { return &Graph{nodes: n} }

// Reserve makes room for arcs more arcs, so building a large graph does not
// copy its arrays again and again.
func (g *Graph) Reserve(arcs int) {
	g.from = slices.Grow(g.from, arcs)
	g.to = slices.Grow(g.to, arcs)
	g.cap = slices.Grow(g.cap, arcs)
	g.cost = slices.Grow(g.cost, arcs)
}

// AddNode adds one node and returns its number.
func (g *Graph) AddNode() int {
	g.nodes++
	return g.nodes - 1
}

// Nodes returns the number of nodes.
func (g *Graph) Nodes() int { return g.nodes }

// Arcs returns the number of arcs added so far.
func (g *Graph) Arcs() int { return len(g.from) }

// AddArc adds an arc from -> to with the given capacity and cost per unit of
// flow and returns the arc's number, which indexes Result.Flow.
func (g *Graph) AddArc(from, to int, capacity, cost int64) int {
	g.from = append(g.from, int32(from))
	g.to = append(g.to, int32(to))
	g.cap = append(g.cap, capacity)
	g.cost = append(g.cost, cost)
	return len(g.from) - 1
}

// Arc returns the endpoints, capacity and cost of arc a.
func (g *Graph) Arc(a int) (from, to int, capacity, cost int64) {
	return int(g.from[a]), int(g.to[a]), g.cap[a], g.cost[a]
}

// Result is an optimal flow: its value, its total cost, and the flow on every
// arc in the order the arcs were added.
type Result struct {
	Value int64
	Cost  int64
	Flow  []int64
}

func (g *Graph) validate() error {
	for a := range g.from {
		if g.from[a] < 0 || int(g.from[a]) >= g.nodes || g.to[a] < 0 || int(g.to[a]) >= g.nodes || g.cap[a] < 0 {
			return ErrBadArc
		}
	}
	return nil
}
