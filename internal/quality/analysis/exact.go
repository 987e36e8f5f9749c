package analysis

import "math/bits"

// mulSub returns a·b − c·d for non-negative a, b, c, d, computed exactly in
// 128 bits and rounded once to float64. Variances and covariances are formed
// this way from integer sums (n·Σxy − Σx·Σy), so they carry no cancellation
// error and cannot overflow for any realistic exam size.
func mulSub(a, b, c, d int64) float64 {
	h1, l1 := bits.Mul64(uint64(a), uint64(b))
	h2, l2 := bits.Mul64(uint64(c), uint64(d))
	l, borrow := bits.Sub64(l1, l2, 0)
	h, _ := bits.Sub64(h1, h2, borrow)
	if int64(h) >= 0 {
		return float64(h)*0x1p64 + float64(l)
	}
	// negative: two's complement of the 128-bit result
	l, carry := bits.Add64(^l, 1, 0)
	h = ^h + carry
	return -(float64(h)*0x1p64 + float64(l))
}
