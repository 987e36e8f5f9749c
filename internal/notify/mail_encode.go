package notify

import (
	"encoding/base64"
	"strings"
)

// base64Lines encodes p in base64 lines of 76 characters (RFC 2045).
func base64Lines(p []byte) string {
	s := base64.StdEncoding.EncodeToString(p)
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76])
		b.WriteString("\r\n")
		s = s[76:]
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
