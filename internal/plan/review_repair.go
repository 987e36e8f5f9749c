package plan

// repairSeniors gives a senior reviewer to submissions that lack one, when the
// county rule and the senior rule are both on. For each such submission, in
// order, it swaps one reviewer for an eligible senior with spare load whose
// county is not already used by the other reviewers, choosing the swap that
// loses the least affinity (ties: lowest expert numbers). Pair count never drops.
func repairSeniors(x *reviewIndex, chosen [][]candidate) {
	load := make([]int, len(x.p.Experts))
	for _, list := range chosen {
		for _, c := range list {
			load[c.expert]++
		}
	}
	for i := range chosen {
		if x.hasSenior(chosen[i]) {
			continue
		}
		cands := x.candidates(i, nil, nil)
		out, in := x.bestSeniorSwap(cands, chosen[i], load)
		if in < 0 {
			continue
		}
		c := cands[in]
		load[c.expert]++
		if out >= 0 {
			load[chosen[i][out].expert]--
			chosen[i][out] = c
		} else {
			chosen[i] = append(chosen[i], c)
		}
	}
}

// bestSeniorSwap returns (position in chosen to replace or -1 to add, position
// in cands of the senior to bring in), or in = -1 when no swap is possible.
func (x *reviewIndex) bestSeniorSwap(cands, chosen []candidate, load []int) (out, in int) {
	best, out, in := int32(-1<<30), -1, -1
	for ci, c := range cands {
		e := x.p.Experts[c.expert]
		if !e.Senior || load[c.expert] >= e.MaxLoad || inList(chosen, c.expert) {
			continue
		}
		if len(chosen) < x.p.K && x.countyFree(chosen, -1, c.expert) && c.affinity > best {
			best, out, in = c.affinity+1<<20, -1, ci
		}
		for oi, o := range chosen {
			if gain := c.affinity - o.affinity; gain > best && x.countyFree(chosen, oi, c.expert) {
				best, out, in = gain, oi, ci
			}
		}
	}
	return out, in
}

// countyFree reports whether expert j's county is unused by chosen, ignoring
// position skip.
func (x *reviewIndex) countyFree(chosen []candidate, skip int, j int32) bool {
	county := x.expCounty[j]
	if county < 0 {
		return true
	}
	for oi, o := range chosen {
		if oi != skip && x.expCounty[o.expert] == county {
			return false
		}
	}
	return true
}
