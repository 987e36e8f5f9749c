package analysis

import "math"

// ItemStat holds the region-level statistics of one item. Correlations are
// Pearson coefficients; NaN when a variance is zero.
type ItemStat struct {
	N              int
	Mean, SD       float64 // points
	Difficulty     float64 // P = mean / full
	Discrimination float64 // D = (mean_top - mean_bottom) / full, top/bottom 27%
	PointBiserial  float64 // r(item, subject total)
	CorrectedR     float64 // r(item, subject total without the item)
	BlankRate      float64
	Dichotomous    bool      // every score is 0 or full
	OptionRates    []float64 // per option letter of Item.Options, nil unless keyed
	sx, sxx, sxt   int64
	blank          int
	options        []int32
}

// SubjectStat holds a subject's reliability.
type SubjectStat struct {
	N         int
	Method    string  // "alpha" or "KR-20"
	Alpha     float64 // Cronbach's α (equals KR-20 for 0/full items)
	SplitHalf float64 // Spearman-Brown corrected odd/even correlation
	HalfR     float64 // the uncorrected odd/even correlation
	VA        VAModel // value-added regression, zero without prior scores
}

// cellScore maps a stored cell to its score in half-points (blank = 0).
var cellScore = func() (t [256]int64) {
	for c := range t {
		t[c] = int64(c)
	}
	t[Blank] = 0
	return t
}()

// subjectPass reads every row of subject s once: it stores each student's
// subject total, accumulates item and reliability sums, and returns the item
// score sums per class (class*k + item). Per item it keeps a histogram of the
// stored cells, from which the sums of x and x², the blanks and whether the
// item is scored 0/full follow.
func (r *Report) subjectPass(s int) []int32 {
	ds := r.Data
	sd := &ds.Subjects[s]
	k := len(ds.Exam.Subjects[s].Items)
	score := make([]int32, len(ds.Students))
	for i := range score {
		score[i] = -1
	}
	classSum := make([]int32, len(ds.Classes)*k)
	hist := make([]int32, k*256)
	sxt := make([]int64, k)
	var sT, sTT, sOE int64
	var oe, oo [2]int64
	for row, stu := range sd.Rows {
		cells := sd.Cells(row)
		var t int64
		var half [2]int64
		cls := classSum[int(ds.Students[stu].Class)*k:][:k]
		h := hist[:k*256]
		for j, c := range cells {
			x := cellScore[c]
			t += x
			half[j&1] += x
			cls[j] += int32(x)
			h[j<<8|int(c)]++
		}
		if sd.Totals != nil {
			t = int64(sd.Totals[row]) // a subject read as totals has no cells
		}
		for j, c := range cells {
			sxt[j] += cellScore[c] * t
		}
		score[stu] = int32(t)
		sT, sTT = sT+t, sTT+t*t
		oe[0], oe[1] = oe[0]+half[0], oe[1]+half[1]
		oo[0], oo[1] = oo[0]+half[0]*half[0], oo[1]+half[1]*half[1]
		sOE += half[0] * half[1]
	}
	r.Score[s] = score
	st := r.itemMoments(s, hist, sxt)
	n := int64(len(sd.Rows))
	r.itemCorrelations(s, st, n, sT, sTT)
	r.Subjects[s] = reliability(st, n, sT, sTT, [5]int64{oe[0], oe[1], oo[0], oo[1], sOE})
	r.optionCounts(s, st)
	r.Items[s] = st
	return classSum
}

// itemMoments turns the per-item cell histograms into sums of x and x², blank
// counts and the 0/full flag.
func (r *Report) itemMoments(s int, hist []int32, sxt []int64) []ItemStat {
	items := r.Data.Exam.Subjects[s].Items
	st := make([]ItemStat, len(items))
	for j := range st {
		it := &st[j]
		it.Dichotomous, it.sxt = true, sxt[j]
		for c, n := range hist[j<<8 : (j+1)<<8] {
			if n == 0 {
				continue
			}
			if c == Blank {
				it.blank = int(n)
				continue
			}
			x := int64(c)
			it.sx += int64(n) * x
			it.sxx += int64(n) * x * x
			if c != 0 && int32(c) != items[j].Full {
				it.Dichotomous = false
			}
		}
	}
	return st
}

// itemCorrelations fills mean, SD, difficulty and the two item-total
// correlations from exact integer sums.
func (r *Report) itemCorrelations(s int, st []ItemStat, n, sT, sTT int64) {
	items := r.Data.Exam.Subjects[s].Items
	varT := mulSub(n, sTT, sT, sT)
	for j := range st {
		it := &st[j]
		it.N = int(n)
		it.Mean, it.SD = pointStats(int(n), it.sx, it.sxx)
		it.Difficulty = it.Mean * 2 / float64(items[j].Full)
		it.BlankRate = ratio(int64(it.blank), n)
		varX := mulSub(n, it.sxx, it.sx, it.sx)
		cov := mulSub(n, it.sxt, it.sx, sT)
		it.PointBiserial = corr(cov, varX, varT)
		// total without the item: cov(x, T-x) = cov(x,T) - var(x); var(T-x) = varT - 2cov + varX
		it.CorrectedR = corr(cov-varX, varX, varT-2*cov+varX)
	}
}

// reliability computes Cronbach's α and the odd/even split-half coefficient.
// odd/even hold ΣO, ΣE, ΣO², ΣE², ΣOE over students.
func reliability(st []ItemStat, n, sT, sTT int64, oe [5]int64) SubjectStat {
	k := float64(len(st))
	out := SubjectStat{N: int(n), Method: "KR-20"}
	if len(st) == 0 {
		nan := math.NaN()
		return SubjectStat{N: int(n), Alpha: nan, SplitHalf: nan, HalfR: nan} // totals only: no items, no reliability
	}
	var sumVar float64
	for j := range st {
		sumVar += mulSub(n, st[j].sxx, st[j].sx, st[j].sx)
		if !st[j].Dichotomous {
			out.Method = "alpha"
		}
	}
	varT := mulSub(n, sTT, sT, sT)
	out.Alpha = math.NaN()
	if len(st) > 1 && varT > 0 {
		out.Alpha = k / (k - 1) * (1 - sumVar/varT)
	}
	varO := mulSub(n, oe[2], oe[0], oe[0])
	varE := mulSub(n, oe[3], oe[1], oe[1])
	out.HalfR = corr(mulSub(n, oe[4], oe[0], oe[1]), varO, varE)
	out.SplitHalf = 2 * out.HalfR / (1 + out.HalfR)
	return out
}

// corr returns cov/sqrt(va·vb), or NaN when either variance is not positive.
func corr(cov, va, vb float64) float64 {
	if va <= 0 || vb <= 0 {
		return math.NaN()
	}
	return cov / math.Sqrt(va*vb)
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// optionCounts tallies the chosen options of keyed objective items. A
// multiple-choice answer counts toward each letter it contains.
func (r *Report) optionCounts(s int, st []ItemStat) {
	sd := &r.Data.Subjects[s]
	items := r.Data.Exam.Subjects[s].Items
	nk := len(sd.Keyed)
	if nk == 0 {
		return
	}
	for _, j := range sd.Keyed {
		st[j].options = make([]int32, len(items[j].Options))
	}
	for row := range sd.Rows {
		ans := sd.Answers[row*nk : row*nk+nk]
		for p, m := range ans {
			if m == 0 {
				continue
			}
			j := sd.Keyed[p]
			for o := range items[j].Options {
				if m&(1<<(items[j].Options[o]-'A')) != 0 {
					st[j].options[o]++
				}
			}
		}
	}
	n := int64(len(sd.Rows))
	for _, j := range sd.Keyed {
		st[j].OptionRates = make([]float64, len(st[j].options))
		for o, c := range st[j].options {
			st[j].OptionRates[o] = ratio(int64(c), n)
		}
	}
}
