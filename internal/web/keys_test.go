package web

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
)

// keysModule is a module whose one page and one route use the given keys.
type keysModule struct {
	tmpl string
	perm string
}

func (m keysModule) Routes() []Route {
	return []Route{{Method: "GET", Pattern: "/keys", Handler: func(http.ResponseWriter, *http.Request) {}, Perm: auth.PermOrgView}, {
		Method: "GET", Pattern: "/keys2", Handler: func(http.ResponseWriter, *http.Request) {}, Perm: app.Perm(m.perm)}}
}
func (keysModule) Menu() []MenuGroup         { return nil }
func (keysModule) Fixtures() Fixtures        { return Fixtures{} }
func (keysModule) ImportKinds() []ImportKind { return nil }
func (m keysModule) Templates() fs.FS {
	return fstest.MapFS{"templates/keys_page.html": {Data: []byte(`{{define "content"}}` + m.tmpl + `{{end}}`)}}
}

func initWith(m Module) error {
	s := &Server{Config: config.Default(), Modules: []Module{m}}
	return s.Init()
}

// TestSiteRefusesUnknownPermissionKeys: a template or route naming a
// permission nobody registered (a typo) stops the site from starting, with
// the key in the message; registered keys start it.
func TestSiteRefusesUnknownPermissionKeys(t *testing.T) {
	good := `{{if .Actor.Can "org.edit"}}a{{end}}{{if and ($.Actor.Can "person.view") .Data}}b{{else}}{{with .Data}}{{if .Actor.Can "group.edit"}}c{{end}}{{end}}{{end}}`
	if err := initWith(keysModule{tmpl: good, perm: "org.edit"}); err != nil {
		t.Fatalf("registered keys refused: %v", err)
	}
	for _, tc := range []struct{ name, tmpl, perm, key string }{
		{"template", `{{if .Actor.Can "org.eidt"}}a{{end}}`, "org.edit", "org.eidt"},
		{"nested template", `{{range .Data}}{{if and ($.Actor.Can "person.veiw") .}}b{{end}}{{end}}`, "org.edit", "person.veiw"},
		{"route", `x`, "org.eidt", "org.eidt"},
	} {
		err := initWith(keysModule{tmpl: tc.tmpl, perm: tc.perm})
		if err == nil || !strings.Contains(err.Error(), tc.key) {
			t.Errorf("%s with unknown key %s: Init = %v", tc.name, tc.key, err)
		}
	}
}
