package main

import (
	"fmt"
	"math"

	"jiaoyan/internal/quality/analysis"
)

// tolerance for agreement: both sides compute in float64 from the same data.
const tolerance = 1e-9

// compare checks every group and item figure of jiaoyan against DuckDB.
func compare(rep *analysis.Report, res *duckResults) error {
	var checked, bad int
	check := func(what string, ours, theirs float64) {
		checked++
		if math.Abs(ours-theirs) > tolerance*max(1, math.Abs(theirs)) {
			bad++
			if bad <= 10 {
				fmt.Printf("  MISMATCH %s: jiaoyan %.12g duckdb %.12g\n", what, ours, theirs)
			}
		}
	}
	for i := range rep.Groups {
		g := &rep.Groups[i]
		if g.N == 0 {
			continue
		}
		c, s, k := rep.GroupNames(g.Level, g.Group)
		key := groupKey{g.Level.String(), c, s, k, rep.Names[g.V]}
		d, ok := res.groups[key]
		if !ok {
			return fmt.Errorf("duckdb has no group %v", key)
		}
		name := fmt.Sprint(key)
		check(name+" n", float64(g.N), float64(d.n))
		for _, p := range [][3]any{{"mean", g.Mean, d.mean}, {"sd", g.SD, d.sd}, {"min", g.Min, d.min}, {"max", g.Max, d.max},
			{"median", g.Median, d.median}, {"q1", g.Q1, d.q1}, {"q3", g.Q3, d.q3}, {"pass", g.PassRate, d.pass},
			{"good", g.GoodRate, d.good}, {"excellent", g.ExcellentRate, d.excellent}, {"low", g.LowRate, d.low}} {
			check(name+" "+p[0].(string), p[1].(float64), p[2].(float64))
		}
	}
	for s, subj := range rep.Data.Exam.Subjects {
		for j, it := range subj.Items {
			d, ok := res.items[itemKey{subj.Name, it.Name}]
			if !ok {
				return fmt.Errorf("duckdb has no item %s %s", subj.Name, it.Name)
			}
			st := rep.Items[s][j]
			name := subj.Name + " item " + it.Name
			check(name+" difficulty", st.Difficulty, d.difficulty)
			check(name+" discrimination", st.Discrimination, d.discrimination)
			check(name+" point-biserial", st.PointBiserial, d.pointBiserial)
			check(name+" corrected r", st.CorrectedR, d.correctedR)
		}
	}
	fmt.Printf("agreement: %d figures compared, %d differ by more than %g (relative)\n", checked, bad, tolerance)
	if bad > 0 {
		return fmt.Errorf("%d figures disagree", bad)
	}
	return nil
}
