package analysis

import "strconv"

// studentJSON writes one student's record: per score in meta.score_order the
// score, competition ranks at each level, the region percentile rank
// PR = 100·(below + equal/2)/N, and z and T = 50 + 10z against the region.
// A score the student does not have is null.
func (r *Report) studentJSON(b []byte, i int) []byte {
	st := &r.Data.Students[i]
	var o obj
	o.open(b)
	o.str("student_id", st.ID)
	o.str("county", r.Data.Counties[st.County].Name)
	o.str("school", r.Data.Schools[st.School].Name)
	o.str("class", r.Data.Classes[st.Class].Name)
	o.key("score")
	o.b = r.perScore(o.b, func(b []byte, v int, x int32) []byte { return appendHalf(b, x) }, i)
	for l := Region; l < numLevels; l++ {
		o.key("rank_" + l.String())
		o.b = r.perScore(o.b, func(b []byte, v int, x int32) []byte {
			return strconv.AppendInt(b, int64(r.Rank[l][v][i]), 10)
		}, i)
	}
	o.key("pr")
	o.b = r.perScore(o.b, func(b []byte, v int, x int32) []byte { return appendFixed(b, r.percentile(v, x)) }, i)
	o.key("z")
	o.b = r.perScore(o.b, func(b []byte, v int, x int32) []byte { return appendFixed(b, r.zScore(v, x)) }, i)
	o.key("t")
	o.b = r.perScore(o.b, func(b []byte, v int, x int32) []byte { return appendFixed(b, 50+10*r.zScore(v, x)) }, i)
	return o.close()
}

// perScore writes [f(v, score) for each v], null where the student has no score.
func (r *Report) perScore(b []byte, f func([]byte, int, int32) []byte, st int) []byte {
	b = append(b, '[')
	for v := range r.Names {
		if v > 0 {
			b = append(b, ',')
		}
		x := r.Score[v][st]
		if x < 0 {
			b = append(b, "null"...)
			continue
		}
		b = f(b, v, x)
	}
	return append(b, ']')
}

// percentile returns PR = 100·(below + equal/2)/N in the region for score x.
func (r *Report) percentile(v int, x int32) float64 {
	h := r.Hist[v]
	if r.cum == nil {
		r.cum = make([][]int32, len(r.Names))
	}
	if r.cum[v] == nil {
		c := make([]int32, len(h)+1)
		for i, n := range h {
			c[i+1] = c[i] + n
		}
		r.cum[v] = c
	}
	n := r.cum[v][len(h)]
	return 100 * (float64(r.cum[v][x]) + float64(h[x])/2) / float64(n)
}

// zScore returns (x - region mean)/region SD for score x in half-points.
func (r *Report) zScore(v int, x int32) float64 {
	g := r.group(Region, 0, v)
	return (float64(x)/2 - g.Mean) / g.SD
}
