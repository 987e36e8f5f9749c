package review_test

import (
	"math"
	"testing"

	"jiaoyan/internal/review"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMeanAndTrimmedMeanByHand(t *testing.T) {
	if m := review.Mean([]float64{80, 90, 70}); !near(m, 80) {
		t.Fatalf("mean = %v", m)
	}
	// 70 72 75 80 85 95: drop 70 and 95, (72+75+80+85)/4 = 78.
	if m, ok := review.TrimmedMean([]float64{95, 70, 80, 85, 75, 72}); !ok || !near(m, 78) {
		t.Fatalf("trimmed = %v %v", m, ok)
	}
	if _, ok := review.TrimmedMean([]float64{1, 2, 3, 4}); ok {
		t.Fatal("trimmed mean of 4 scores")
	}
	// with 4 reviews the trimmed method falls back to the mean, and says so.
	r := review.Aggregate([]review.Score{{1, 1, 1, 60}, {2, 1, 2, 70}, {3, 1, 3, 80}, {4, 1, 4, 100}}, review.MethodTrimmed, 0)
	if len(r) != 1 || r[0].Method != review.MethodMean || !near(r[0].Value, 77.5) {
		t.Fatalf("fallback = %+v", r)
	}
	r = review.Aggregate([]review.Score{{1, 1, 1, 60}, {2, 1, 2, 70}, {3, 1, 3, 80}, {4, 1, 4, 90}, {5, 1, 5, 100}}, review.MethodTrimmed, 0)
	if r[0].Method != review.MethodTrimmed || !near(r[0].Value, 80) || r[0].N != 5 {
		t.Fatalf("trimmed = %+v", r)
	}
}

func TestZNormalisationByHand(t *testing.T) {
	// expert 1 gives 80 and 60 (mean 70, sd 10: z +1, -1); expert 2 gives
	// 90 twice (sd 0: z 0); expert 3 gives 70 and 50 (mean 60, sd 10).
	scores := []review.Score{
		{1, 1, 1, 80}, {2, 2, 1, 60},
		{3, 1, 2, 90}, {4, 2, 2, 90},
		{5, 1, 3, 70}, {6, 2, 3, 50},
	}
	r := review.Aggregate(scores, review.MethodZ, 0)
	if len(r) != 2 || !near(r[0].Value, 2.0/3) || !near(r[1].Value, -2.0/3) || r[0].Method != review.MethodZ {
		t.Fatalf("z = %+v", r)
	}
	// the plain mean of the same scores: (80+90+70)/3 and (60+90+50)/3.
	r = review.Aggregate(scores, review.MethodMean, 0)
	if !near(r[0].Value, 80) || !near(r[1].Value, 200.0/3) {
		t.Fatalf("mean = %+v", r)
	}
}

func TestOutlyingScoresAreFlagged(t *testing.T) {
	// 50 is 32 below the others' mean 82; 80, 82 and 84 are within 15.
	scores := []review.Score{{1, 1, 1, 80}, {2, 1, 2, 82}, {3, 1, 3, 84}, {4, 1, 4, 50}}
	r := review.Aggregate(scores, review.MethodMean, 15)
	if len(r[0].Outliers) != 1 || r[0].Outliers[0] != 4 {
		t.Fatalf("outliers = %v", r[0].Outliers)
	}
	if r := review.Aggregate(scores, review.MethodMean, 0); len(r[0].Outliers) != 0 {
		t.Fatal("flagged with no gap set")
	}
}

func TestRankAppliesTheQuota(t *testing.T) {
	res := []review.Result{{Submission: 1, Value: 70}, {Submission: 2, Value: 90}, {Submission: 3, Value: 80}, {Submission: 4, Value: 90}}
	ranked, awarded := review.Rank(res, 2)
	if ranked[0].Submission != 2 || ranked[1].Submission != 4 || ranked[2].Submission != 3 || ranked[3].Submission != 1 {
		t.Fatalf("ranked = %+v", ranked)
	}
	if len(awarded) != 2 || !awarded[2] || !awarded[4] {
		t.Fatalf("awarded = %v", awarded)
	}
}
