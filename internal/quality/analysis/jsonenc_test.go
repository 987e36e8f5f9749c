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
