package analysis

import (
	"math"
	"testing"
)

func TestAppendFixedRoundsToFourPlaces(t *testing.T) {
	cases := map[float64]string{
		0: "0", 1.5: "1.5", -0.20454545: "-0.2045", 2.898275349: "2.8983", 0.00004: "0",
		0.00005: "0.0001", 100: "100", -3.99996: "-4", math.NaN(): "null", math.Inf(1): "null",
	}
	for in, want := range cases {
		if got := string(appendFixed(nil, in)); got != want {
			t.Errorf("appendFixed(%v) = %s, want %s", in, got, want)
		}
	}
	if got := string(appendString(nil, "甲\"\n\x01")); got != `"甲\"\n\u0001"` {
		t.Errorf("appendString = %s", got)
	}
}

func TestMulSubIsExactBeyondInt64(t *testing.T) {
	// 3e9·4e9 − 2e9·5e9 = 2e18 overflows neither way here, but the products do
	if got := mulSub(3e9, 4e9, 2e9, 5e9); got != 2e18 {
		t.Errorf("mulSub = %v, want 2e18", got)
	}
	if got := mulSub(2e9, 5e9, 3e9, 4e9); got != -2e18 {
		t.Errorf("mulSub = %v, want -2e18", got)
	}
	// 2.5M students with totals near 1350 points: n·Σx² ≈ 1.6e19 > MaxInt64
	n, sum, sumsq := int64(2_500_000), int64(2_500_000*2000), int64(2_500_000*2000*2000+2_500_000)
	if got := mulSub(n, sumsq, sum, sum); got != float64(n*n) {
		t.Errorf("variance numerator = %v, want %v", got, float64(n*n))
	}
}
