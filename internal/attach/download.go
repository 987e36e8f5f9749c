package attach

import (
	"fmt"
	"strings"
)

// Disposition is the Content-Disposition value that makes a browser save a
// download under its original (Chinese) name: an ASCII fallback for old
// clients and the UTF-8 name of RFC 6266/5987.
func Disposition(name string) string {
	var ascii, enc strings.Builder
	for _, r := range name {
		if r < 0x20 || r >= 0x7f || r == '"' || r == '\\' || r == '%' {
			ascii.WriteByte('_')
		} else {
			ascii.WriteRune(r)
		}
	}
	for _, c := range []byte(name) {
		if isAttrChar(c) {
			enc.WriteByte(c)
		} else {
			fmt.Fprintf(&enc, "%%%02X", c)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + enc.String()
}

// isAttrChar is RFC 5987's attr-char: what may stand unescaped.
func isAttrChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
