package demo

import (
	"fmt"
	"math/rand/v2"
)

// baseYear is the "now" of the generated data (ages, years of service). It
// is fixed so that a seed gives the same database whatever the date.
const baseYear = 2025

// newRand is the only source of randomness for the data: PCG seeded from the
// --seed flag, so the same seed gives the same region.
func newRand(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x6a69616f79616e)) // "jiaoyan"
}

// weighted is a choice among values with integer weights.
type weighted[T any] struct {
	val    T
	weight int
}

// pick draws one value of ws in proportion to its weight.
func pick[T any](r *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.val
		}
		n -= w.weight
	}
	return ws[len(ws)-1].val
}

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between draws an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idNumber builds an 18-character 居民身份证号码 (GB 11643) for someone born
// in county (6-digit code) on the given day; seq is the 3-digit order code,
// odd for men and even for women, as the standard says.
func idNumber(county string, year, month, day, seq int) string {
	body := fmt.Sprintf("%s%04d%02d%02d%03d", county, year, month, day, seq)
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return body + string("10X98765432"[sum%11])
}

// mobilePrefixes are real mainland carrier prefixes.
var mobilePrefixes = []string{"130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152",
	"155", "157", "158", "159", "177", "180", "181", "186", "187", "188", "189", "191", "199"}

// mobile draws an 11-digit mobile number.
func mobile(r *rand.Rand) string {
	return mobilePrefixes[r.IntN(len(mobilePrefixes))] + fmt.Sprintf("%08d", r.IntN(100000000))
}

var cnDigits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// cnNum writes 1-99 in Chinese numerals: 三, 十二, 二十, 四十五.
func cnNum(n int) string {
	switch {
	case n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return cnDigits[n]
	case n < 20:
		return "十" + cnDigits[n%10]
	default:
		return cnDigits[n/10] + "十" + cnDigits[n%10]
	}
}
