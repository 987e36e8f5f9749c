package analysis

import (
	"bufio"
	"io"
	"math"
)

// WriteJSON writes the report as one JSON object with the top-level keys meta,
// subjects, groups, students, items and value_added (schema in
// docs/quality-analysis.md). Student records carry rankings and are for
// bureau-internal use only.
func (r *Report) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	buf := make([]byte, 0, 64<<10)
	sections := []struct {
		name string
		n    int
		rec  func([]byte, int) []byte
	}{
		{"subjects", len(r.Names), r.subjectJSON},
		{"groups", len(r.Groups), r.groupJSON},
		{"students", len(r.Data.Students), r.studentJSON},
		{"items", r.itemCount(), r.itemJSON},
		{"value_added", len(r.Value), r.valueJSON},
	}
	buf = append(buf, `{"meta":`...)
	buf = r.metaJSON(buf)
	for _, sec := range sections {
		buf = append(buf, ",\n\""...)
		buf = append(buf, sec.name...)
		buf = append(buf, `":[`...)
		for i := 0; i < sec.n; i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '\n')
			buf = sec.rec(buf, i)
			if len(buf) > 48<<10 {
				if _, err := bw.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		buf = append(buf, ']')
	}
	buf = append(buf, "}\n"...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}

func (r *Report) metaJSON(b []byte) []byte {
	var o obj
	o.open(b)
	o.int("schema_version", 1)
	o.int("students", int64(len(r.Data.Students)))
	o.strs("score_order", r.Names)
	o.strs("levels", levelNames[:])
	o.int("decimals", Decimals)
	s := r.Settings
	o.num("pass_share", s.PassShare)
	o.num("good_share", s.GoodShare)
	o.num("excellent_share", s.ExcellentShare)
	o.num("low_share", s.LowShare)
	o.num("band_width", s.BandWidth)
	o.num("critical_band", s.CriticalBand)
	o.int("min_group_value_added", int64(s.MinGroupVA))
	o.int("prior_unmatched", int64(r.Data.PriorUnmatched))
	o.strs("missing_subjects", r.Data.Missing)
	return o.close()
}

func (r *Report) subjectJSON(b []byte, v int) []byte {
	var o obj
	o.open(b)
	o.str("subject", r.Names[v])
	o.half("full_marks", r.Full[v])
	reg := r.group(Region, 0, v)
	o.int("n", int64(reg.N))
	o.int("absent", int64(reg.Absent))
	o.floats("band_edges", r.bandEdges(v))
	if v == len(r.Data.Subjects) {
		return o.close()
	}
	st := &r.Subjects[v]
	o.int("items", int64(len(r.Items[v])))
	o.str("method", st.Method)
	o.num("alpha", st.Alpha)
	o.num("split_half", st.SplitHalf)
	o.num("half_r", st.HalfR)
	o.strs("knowledge_points", r.Knowledge[v])
	o.strs("abilities", r.Ability[v])
	if r.Data.Prior != nil {
		m := st.VA
		o.key("value_added_model")
		var m2 obj
		m2.open(o.b)
		m2.int("n", int64(m.N))
		m2.num("slope", m.Slope)
		m2.num("residual_sd", m.ResidualSD)
		m2.num("tau2_school", m.Tau2[0])
		m2.num("sigma2_school", m.Sigma2[0])
		m2.num("tau2_class", m.Tau2[1])
		m2.num("sigma2_class", m.Sigma2[1])
		o.b = m2.close()
	}
	return o.close()
}

// bandEdges returns the lower edge of each score band and the full mark.
func (r *Report) bandEdges(v int) []float64 {
	w := int32(math.Round(2 * r.Settings.BandWidth))
	nb := numBands(r.Full[v], w)
	out := make([]float64, 0, nb+1)
	for k := 0; k < nb; k++ {
		out = append(out, float64(int32(k)*w)/2)
	}
	return append(out, float64(r.Full[v])/2)
}

func (r *Report) groupJSON(b []byte, i int) []byte {
	gs := &r.Groups[i]
	county, school, class := r.Data.groupNames(gs.Level, gs.Group)
	var o obj
	o.open(b)
	o.str("level", gs.Level.String())
	o.str("county", county)
	o.str("school", school)
	o.str("class", class)
	o.str("subject", r.Names[gs.V])
	o.int("n", int64(gs.N))
	o.int("absent", int64(gs.Absent))
	for _, f := range []struct {
		k string
		v float64
	}{{"mean", gs.Mean}, {"sd", gs.SD}, {"min", gs.Min}, {"max", gs.Max}, {"median", gs.Median},
		{"q1", gs.Q1}, {"q3", gs.Q3}, {"pass_rate", gs.PassRate}, {"good_rate", gs.GoodRate},
		{"excellent_rate", gs.ExcellentRate}, {"low_rate", gs.LowRate},
		{"over_mean_rate", gs.OverMeanRate}, {"t_score", gs.TScore}} {
		o.num(f.k, f.v)
	}
	o.ints("bands", gs.Bands)
	o.int("critical_pass", int64(gs.Critical[0]))
	o.int("critical_good", int64(gs.Critical[1]))
	o.int("critical_excellent", int64(gs.Critical[2]))
	if gs.V < len(r.Data.Subjects) {
		sums, items := r.groupItemSums(gs), r.Data.Exam.Subjects[gs.V].Items
		r.rateBuf = r.itemRatesInto(r.rateBuf, gs)
		o.floats("item_rates", r.rateBuf)
		r.rateBuf = tagRates(r.rateBuf, sums, r.kpItems[gs.V], items, gs.N)
		o.tagged("knowledge_rates", r.Knowledge[gs.V], r.rateBuf)
		r.rateBuf = tagRates(r.rateBuf, sums, r.abItems[gs.V], items, gs.N)
		o.tagged("ability_rates", r.Ability[gs.V], r.rateBuf)
	}
	return o.close()
}

func (r *Report) itemCount() int {
	n := 0
	for _, it := range r.Items {
		n += len(it)
	}
	return n
}

func (r *Report) itemJSON(b []byte, i int) []byte {
	s := 0
	for i >= len(r.Items[s]) {
		i -= len(r.Items[s])
		s++
	}
	it, st := &r.Data.Exam.Subjects[s].Items[i], &r.Items[s][i]
	var o obj
	o.open(b)
	o.str("subject", r.Names[s])
	o.str("item", it.Name)
	o.str("kind", [...]string{"subjective", "objective"}[it.Kind])
	o.half("full_marks", it.Full)
	o.int("n", int64(st.N))
	o.num("mean", st.Mean)
	o.num("sd", st.SD)
	o.num("difficulty", st.Difficulty)
	o.num("discrimination", st.Discrimination)
	o.num("point_biserial", st.PointBiserial)
	o.num("corrected_r", st.CorrectedR)
	o.num("blank_rate", st.BlankRate)
	o.strs("knowledge_points", it.Knowledge)
	o.str("ability", it.Ability)
	if it.Key != "" {
		o.str("key", it.Key)
		o.str("options", it.Options)
		o.floats("option_rates", st.OptionRates)
	}
	return o.close()
}

func (r *Report) valueJSON(b []byte, i int) []byte {
	va := &r.Value[i]
	county, school, class := r.Data.groupNames(va.Level, va.Group)
	var o obj
	o.open(b)
	o.str("level", va.Level.String())
	o.str("county", county)
	o.str("school", school)
	o.str("class", class)
	o.str("subject", r.Names[va.Subject])
	o.int("n", int64(va.N))
	o.boolean("suppressed", va.Suppressed)
	o.num("residual_mean", va.ResidualMean)
	o.num("ci_low", va.CILow)
	o.num("ci_high", va.CIHigh)
	o.num("shrunken", va.Shrunken)
	return o.close()
}
