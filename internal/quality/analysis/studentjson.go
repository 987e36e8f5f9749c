package analysis

import "strconv"

// scoreTexts holds, per score v and half-point score x, the JSON text of the
// score, its region PR, z and T. Scores are discrete, so each is formatted
// once instead of once per student.
type scoreTexts [4][][][]byte // field, v, x

// studentTexts builds the table; entries for scores nobody has stay nil.
func (r *Report) studentTexts() *scoreTexts {
	var t scoreTexts
	for f := range t {
		t[f] = make([][][]byte, len(r.Names))
	}
	for v, h := range r.Hist {
		for f := range t {
			t[f][v] = make([][]byte, len(h))
		}
		for x, n := range h {
			if n == 0 {
				continue
			}
			x32 := int32(x)
			z := r.zScore(v, x32)
			t[0][v][x] = appendHalf(nil, x32)
			t[1][v][x] = appendFixed(nil, r.percentile(v, x32))
			t[2][v][x] = appendFixed(nil, z)
			t[3][v][x] = appendFixed(nil, 50+10*z)
		}
	}
	return &t
}

var studentFields = [4]string{"score", "pr", "z", "t"}

// studentJSON writes one student's record: per score in meta.score_order the
// score, competition ranks at each level, the region percentile rank
// PR = 100·(below + equal/2)/N, and z and T = 50 + 10z against the region.
// A score the student does not have is null.
func (r *Report) studentJSON(b []byte, i int) []byte {
	if r.texts == nil {
		r.texts = r.studentTexts()
	}
	st := &r.Data.Students[i]
	var o obj
	o.open(b)
	o.str("student_id", st.ID)
	o.str("county", r.Data.Counties[st.County].Name)
	o.str("school", r.Data.Schools[st.School].Name)
	o.str("class", r.Data.Classes[st.Class].Name)
	o.key("score")
	o.b = r.appendTexts(o.b, 0, i)
	for l := Region; l < numLevels; l++ {
		o.key("rank_" + l.String())
		o.b = append(o.b, '[')
		for v := range r.Names {
			if v > 0 {
				o.b = append(o.b, ',')
			}
			if r.Score[v][i] < 0 {
				o.b = append(o.b, "null"...)
			} else {
				o.b = strconv.AppendInt(o.b, int64(r.StudentRank(l, v, i)), 10)
			}
		}
		o.b = append(o.b, ']')
	}
	for f := 1; f < len(studentFields); f++ {
		o.key(studentFields[f])
		o.b = r.appendTexts(o.b, f, i)
	}
	return o.close()
}

// appendTexts writes [text of field f for each v], null where there is no score.
func (r *Report) appendTexts(b []byte, f, st int) []byte {
	b = append(b, '[')
	for v := range r.Names {
		if v > 0 {
			b = append(b, ',')
		}
		if x := r.Score[v][st]; x >= 0 {
			b = append(b, r.texts[f][v][x]...)
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, ']')
}

// percentile returns PR = 100·(below + equal/2)/N in the region for score x.
func (r *Report) percentile(v int, x int32) float64 {
	h := r.Hist[v]
	var below, n int64
	for s, c := range h {
		if int32(s) < x {
			below += int64(c)
		}
		n += int64(c)
	}
	return 100 * (float64(below) + float64(h[x])/2) / float64(n)
}

// zScore returns (x - region mean)/region SD for score x in half-points.
func (r *Report) zScore(v int, x int32) float64 {
	g := r.group(Region, 0, v)
	return (float64(x)/2 - g.Mean) / g.SD
}
