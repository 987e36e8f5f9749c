package analysis

// parseHalf parses a non-negative score written with at most one decimal that
// is 0 or 5 ("12", "12.5", "12.0", "12.50") into half-points.
func parseHalf(b []byte) (int32, bool) {
	b = trimSpace(b)
	if len(b) == 0 {
		return 0, false
	}
	var v int32
	i := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		v = v*10 + int32(b[i]-'0')
		if v > 1<<20 {
			return 0, false
		}
	}
	if i == 0 && (i >= len(b) || b[i] != '.') {
		return 0, false
	}
	v *= 2
	if i == len(b) {
		return v, true
	}
	if b[i] != '.' || i+1 == len(b) {
		return 0, false
	}
	switch b[i+1] {
	case '5':
		v++
	case '0':
	default:
		return 0, false
	}
	for _, c := range b[i+2:] {
		if c != '0' {
			return 0, false
		}
	}
	return v, true
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// optionMask turns option letters ("A", "ac") into a bit set (bit 0 = A),
// accepting only letters listed in allowed.
func optionMask(b []byte, allowed string) (uint8, bool) {
	var m uint8
	for _, c := range b {
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'H' || !containsByte(allowed, c) {
			return 0, false
		}
		m |= 1 << (c - 'A')
	}
	return m, m != 0
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// halfString formats half-points as a score for messages ("12.5").
func halfString(v int32) string {
	s := itoa(int(v / 2))
	if v%2 != 0 {
		s += ".5"
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
