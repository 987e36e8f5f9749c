package analysis

import (
	"math"
	"testing"
)

// Current 60 80 70 90 and prior 50 70 70 90 for A1 A2 (school 甲) and B1 B2
// (school 乙). After z-standardising, the OLS slope is 0.9486832981 and the
// residuals are 0, 0.4472, -0.4472, 0.
func vaFixture(t *testing.T, minGroup int) *Report {
	items := "科目,题号,满分,题型\n数学,1,100,主观\n"
	scores := "考号,县区,学校,班级,科目,1\n" +
		"A1,县,甲,1班,数学,60\nA2,县,甲,1班,数学,80\nB1,县,乙,1班,数学,70\nB2,县,乙,1班,数学,90\n"
	prior := "考号,科目,成绩\nA1,数学,50\nA2,数学,70\nB1,数学,70\nB2,数学,90\nZZ,数学,10\n"
	p := writeFiles(t, map[string]string{"i.csv": items, "s.csv": scores, "p.csv": prior})
	set := DefaultSettings()
	set.MinGroupVA = minGroup
	return analyzePaths(t, p["i.csv"], p["s.csv"], p["p.csv"], set)
}

func TestValueAddedByHand(t *testing.T) {
	r := vaFixture(t, 2)
	m := r.Subjects[0].VA
	near(t, "slope", m.Slope, 0.9486832981, 1e-9)
	near(t, "residual sd sqrt(0.4/2)", m.ResidualSD, 0.4472135955, 1e-9)
	near(t, "tau2 school", m.Tau2[0], 0.05, 1e-12)
	near(t, "sigma2 school", m.Sigma2[0], 0.1, 1e-12)
	if r.Data.PriorUnmatched != 1 {
		t.Errorf("unmatched prior rows = %d, want 1 (ZZ)", r.Data.PriorUnmatched)
	}
	school := map[string]ValueAdded{}
	for _, v := range r.Value {
		if v.Level == School {
			_, name, _ := r.Data.groupNames(v.Level, v.Group)
			school[name] = v
		}
	}
	if len(school) != 2 {
		t.Fatalf("school rows = %d", len(school))
	}
	jia := school["甲"]
	near(t, "甲 residual mean", jia.ResidualMean, 0.2236067977, 1e-9)
	near(t, "甲 ci low", jia.CILow, -0.3961882346, 1e-9)
	near(t, "甲 ci high", jia.CIHigh, 0.8434018301, 1e-9)
	// λ = 0.05 / (0.05 + 0.1/2) = 0.5
	near(t, "甲 shrunken", jia.Shrunken, 0.1118033989, 1e-9)
	near(t, "乙 shrunken", school["乙"].Shrunken, -0.1118033989, 1e-9)
}

func TestValueAddedSuppressesSmallGroups(t *testing.T) {
	r := vaFixture(t, 10)
	for _, v := range r.Value {
		if !v.Suppressed || !math.IsNaN(v.ResidualMean) || !math.IsNaN(v.Shrunken) || v.N != 2 {
			t.Errorf("group of 2 below 10 not suppressed: %+v", v)
		}
	}
}

func TestANOVAVarianceEstimator(t *testing.T) {
	// groups {1,3} and {5,7}: MSB 16, MSW 2, n0 2, τ² = 7
	tau2, sigma2 := anovaVariances([]int{2, 2, 0}, []float64{4, 12, 0}, []float64{10, 74, 0})
	near(t, "tau2", tau2, 7, 1e-12)
	near(t, "sigma2", sigma2, 2, 1e-12)
	near(t, "lambda n=2", shrinkFactor(tau2, sigma2, 2), 0.875, 1e-12)
	// groups with equal means: MSB 0 < MSW, τ² truncated at 0, no shrinkage credit
	tau2, _ = anovaVariances([]int{2, 2}, []float64{4, 4}, []float64{10, 10})
	if tau2 != 0 || shrinkFactor(tau2, 2, 5) != 0 {
		t.Errorf("tau2 = %v, want 0", tau2)
	}
}

func TestValueAddedWithoutMatchesIsUndefined(t *testing.T) {
	items := "科目,题号,满分,题型\n数学,1,100,主观\n"
	scores := "考号,县区,学校,班级,科目,1\nA1,县,甲,1班,数学,60\nA2,县,甲,1班,数学,80\n"
	prior := "考号,科目,成绩\nZZ,数学,10\n"
	p := writeFiles(t, map[string]string{"i.csv": items, "s.csv": scores, "p.csv": prior})
	r := analyzePaths(t, p["i.csv"], p["s.csv"], p["p.csv"], DefaultSettings())
	if m := r.Subjects[0].VA; m.N != 0 || !math.IsNaN(m.Slope) || len(r.Value) != 0 {
		t.Errorf("no matched students: model %+v, %d rows", m, len(r.Value))
	}
}
