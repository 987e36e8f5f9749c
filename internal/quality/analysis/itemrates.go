package analysis

import "math"

// itemRates rolls the class item sums of subject s up the tree and keeps them
// per level; the rates are computed from them on demand.
func (r *Report) itemRates(s int, classSums []int32) {
	ds := r.Data
	items := ds.Exam.Subjects[s].Items
	k := len(items)
	sums := [numLevels][]int64{Class: widen(classSums)}
	for li := int(School); li >= int(Region); li-- {
		l := Level(li)
		sums[l] = make([]int64, ds.numGroups(l)*k)
		for g := 0; g < ds.numGroups(l+1); g++ {
			p := int(ds.parentOf(l+1, int32(g)))
			for j := 0; j < k; j++ {
				sums[l][p*k+j] += sums[l+1][g*k+j]
			}
		}
	}
	kps, kpItems := tagItems(items, func(it *Item) []string { return it.Knowledge })
	abs, abItems := tagItems(items, func(it *Item) []string {
		if it.Ability == "" {
			return nil
		}
		return []string{it.Ability}
	})
	r.Knowledge[s], r.Ability[s] = kps, abs
	r.itemSums[s], r.kpItems[s], r.abItems[s] = sums, kpItems, abItems
}

// groupItemSums returns the item score sums (half-points) of a subject group.
func (r *Report) groupItemSums(gs *GroupStat) []int64 {
	k := len(r.Items[gs.V])
	return r.itemSums[gs.V][gs.Level][int(gs.Group)*k:][:k]
}

// ItemRates returns the 小题得分率 of each item for a subject group:
// Σ item scores / (n · item full marks); nil for the total.
func (r *Report) ItemRates(gs *GroupStat) []float64 {
	return r.itemRatesInto(nil, gs)
}

// itemRatesInto is ItemRates appending to dst[:0].
func (r *Report) itemRatesInto(dst []float64, gs *GroupStat) []float64 {
	if gs.V >= len(r.Items) {
		return nil
	}
	items := r.Data.Exam.Subjects[gs.V].Items
	out := dst[:0]
	for j, sum := range r.groupItemSums(gs) {
		out = append(out, rate(sum, gs.N, int64(items[j].Full)))
	}
	return out
}

// KnowledgeRates returns the score rate of each knowledge point in
// r.Knowledge[gs.V]: Σ scores on its items / (n · Σ their full marks).
func (r *Report) KnowledgeRates(gs *GroupStat) []float64 {
	if gs.V >= len(r.Items) {
		return nil
	}
	return tagRates(nil, r.groupItemSums(gs), r.kpItems[gs.V], r.Data.Exam.Subjects[gs.V].Items, gs.N)
}

// AbilityRates is KnowledgeRates for the ability levels in r.Ability[gs.V].
func (r *Report) AbilityRates(gs *GroupStat) []float64 {
	if gs.V >= len(r.Items) {
		return nil
	}
	return tagRates(nil, r.groupItemSums(gs), r.abItems[gs.V], r.Data.Exam.Subjects[gs.V].Items, gs.N)
}

// widen copies int32 sums into int64.
func widen(a []int32) []int64 {
	out := make([]int64, len(a))
	for i, x := range a {
		out[i] = int64(x)
	}
	return out
}

func rate(sum int64, n int, full int64) float64 {
	if n == 0 || full == 0 {
		return math.NaN()
	}
	return float64(sum) / (float64(n) * float64(full))
}

// tagItems lists the distinct tags of the items in first-seen order and, per
// tag, the items that carry it.
func tagItems(items []Item, tags func(*Item) []string) ([]string, [][]int) {
	var names []string
	var members [][]int
	for j := range items {
		for _, t := range tags(&items[j]) {
			i := indexOf(names, t)
			if i < 0 {
				names = append(names, t)
				members = append(members, nil)
				i = len(names) - 1
			}
			members[i] = append(members[i], j)
		}
	}
	return names, members
}

// tagRates appends to dst[:0] the score rate of each tag's items.
func tagRates(dst []float64, gsum []int64, members [][]int, items []Item, n int) []float64 {
	out := dst[:0]
	for _, js := range members {
		var sum, full int64
		for _, j := range js {
			sum += gsum[j]
			full += int64(items[j].Full)
		}
		out = append(out, rate(sum, n, full))
	}
	return out
}

// discrimination sets D for every item of subject s: students are ordered by
// subject total descending, then student id ascending; the top and bottom
// groups are the first and last round(0.27·n) of that order.
func (r *Report) discrimination(s int) {
	ds := r.Data
	sd := &ds.Subjects[s]
	items := ds.Exam.Subjects[s].Items
	k := len(items)
	if k == 0 {
		return
	}
	score := r.Score[s]
	asc, _ := countingSort(score, r.Full[s], r.scratch(0)) // ascending score, ascending id within ties
	n := len(asc)
	g := int(math.Round(0.27 * float64(n)))
	st := r.Items[s]
	if g == 0 {
		for j := range st {
			st[j].Discrimination = math.NaN()
		}
		return
	}
	top, bottom := make([]int64, k), make([]int64, k)
	// descending score with ascending id: walk tie runs of asc from the end
	desc := descendingOrder(asc, score, r.scratch(1)[:0])
	addRows(sd, desc[:g], top, k)
	addRows(sd, desc[n-g:], bottom, k)
	for j := range st {
		st[j].Discrimination = float64(top[j]-bottom[j]) / float64(g) / float64(items[j].Full)
	}
}

// descendingOrder reverses the tie runs of an ascending order so that scores
// descend while ids within a tie stay ascending.
func descendingOrder(asc []int32, score []int32, out []int32) []int32 {
	for j := len(asc); j > 0; {
		i := j - 1
		for i > 0 && score[asc[i-1]] == score[asc[j-1]] {
			i--
		}
		out = append(out, asc[i:j]...)
		j = i
	}
	return out
}

// addRows adds the item scores (blank = 0) of the given students to sums.
func addRows(sd *SubjectData, students []int32, sums []int64, k int) {
	for _, st := range students {
		row := int(sd.RowOf[st])
		for j, c := range sd.Cells(row) {
			if c != Blank {
				sums[j] += int64(c)
			}
		}
	}
}
