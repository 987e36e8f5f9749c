package web

import (
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SafeNext is the one place that turns a requested post-sign-in target into
// a redirect: a path on this site, rebuilt from its parsed form (path
// cleaned and escaped, query re-encoded, fragment dropped), or "/" for
// anything else: a scheme or host, a backslash, a control character (raw or
// percent-encoded), invalid UTF-8, or a target that does not start with
// exactly one slash.
func SafeNext(next string) string {
	if len(next) > 2048 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || badPathText(next) ||
		!utf8.ValidString(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || badPathText(u.Path) {
		return "/"
	}
	p := path.Clean(u.Path)
	if strings.HasSuffix(u.Path, "/") && p != "/" {
		p += "/"
	}
	out := (&url.URL{Path: p, RawQuery: u.Query().Encode()}).String()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || badPathText(out) {
		return "/"
	}
	return out
}

// badPathText reports a backslash or a control character in s.
func badPathText(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r == '\\' || unicode.IsControl(r) })
}
