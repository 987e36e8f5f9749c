package review

import (
	"maps"
	"math"
	"slices"
)

// Score is one finished review's total for aggregation.
type Score struct {
	Assignment int64
	Submission int64
	Expert     int64
	Total      float64
}

// Result is one submission's aggregated score and how it was reached.
type Result struct {
	Submission int64
	Value      float64
	Method     string  // the method actually used (trimmed falls back to mean below 5 reviews)
	N          int     // reviews counted
	Outliers   []int64 // assignments whose score is outlying
}

// Mean is the plain average; 0 for no scores.
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// TrimmedMean drops one highest and one lowest score and averages the
// rest; it needs at least 5 scores (ok false otherwise).
func TrimmedMean(xs []float64) (float64, bool) {
	if len(xs) < 5 {
		return 0, false
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return Mean(s[1 : len(s)-1]), true
}

// expertNorm is one expert's mean and (population) standard deviation.
type expertNorm struct{ mean, sd float64 }

// normsOf computes each expert's mean and standard deviation over all
// their scores in the campaign.
func normsOf(scores []Score) map[int64]expertNorm {
	by := map[int64][]float64{}
	for _, s := range scores {
		by[s.Expert] = append(by[s.Expert], s.Total)
	}
	out := make(map[int64]expertNorm, len(by))
	for e, xs := range by {
		m := Mean(xs)
		v := 0.0
		for _, x := range xs {
			v += (x - m) * (x - m)
		}
		out[e] = expertNorm{mean: m, sd: math.Sqrt(v / float64(len(xs)))}
	}
	return out
}

// z is a score as standard deviations from its expert's mean; an expert
// whose scores are all equal (or who scored once) contributes 0.
func (n expertNorm) z(x float64) float64 {
	if n.sd == 0 {
		return 0
	}
	return (x - n.mean) / n.sd
}

// Aggregate combines the finished reviews per submission by method:
// MethodMean, MethodTrimmed (below 5 reviews the plain mean, and the
// result says so) or MethodZ (the mean of each expert's z-scores). With
// gap > 0 a score further than gap from the mean of the submission's
// other scores is flagged as outlying. Results come in submission order.
func Aggregate(scores []Score, method string, gap float64) []Result {
	bySub := map[int64][]Score{}
	for _, s := range scores {
		bySub[s.Submission] = append(bySub[s.Submission], s)
	}
	var norms map[int64]expertNorm
	if method == MethodZ {
		norms = normsOf(scores)
	}
	var out []Result
	for _, sub := range slices.Sorted(maps.Keys(bySub)) {
		list := bySub[sub]
		xs := make([]float64, len(list))
		for i, s := range list {
			xs[i] = s.Total
		}
		r := Result{Submission: sub, N: len(list), Method: MethodMean, Value: Mean(xs)}
		switch method {
		case MethodTrimmed:
			if v, ok := TrimmedMean(xs); ok {
				r.Value, r.Method = v, MethodTrimmed
			}
		case MethodZ:
			zs := make([]float64, len(list))
			for i, s := range list {
				zs[i] = norms[s.Expert].z(s.Total)
			}
			r.Value, r.Method = Mean(zs), MethodZ
		}
		r.Outliers = outliers(list, gap)
		out = append(out, r)
	}
	return out
}

func outliers(list []Score, gap float64) []int64 {
	if gap <= 0 || len(list) < 3 {
		return nil
	}
	var out []int64
	sum := 0.0
	for _, s := range list {
		sum += s.Total
	}
	for _, s := range list {
		others := (sum - s.Total) / float64(len(list)-1)
		if math.Abs(s.Total-others) > gap {
			out = append(out, s.Assignment)
		}
	}
	return out
}

// Rank orders results by value, highest first (ties by submission order),
// and marks the first quota as awarded; quota 0 awards all.
func Rank(results []Result, quota int) (ranked []Result, awarded map[int64]bool) {
	ranked = slices.Clone(results)
	slices.SortStableFunc(ranked, func(a, b Result) int {
		switch {
		case a.Value > b.Value:
			return -1
		case a.Value < b.Value:
			return 1
		}
		return int(a.Submission - b.Submission)
	})
	awarded = map[int64]bool{}
	for i, r := range ranked {
		if quota == 0 || i < quota {
			awarded[r.Submission] = true
		}
	}
	return ranked, awarded
}
