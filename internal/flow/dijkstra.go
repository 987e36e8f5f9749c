package flow

// dijkstra computes reduced-cost distances from s until t is settled, then
// shifts the potentials of settled nodes so that every arc on a shortest path
// gets reduced cost zero while all residual arcs keep reduced cost >= 0. It
// reports whether t is reachable.
func (r *residual[T]) dijkstra() bool {
	r.order = r.order[:0]
	r.heap = r.heap[:0]
	r.dist[r.s] = 0
	r.heap.push(item{0, r.s})
	reached := false
	for len(r.heap) > 0 {
		it := r.heap.pop()
		u := it.v
		if r.done[u] || it.d > r.dist[u] {
			continue
		}
		r.done[u] = true
		r.order = append(r.order, u)
		if u == r.t {
			reached = true
			break
		}
		r.relax(u, it.d)
	}
	r.settle(reached)
	return reached
}

func (r *residual[T]) relax(u int32, d int64) {
	pu := r.pi[u]
	for _, e := range r.arcs[r.start[u]:r.start[u+1]] {
		if e.rcap == 0 {
			continue
		}
		v := e.head
		nd := d + int64(e.cost) + pu - r.pi[v]
		if nd < r.dist[v] {
			r.dist[v] = nd
			r.heap.push(item{nd, v})
		}
	}
}

// settle updates potentials (pi[v] += dist[v] - dist[t] for settled v, which is
// the usual pi += min(dist, dist[t]) shifted by a constant) and clears the
// per-phase arrays, touching only the nodes the phase touched.
func (r *residual[T]) settle(reached bool) {
	dt := r.dist[r.t]
	for _, v := range r.order {
		if reached {
			r.pi[v] += r.dist[v] - dt
		}
		r.done[v] = false
	}
	for _, it := range r.heap {
		r.dist[it.v] = inf
	}
	for _, v := range r.order {
		r.dist[v] = inf
	}
}

type item struct {
	d int64
	v int32
}

// nodeHeap is a binary min-heap on distance with lazy deletion.
type nodeHeap []item

func (h *nodeHeap) push(it item) {
	*h = append(*h, it)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !a[i].less(a[p]) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

func (h *nodeHeap) pop() item {
	a := *h
	top := a[0]
	last := len(a) - 1
	a[0] = a[last]
	a = a[:last]
	i := 0
	for {
		l, m := 2*i+1, i
		if l < len(a) && a[l].less(a[m]) {
			m = l
		}
		if l+1 < len(a) && a[l+1].less(a[m]) {
			m = l + 1
		}
		if m == i {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	*h = a
	return top
}

// less orders by distance, then node number, so ties never depend on history.
func (a item) less(b item) bool {
	return a.d < b.d || (a.d == b.d && a.v < b.v)
}
