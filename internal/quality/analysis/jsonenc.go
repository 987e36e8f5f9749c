package analysis

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Decimals is the fixed precision of every non-integer number in the JSON
// report: values are rounded half away from zero to 4 decimal places and
// trailing zeros are dropped. NaN (undefined) is written as null.
const Decimals = 4

// appendFixed appends f rounded to Decimals places, or null.
func appendFixed(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	v := math.Round(f * 1e4)
	if math.Abs(v) > 1e17 {
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	n := int64(v)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1e4, 10)
	frac := n % 1e4
	if frac == 0 {
		return b
	}
	b = append(b, '.', byte('0'+frac/1000), byte('0'+frac/100%10), byte('0'+frac/10%10), byte('0'+frac%10))
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	return b
}

// appendHalf appends half-points as a score in points, or null when negative.
func appendHalf(b []byte, v int32) []byte {
	if v < 0 {
		return append(b, "null"...)
	}
	b = strconv.AppendInt(b, int64(v/2), 10)
	if v&1 != 0 {
		b = append(b, '.', '5')
	}
	return b
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		}
		i++
	}
	return append(b, '"')
}

// obj helps write one JSON object field by field.
type obj struct {
	b     []byte
	first bool
}

func (o *obj) key(k string) {
	if o.first {
		o.first = false
	} else {
		o.b = append(o.b, ',')
	}
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *obj) str(k, v string)         { o.key(k); o.b = appendString(o.b, v) }
func (o *obj) num(k string, v float64) { o.key(k); o.b = appendFixed(o.b, v) }
func (o *obj) int(k string, v int64)   { o.key(k); o.b = strconv.AppendInt(o.b, v, 10) }
func (o *obj) half(k string, v int32)  { o.key(k); o.b = appendHalf(o.b, v) }
func (o *obj) boolean(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *obj) floats(k string, vs []float64) {
	o.key(k)
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendFixed(o.b, v)
	}
	o.b = append(o.b, ']')
}

func (o *obj) ints(k string, vs []int32) {
	o.key(k)
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = strconv.AppendInt(o.b, int64(v), 10)
	}
	o.b = append(o.b, ']')
}

func (o *obj) strs(k string, vs []string) {
	o.key(k)
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendString(o.b, v)
	}
	o.b = append(o.b, ']')
}

// tagged writes {"name": rate, ...}.
func (o *obj) tagged(k string, names []string, rates []float64) {
	o.key(k)
	o.b = append(o.b, '{')
	for i, n := range names {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendString(o.b, n)
		o.b = append(o.b, ':')
		o.b = appendFixed(o.b, rates[i])
	}
	o.b = append(o.b, '}')
}

func (o *obj) open(b []byte) { o.b = append(b, '{'); o.first = true }
func (o *obj) close() []byte { return append(o.b, '}') }
