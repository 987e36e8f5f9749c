package analysis

import "math"

// ValueAdded 增值评价 of one school or class in one subject. Residuals are in
// z units of the current exam. When N < Settings.MinGroupVA the estimates are
// suppressed (NaN) and Suppressed is true.
type ValueAdded struct {
	Level        Level
	Group        int32
	Subject      int
	N            int
	Suppressed   bool
	ResidualMean float64 // mean of (z_current - b·z_prior) over the group
	CILow        float64 // ResidualMean ∓ 1.96·σ̂/√n, σ̂ the regression residual SD
	CIHigh       float64
	Shrunken     float64 // empirical-Bayes estimate λ·ResidualMean, λ = τ²/(τ²+σ²_w/n)
}

// VAModel is the regional regression of one subject.
type VAModel struct {
	N          int        // students with both a current and a prior score
	Slope      float64    // OLS slope of z_current on z_prior (the intercept is 0)
	ResidualSD float64    // σ̂ = sqrt(Σe²/(N-2))
	Tau2       [2]float64 // between-group variance of residuals: schools, classes
	Sigma2     [2]float64 // within-group variance of residuals: schools, classes
}

// valueAdded runs the value-added model for every subject with prior scores.
func (r *Report) valueAdded() {
	for s := range r.Data.Subjects {
		nan := math.NaN()
		r.Subjects[s].VA = VAModel{Slope: nan, ResidualSD: nan, Tau2: [2]float64{nan, nan}, Sigma2: [2]float64{nan, nan}}
		e, ok := r.residuals(s)
		if !ok {
			continue
		}
		for i, l := range []Level{School, Class} {
			r.groupResiduals(s, l, e, i)
		}
	}
}

// residuals standardises current and prior scores of subject s over the
// students having both, regresses current on prior and returns the residual
// of each student (NaN when not matched).
func (r *Report) residuals(s int) ([]float64, bool) {
	prior, cur := r.Data.Prior[s], r.Score[s]
	var n int
	var sc, scc, sp, spp float64
	for st, x := range cur {
		if x >= 0 && !math.IsNaN(prior[st]) {
			c, p := float64(x)/2, prior[st]
			n++
			sc, scc, sp, spp = sc+c, scc+c*c, sp+p, spp+p*p
		}
	}
	if n < 3 {
		return nil, false
	}
	mc, mp := sc/float64(n), sp/float64(n)
	sdc, sdp := math.Sqrt(scc/float64(n)-mc*mc), math.Sqrt(spp/float64(n)-mp*mp)
	if sdc == 0 || sdp == 0 {
		return nil, false
	}
	zc, zp := nanSlice(len(cur)), nanSlice(len(cur))
	var sxy, sxx float64
	for st, x := range cur {
		if x >= 0 && !math.IsNaN(prior[st]) {
			zc[st], zp[st] = (float64(x)/2-mc)/sdc, (prior[st]-mp)/sdp
			sxy += zc[st] * zp[st]
			sxx += zp[st] * zp[st]
		}
	}
	b := sxy / sxx
	var see float64
	for st := range zc {
		if !math.IsNaN(zc[st]) {
			zc[st] -= b * zp[st]
			see += zc[st] * zc[st]
		}
	}
	m := &r.Subjects[s].VA
	m.N, m.Slope, m.ResidualSD = n, b, math.Sqrt(see/float64(n-2))
	return zc, true
}

// groupResiduals aggregates residuals by group at level l, estimates the
// between-group variance by the one-way ANOVA (method of moments) estimator
// and appends one ValueAdded row per group with students.
func (r *Report) groupResiduals(s int, l Level, e []float64, li int) {
	ds := r.Data
	ng := ds.numGroups(l)
	n := make([]int, ng)
	sum, ss := make([]float64, ng), make([]float64, ng)
	for st, x := range e {
		if !math.IsNaN(x) {
			g := ds.groupOf(l, int32(st))
			n[g]++
			sum[g] += x
			ss[g] += x * x
		}
	}
	tau2, sigma2 := anovaVariances(n, sum, ss)
	m := &r.Subjects[s].VA
	m.Tau2[li], m.Sigma2[li] = tau2, sigma2
	for g := range n {
		if n[g] == 0 {
			continue
		}
		r.Value = append(r.Value, r.vaRow(s, l, g, n[g], sum[g], tau2, sigma2))
	}
}

func (r *Report) vaRow(s int, l Level, g, n int, sum, tau2, sigma2 float64) ValueAdded {
	va := ValueAdded{Level: l, Group: int32(g), Subject: s, N: n}
	if n < r.Settings.MinGroupVA {
		nan := math.NaN()
		va.Suppressed, va.ResidualMean, va.CILow, va.CIHigh, va.Shrunken = true, nan, nan, nan, nan
		return va
	}
	mean := sum / float64(n)
	half := 1.959963984540054 * r.Subjects[s].VA.ResidualSD / math.Sqrt(float64(n))
	va.ResidualMean, va.CILow, va.CIHigh = mean, mean-half, mean+half
	va.Shrunken = mean * shrinkFactor(tau2, sigma2, n)
	return va
}

// shrinkFactor is λ = τ² / (τ² + σ²/n); 0 when τ² is 0.
func shrinkFactor(tau2, sigma2 float64, n int) float64 {
	if tau2 <= 0 {
		return 0
	}
	return tau2 / (tau2 + sigma2/float64(n))
}

// anovaVariances returns the method-of-moments estimates of the between-group
// variance τ² = max(0, (MSB - MSW)/n₀) and the within-group variance σ² = MSW,
// with n₀ = (N - Σn_j²/N)/(J-1), over the groups that have students.
func anovaVariances(n []int, sum, ss []float64) (tau2, sigma2 float64) {
	var N, J int
	var tot, sumN2, ssw float64
	for g := range n {
		if n[g] == 0 {
			continue
		}
		N += n[g]
		J++
		tot += sum[g]
		sumN2 += float64(n[g] * n[g])
		ssw += ss[g] - sum[g]*sum[g]/float64(n[g])
	}
	if J < 2 || N <= J {
		return 0, math.NaN()
	}
	grand := tot / float64(N)
	var ssb float64
	for g := range n {
		if n[g] > 0 {
			d := sum[g]/float64(n[g]) - grand
			ssb += float64(n[g]) * d * d
		}
	}
	msb, msw := ssb/float64(J-1), ssw/float64(N-J)
	n0 := (float64(N) - sumN2/float64(N)) / float64(J-1)
	return max(0, (msb-msw)/n0), msw
}
