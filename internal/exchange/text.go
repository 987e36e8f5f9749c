package exchange

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// NormalizeText folds full-width letters, digits and punctuation to their
// ASCII forms (ＡＢ１２ → AB12, full-width space → space), removes zero-width
// characters, turns NBSP and other spaces into plain spaces, collapses runs
// of spaces and trims both ends. Chinese characters are left alone.
func NormalizeText(s string) string {
	if plainASCII(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if f := width.LookupRune(r).Folded(); f != 0 {
			r = f
		}
		switch {
		case isZeroWidth(r):
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blankText reports whether NormalizeText(s) would be "", without allocating.
func blankText(s string) bool {
	for i, r := range s {
		invalid := r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") // dropped by NormalizeText
		if !(invalid || unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || isZeroWidth(r)) {
			return false
		}
	}
	return true
}

// plainASCII reports whether s has only visible ASCII, which needs no work.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

// normalizeHeader reduces a header cell to a comparable form: width-folded,
// without any spaces, without a required marker ("*", "（必填）") and without
// letter case.
func normalizeHeader(s string) string {
	s = strings.ReplaceAll(NormalizeText(s), " ", "")
	for _, m := range []string{"(必填)", "(选填)", "(必选)", "(可选)", "[必填]", "【必填】", "【选填】"} {
		s = strings.ReplaceAll(s, m, "")
	}
	s = strings.Trim(s, "*:：")
	return strings.ToLower(s)
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
