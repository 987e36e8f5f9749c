package flow

// blockingFlow pushes flow along s-t paths made only of residual arcs with
// zero reduced cost (all of them shortest paths under the current potentials)
// until none is left, and returns the amount pushed.
func (r *residual[T]) blockingFlow() int64 {
	copy(r.cur, r.start[:r.n])
	var total int64
	for {
		f := r.push(r.s, inf)
		if f == 0 {
			return total
		}
		total += f
	}
}

// push is a depth-first search from u that sends up to limit units toward t.
// Arcs whose search came back empty are skipped for the rest of the phase
// (cur[u] advances past them); nodes on the current path are never re-entered,
// so zero-cost cycles cannot trap the search.
func (r *residual[T]) push(u int32, limit int64) int64 {
	if u == r.t {
		return limit
	}
	r.onStack[u] = true
	var pushed int64
	pu := r.pi[u]
	for end := r.start[u+1]; r.cur[u] < end; r.cur[u]++ {
		e := &r.arcs[r.cur[u]]
		v := e.head
		if e.rcap == 0 || r.onStack[v] || int64(e.cost)+pu != r.pi[v] {
			continue
		}
		d := r.push(v, min(limit-pushed, int64(e.rcap)))
		if d == 0 {
			continue
		}
		e.rcap -= T(d)
		r.arcs[e.rev].rcap += T(d)
		pushed += d
		if pushed == limit {
			break
		}
	}
	r.onStack[u] = false
	return pushed
}
