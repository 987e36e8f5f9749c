package flow

// initPotentials sets pi to shortest-path distances from s over arcs with
// capacity (queue-based Bellman-Ford, so negative costs are allowed). Nodes s
// cannot reach keep potential 0; no flow ever reaches them. It reports false if
// a negative cycle is reachable from s.
func (r *residual[T]) initPotentials() bool {
	dist := r.dist
	inQueue := r.done
	relaxed := make([]int32, r.n)
	queue := []int32{r.s}
	dist[r.s] = 0
	inQueue[r.s] = true
	for head := 0; head < len(queue); head++ {
		u := queue[head]
		inQueue[u] = false
		for _, e := range r.arcs[r.start[u]:r.start[u+1]] {
			v := e.head
			if e.rcap == 0 || dist[u]+int64(e.cost) >= dist[v] {
				continue
			}
			dist[v] = dist[u] + int64(e.cost)
			if relaxed[v]++; relaxed[v] > r.n {
				return false
			}
			if !inQueue[v] {
				inQueue[v] = true
				queue = append(queue, v)
			}
		}
		if head > 1<<20 && head*2 > len(queue) {
			queue = append([]int32(nil), queue[head+1:]...)
			head = -1
		}
	}
	for v := range dist {
		if dist[v] < inf {
			r.pi[v] = dist[v]
		}
		dist[v] = inf
		inQueue[v] = false
	}
	return true
}
