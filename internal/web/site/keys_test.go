package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/web"
	_ "jiaoyan/internal/web/site" // every module's permission registrations
)

var canLiteral = regexp.MustCompile(`\b[Cc]an\s+"([^"]*)"`)

// TestEveryTemplatePermissionIsRegistered reads every template of every
// module under internal/web and fails on a `Can "…"` literal that names no
// registered permission, so a typo fails here rather than hiding a button.
// It also checks the start-up walk (web.TemplatePerms) finds the same keys
// as this plain text search, so the start-up check cannot miss a form.
func TestEveryTemplatePermissionIsRegistered(t *testing.T) {
	files := templateFiles(t)
	if len(files) < 20 {
		t.Fatalf("found only %d templates under internal/web", len(files))
	}
	seen := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var want []app.Perm
		for _, m := range canLiteral.FindAllStringSubmatch(string(data), -1) {
			seen++
			want = append(want, app.Perm(m[1]))
			if !auth.KnownPerm(app.Perm(m[1])) {
				t.Errorf("%s: permission %q is not registered (auth.RegisterPerms)", f, m[1])
			}
		}
		checkWalk(t, f, string(data), want)
	}
	if seen < 10 {
		t.Errorf("only %d permission literals found: the pattern no longer matches the templates", seen)
	}
}

func checkWalk(t *testing.T, name, text string, want []app.Perm) {
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck // the kit's functions do not matter to the walk
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(text, "", "", trees); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	var got []app.Perm
	for _, tr := range trees {
		got = append(got, web.TreePerms(tr)...)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: start-up walk finds %v, text search %v", name, got, want)
	}
}

func templateFiles(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && filepath.Base(filepath.Dir(p)) == "templates" {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
