package analysis

import (
	"math"
	"sort"
)

// groupStats computes the statistics and ranks of score v for every group.
// Students are counting-sorted by score once; each level then distributes that
// order into its groups stably, so every group's scores come out ascending.
func (r *Report) groupStats(v int) {
	ds := r.Data
	score := r.Score[v]
	order, hist := countingSort(score, r.Full[v], r.scratch(0))
	r.Hist[v] = hist
	absent := r.absentCounts(v)
	buf := r.scratch(1)[:len(order)]
	xs := r.scratch(2)[:0]
	for l := Region; l < numLevels; l++ {
		ng := ds.numGroups(l)
		var ranks []int32
		if l < School {
			r.above[l][v] = make([]int32, ng*int(r.Full[v]+1))
		} else {
			ranks = make([]int32, len(score))
			r.rank[l][v] = ranks
		}
		off := r.bucket(l, order, buf, ng)
		for g := 0; g < ng; g++ {
			run := buf[off[g]:off[g+1]]
			xs = xs[:0]
			for _, st := range run {
				xs = append(xs, score[st])
			}
			gs := r.group(l, int32(g), v)
			gs.Level, gs.Group, gs.V = l, int32(g), v
			gs.Absent = int(absent[l][g])
			r.fill(gs, xs, v)
			if ranks != nil {
				assignRanks(run, xs, ranks)
			} else {
				countAbove(xs, r.above[l][v][g*int(r.Full[v]+1):])
			}
		}
	}
}

// countAbove records, for each score present in the ascending xs, how many
// of xs are higher (the few groups of the upper levels keep this table
// instead of one rank per student).
func countAbove(xs []int32, above []int32) {
	n := len(xs)
	for i := 0; i < n; {
		j := i
		for j < n && xs[j] == xs[i] {
			j++
		}
		above[xs[i]] = int32(n - j)
		i = j
	}
}

// StudentRank returns student st's competition rank for score v within their
// group at level l (1 + the number of higher scores), or 0 without a score.
func (r *Report) StudentRank(l Level, v, st int) int32 {
	x := r.Score[v][st]
	if x < 0 {
		return 0
	}
	if l >= School {
		return r.rank[l][v][st]
	}
	g := int(r.Data.groupOf(l, int32(st)))
	return 1 + r.above[l][v][g*int(r.Full[v]+1)+int(x)]
}

// countingSort returns the students with a score (>= 0) in ascending score
// order, ties in student order, and the histogram of scores 0..full. The
// order is written into buf, which must hold len(score) entries.
func countingSort(score []int32, full int32, buf []int32) (order, hist []int32) {
	hist = make([]int32, full+1)
	for _, x := range score {
		if x >= 0 {
			hist[x]++
		}
	}
	pos := make([]int32, full+1)
	var n int32
	for x, c := range hist {
		pos[x] = n
		n += c
	}
	order = buf[:n]
	for st, x := range score {
		if x >= 0 {
			order[pos[x]] = int32(st)
			pos[x]++
		}
	}
	return order, hist
}

// bucket distributes order into dst grouped by level-l group, keeping the
// order within each group, and returns the group offsets (len ng+1).
func (r *Report) bucket(l Level, order, dst []int32, ng int) []int32 {
	off := make([]int32, ng+1)
	for _, st := range order {
		off[r.Data.groupOf(l, st)+1]++
	}
	for g := 1; g <= ng; g++ {
		off[g] += off[g-1]
	}
	pos := append([]int32(nil), off[:ng]...)
	for _, st := range order {
		g := r.Data.groupOf(l, st)
		dst[pos[g]] = st
		pos[g]++
	}
	return off
}

// assignRanks gives competition ranks (1 + number of higher scores) to the
// students of one group whose ascending scores are xs.
func assignRanks(run, xs []int32, ranks []int32) {
	n := len(xs)
	for i := 0; i < n; {
		j := i
		for j < n && xs[j] == xs[i] {
			j++
		}
		for p := i; p < j; p++ {
			ranks[run[p]] = int32(n-j) + 1
		}
		i = j
	}
}

// absentCounts returns per level and group the students counted absent for
// score v: those marked absent in a subject, or for the total, every student
// without a total.
func (r *Report) absentCounts(v int) [numLevels][]int32 {
	ds := r.Data
	var out [numLevels][]int32
	for l := range out {
		out[l] = make([]int32, ds.numGroups(Level(l)))
	}
	count := func(st int32) {
		for l := Region; l < numLevels; l++ {
			out[l][ds.groupOf(l, st)]++
		}
	}
	if v < len(ds.Subjects) {
		for _, st := range ds.Subjects[v].Absent {
			count(st)
		}
		return out
	}
	for st, x := range r.Score[v] {
		if x < 0 {
			count(int32(st))
		}
	}
	return out
}

// fill computes one group's statistics from its ascending scores xs.
func (r *Report) fill(gs *GroupStat, xs []int32, v int) {
	n := len(xs)
	gs.N = n
	var sum, sumsq int64
	for _, x := range xs {
		sum += int64(x)
		sumsq += int64(x) * int64(x)
	}
	gs.Mean, gs.SD = pointStats(n, sum, sumsq)
	nan := math.NaN()
	gs.Min, gs.Max, gs.Median, gs.Q1, gs.Q3 = nan, nan, nan, nan, nan
	gs.PassRate, gs.GoodRate, gs.ExcellentRate, gs.LowRate = nan, nan, nan, nan
	gs.OverMeanRate, gs.TScore = nan, nan
	gs.Bands = r.bands(xs, v)
	if n == 0 {
		return
	}
	gs.Min, gs.Max = float64(xs[0])/2, float64(xs[n-1])/2
	gs.Q1, gs.Median, gs.Q3 = quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)
	set, full := r.Settings, float64(r.Full[v])
	lines := [3]float64{set.PassShare, set.GoodShare, set.ExcellentShare}
	rates := [3]*float64{&gs.PassRate, &gs.GoodRate, &gs.ExcellentRate}
	for i, share := range lines {
		thr := lineHalf(share, full)
		*rates[i] = float64(n-countBelow(xs, thr)) / float64(n)
		gs.Critical[i] = int32(countBelow(xs, thr) - countBelow(xs, thr-int32(math.Round(2*set.CriticalBand))))
	}
	gs.LowRate = float64(countBelow(xs, lineHalf(set.LowShare, full))) / float64(n)
	if reg := r.group(Region, 0, v); reg.SD > 0 {
		gs.TScore = 50 + 10*(gs.Mean-reg.Mean)/reg.SD
	}
}

// lineHalf returns the smallest half-point score that reaches share·full.
func lineHalf(share, fullHalf float64) int32 {
	return int32(math.Ceil(share*fullHalf - 1e-9))
}

// countBelow returns how many of the ascending xs are < thr.
func countBelow(xs []int32, thr int32) int {
	return sort.Search(len(xs), func(i int) bool { return xs[i] >= thr })
}

// quantile is the linear-interpolation quantile (R type 7, Excel
// QUARTILE.INC) of ascending half-point scores, in points.
func quantile(xs []int32, p float64) float64 {
	h := float64(len(xs)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(xs) {
		return float64(xs[lo]) / 2
	}
	return (float64(xs[lo]) + (h-float64(lo))*float64(xs[lo+1]-xs[lo])) / 2
}

// bands counts scores per band [k·w, (k+1)·w) with the full mark in the top band.
func (r *Report) bands(xs []int32, v int) []int32 {
	w := int32(math.Round(2 * r.Settings.BandWidth))
	nb := numBands(r.Full[v], w)
	out := make([]int32, nb)
	for _, x := range xs {
		out[min(x/w, int32(nb-1))]++
	}
	return out
}

// numBands returns how many bands of width w (half-points) cover 0..full.
func numBands(full, w int32) int {
	return int(max((full+w-1)/w, 1))
}

// overMean sets 超均率 = (mean - parent mean) / parent mean for every group
// below the region.
func (r *Report) overMean() {
	for l := County; l < numLevels; l++ {
		for g := 0; g < r.Data.numGroups(l); g++ {
			p := r.Data.parentOf(l, int32(g))
			for v := range r.Names {
				gs, ps := r.group(l, int32(g), v), r.group(l-1, p, v)
				if ps.Mean != 0 && !math.IsNaN(ps.Mean) {
					gs.OverMeanRate = (gs.Mean - ps.Mean) / ps.Mean
				}
			}
		}
	}
}
