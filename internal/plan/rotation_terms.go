package plan

// assignTerms gives each (researcher, school) visit a term 0..terms-1 so that
// a researcher's visits fall in distinct terms and a school's visits are
// spread over terms: a school with at most `terms` visitors never hosts two in
// the same term. It is bipartite edge colouring (König): each school is split
// into copies of at most `terms` visits, and a clash is resolved by swapping
// two colours along an alternating path. picked[r] lists r's schools; the
// result has the same shape with terms in place of schools.
func assignTerms(picked [][]int, nSchools, terms int) [][]int {
	type edge struct{ r, copyNode int }
	var edges []edge
	seen := make([]int, nSchools)
	copyOf := map[[2]int]int{} // (school, chunk) -> copy node
	for r, list := range picked {
		for _, s := range list {
			key := [2]int{s, seen[s] / terms}
			seen[s]++
			if _, ok := copyOf[key]; !ok {
				copyOf[key] = len(copyOf)
			}
			edges = append(edges, edge{r, copyOf[key]})
		}
	}
	c := newColouring(len(picked), len(copyOf), terms)
	for e, ed := range edges {
		c.add(e, ed.r, ed.copyNode)
	}
	out := make([][]int, len(picked))
	e := 0
	for r, list := range picked {
		out[r] = make([]int, len(list))
		for k := range list {
			out[r][k] = c.colour[e]
			e++
		}
	}
	return out
}

// colouring holds, for every node and colour, the edge of that colour or -1.
// Left nodes are 0..left-1, right nodes follow.
type colouring struct {
	at     [][]int
	ends   [][2]int
	colour []int
	k      int
	left   int
}

func newColouring(left, right, k int) *colouring {
	c := &colouring{at: make([][]int, left+right), k: k}
	for v := range c.at {
		c.at[v] = make([]int, k)
		for i := range c.at[v] {
			c.at[v][i] = -1
		}
	}
	c.left = left
	return c
}

func (c *colouring) free(v int) int {
	for i, e := range c.at[v] {
		if e < 0 {
			return i
		}
	}
	return -1
}

func (c *colouring) add(e, r, copyNode int) {
	u, v := r, c.left+copyNode
	c.ends = append(c.ends, [2]int{u, v})
	c.colour = append(c.colour, -1)
	a, b := c.free(u), c.free(v)
	if c.at[v][a] >= 0 {
		c.flip(v, a, b)
	}
	c.set(e, a)
}

// flip swaps colours a and b along the path that starts at v with colour a.
// In a bipartite graph the path cannot end at the other endpoint of the new
// edge, which is free of a.
func (c *colouring) flip(v, a, b int) {
	var path []int
	for col := a; ; col = a + b - col {
		e := c.at[v][col]
		if e < 0 {
			break
		}
		path = append(path, e)
		v = c.other(e, v)
	}
	for _, e := range path {
		c.unset(e)
	}
	for _, e := range path {
		c.set(e, a+b-c.colour[e])
	}
}

func (c *colouring) other(e, v int) int {
	if c.ends[e][0] == v {
		return c.ends[e][1]
	}
	return c.ends[e][0]
}

func (c *colouring) set(e, col int) {
	c.colour[e] = col
	c.at[c.ends[e][0]][col] = e
	c.at[c.ends[e][1]][col] = e
}

func (c *colouring) unset(e int) {
	col := c.colour[e]
	c.at[c.ends[e][0]][col] = -1
	c.at[c.ends[e][1]][col] = -1
}
