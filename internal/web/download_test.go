package web_test

import (
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

var fallbackRE = regexp.MustCompile(`filename="([^"]*)"`)

// fallbackName is the plain filename= a client without RFC 6266 support
// saves the download as.
func fallbackName(cd string) string {
	m := fallbackRE.FindStringSubmatch(cd)
	if m == nil {
		return ""
	}
	return m[1]
}

// downloadName returns the file name a browser saves res as (filename* wins
// over the fallback), or "" when res is no download.
func downloadName(t *testing.T, res *http.Response) string {
	cd := res.Header.Get("Content-Disposition")
	if cd == "" {
		return ""
	}
	typ, params, err := mime.ParseMediaType(cd)
	if err != nil || typ != "attachment" {
		t.Fatalf("Content-Disposition %q: %v", cd, err)
	}
	return params["filename"]
}

// TestEveryDownloadNamesTheRealFile replays finding 10: every file the site
// sends (list exports, import templates, the audit export) arrives under
// its Chinese name with the right type, not as download.xlsx.
func TestEveryDownloadNamesTheRealFile(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "aud", auth.RoleAuditor)
	must := map[string]bool{"/export/people": false, "/import/people/template": false, "/audit/export": false}
	for _, user := range []string{"county_a", "aud"} {
		c := s.As(user)
		for _, rt := range s.Server.Routes() {
			if rt.Method != "GET" || rt.Public || strings.Contains(strings.ReplaceAll(rt.Pattern, "{kind}", ""), "{") {
				continue
			}
			for _, kind := range []string{"people", "orgs", "groups", "regions"} {
				p := strings.ReplaceAll(rt.Pattern, "{kind}", kind)
				res, _ := c.Get(p)
				name := downloadName(t, res)
				if name == "" {
					continue
				}
				if _, ok := must[p]; ok {
					must[p] = true
				}
				if !strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || name == "download.xlsx" {
					t.Errorf("%s as %s saves as %q", p, user, name)
				}
				if fb := fallbackName(res.Header.Get("Content-Disposition")); fb == "download.xlsx" || path.Ext(fb) != path.Ext(name) {
					t.Errorf("%s: %q falls back to %q", p, name, fb)
				}
				if ct := res.Header.Get("Content-Type"); strings.HasSuffix(name, ".xlsx") && ct != web.XLSXType {
					t.Errorf("%s: %q with Content-Type %q", p, name, ct)
				}
				if !strings.Contains(rt.Pattern, "{kind}") {
					break
				}
			}
		}
	}
	for path, seen := range must {
		if !seen {
			t.Errorf("%s sent no download", path)
		}
	}
}

// TestContentDispositionCarriesAwkwardNames: the real name survives quotes,
// semicolons, percent signs and line breaks, and the plain fallback keeps
// the real extension and the name's ASCII.
func TestContentDispositionCarriesAwkwardNames(t *testing.T) {
	for _, name := range []string{"人员名单.xlsx", `a"b;c\d.pdf`, "听课记录 (陈)'1'.jpg", "100%.csv", "鹿城区\r\n.xlsx", "visit-photo.jpg"} {
		cd := web.ContentDisposition(name)
		_, params, err := mime.ParseMediaType(cd)
		if err != nil || params["filename"] != name {
			t.Errorf("%q: parsed %v %v", name, params, err)
		}
		if fb := fallbackName(cd); path.Ext(fb) != path.Ext(name) || strings.ContainsAny(fb, "\r\n") {
			t.Errorf("%q falls back to %q", name, fb)
		}
	}
	if fb := fallbackName(web.ContentDisposition("visit-photo.jpg")); fb != "visit-photo.jpg" {
		t.Errorf("an ASCII name falls back to %q", fb)
	}
}
