package flow

import (
	"errors"
	"fmt"
)

// Certify checks that flow (one entry per arc) is a minimum-cost maximum flow
// from s to t: it respects capacities and conservation, the residual network
// has no s-t path (so the flow is maximum) and no negative-cost cycle (so no
// flow of the same value is cheaper). It returns nil for an optimal flow and an
// error naming the first violation otherwise. It costs O(nodes*arcs) time and
// is meant for tests and audits, not for the hot path.
func (g *Graph) Certify(s, t int, flow []int64) error {
	if len(flow) != len(g.from) {
		return errors.New("flow: wrong number of arc flows")
	}
	if err := g.checkFeasible(s, t, flow); err != nil {
		return err
	}
	if g.residualReaches(s, t, flow) {
		return errors.New("flow: an augmenting path remains, the flow is not maximum")
	}
	if g.residualNegativeCycle(flow) {
		return errors.New("flow: the residual network has a negative cycle, the flow is not of least cost")
	}
	return nil
}

func (g *Graph) checkFeasible(s, t int, flow []int64) error {
	balance := make([]int64, g.nodes)
	for a, f := range flow {
		if f < 0 || f > g.cap[a] {
			return fmt.Errorf("flow: arc %d carries %d outside [0,%d]", a, f, g.cap[a])
		}
		balance[g.from[a]] -= f
		balance[g.to[a]] += f
	}
	for v, b := range balance {
		if b != 0 && v != s && v != t {
			return fmt.Errorf("flow: node %d is not balanced (%d)", v, b)
		}
	}
	return nil
}

// residualArcs calls fn for every residual arc (u, v, cost).
func (g *Graph) residualArcs(flow []int64, fn func(u, v int32, cost int64)) {
	for a, f := range flow {
		if f < g.cap[a] {
			fn(g.from[a], g.to[a], g.cost[a])
		}
		if f > 0 {
			fn(g.to[a], g.from[a], -g.cost[a])
		}
	}
}

func (g *Graph) residualReaches(s, t int, flow []int64) bool {
	adj := make([][]int32, g.nodes)
	g.residualArcs(flow, func(u, v int32, _ int64) { adj[u] = append(adj[u], v) })
	seen := make([]bool, g.nodes)
	stack := []int32{int32(s)}
	seen[s] = true
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, v := range adj[u] {
			if !seen[v] {
				seen[v] = true
				stack = append(stack, v)
			}
		}
	}
	return seen[t]
}

// residualNegativeCycle runs Bellman-Ford from a virtual source joined to
// every node at cost 0; a relaxation in round n proves a negative cycle.
func (g *Graph) residualNegativeCycle(flow []int64) bool {
	dist := make([]int64, g.nodes)
	for round := 0; round <= g.nodes; round++ {
		changed := false
		g.residualArcs(flow, func(u, v int32, cost int64) {
			if dist[u]+cost < dist[v] {
				dist[v] = dist[u] + cost
				changed = true
			}
		})
		if !changed {
			return false
		}
	}
	return true
}
