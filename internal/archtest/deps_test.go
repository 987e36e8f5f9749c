// Package archtest checks the import direction written in DESIGN.md §3.
package archtest

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const mod = "jiaoyan/internal/"

// allowed lists, for each internal package (by its first path element under
// internal/), which internal packages it may import. Anything not listed
// here may import no internal package at all.
var allowed = map[string][]string{
	"app":       {},
	"config":    {},
	"secret":    {},
	"checkin":   {"app", "secret"},
	"flow":      {},
	"textindex": {},
	"exchange":  {"app"},
	"dict":      {"app", "db", "audit"},
	"db":        {},
	"testutil":  {"app", "db", "audit", "auth", "org", "secret"},
	"audit":     {"app", "db"},
	"jobs":      {"app", "db", "secret"},
	"attach":    {"app", "db", "audit"},
	"notify":    {"app", "db", "audit", "exchange", "attach"},
	"auth":      {"app", "db", "audit", "secret"},
	"org":       {"app", "db", "audit", "auth", "secret", "exchange", "dict"},
	"demo": {"app", "attach", "auth", "org", "dict", "db", "secret", "policy", "credit", "rectify", "liaison", "notify",
		"activity", "training", "quality", "review", "jobs", "exchange", "plan"},
	// The report tier reads several domains; no domain imports it.
	"report": append([]string{"app", "db", "audit", "auth", "org", "policy", "dict", "credit"}, domain...),
	"policy": {"app", "db", "audit", "auth", "org", "dict"},
	"credit": {"app", "db", "audit", "dict"},
	// 整改 loops attached to any finding; quality and (later) inspection use it.
	"rectify": {"app", "db", "audit", "attach", "notify", "org", "auth"},
	"plan":    {"app", "flow", "exchange"},
	// The web kit: no domain module; testutil and db only for the test
	// registrations (Fixtures) and their helpers.
	"web": {"app", "attach", "audit", "auth", "config", "db", "jobs", "org", "policy", "dict", "exchange", "testutil"},
	// The assembly wires every service and every web module.
	"web/site": {"app", "attach", "audit", "auth", "config", "db", "jobs", "org", "policy", "dict", "exchange", "web",
		"web/orgweb", "web/adminweb", "web/policyweb", "web/liaisonweb", "web/notifyweb", "web/reportweb",
		"web/activityweb", "web/trainingweb", "web/qualityweb", "web/reviewweb",
		"notify", "credit", "rectify", "report", "liaison", "activity", "training", "review", "quality", "resource"},
	// The web test harness builds worlds and signs in every role, like testutil.
	"web/webtest": append([]string{"app", "attach", "audit", "auth", "config", "credit", "db", "dict", "jobs", "notify", "org",
		"policy", "secret", "testutil", "web", "web/site"}, domain...),
	"archtest": {},
}

// domain packages may use the core and the helpers, never each other or web.
var domain = []string{"liaison", "activity", "training", "review", "quality", "resource"}

var domainAllowed = []string{"app", "attach", "db", "audit", "auth", "org", "policy", "dict", "credit", "rectify", "secret", "exchange", "flow", "textindex", "plan", "notify", "jobs", "checkin"}

// webModuleAllowed is what a web/<module>web package may import besides
// the kit and its own domain package: the core and platform packages.
var webModuleAllowed = []string{"app", "attach", "audit", "auth", "checkin", "config", "credit", "db", "dict", "exchange", "jobs", "notify", "org", "rectify",
	"policy", "secret", "testutil", "web"}

// top is the rule key of a package: its first path element under
// internal/, or web/<x> for the packages under internal/web.
func top(pkg string) string {
	rest := strings.TrimPrefix(pkg, mod)
	first, rest, _ := strings.Cut(rest, "/")
	if first == "web" && rest != "" {
		second, _, _ := strings.Cut(rest, "/")
		return "web/" + second
	}
	return first
}

func rules(pkgTop string) ([]string, bool) {
	if name, ok := strings.CutPrefix(pkgTop, "web/"); ok && strings.HasSuffix(name, "web") {
		own := strings.TrimSuffix(name, "web")
		allowed := webModuleAllowed
		if contains(domain, own) || own == "report" {
			allowed = append(slices.Clone(allowed), own)
		}
		if own == "report" { // the read tier's pages name the domains' types and keys
			allowed = append(append(allowed, "credit"), domain...)
		}
		return allowed, true
	}
	for _, d := range domain {
		if d == pkgTop {
			return domainAllowed, true
		}
	}
	r, ok := allowed[pkgTop]
	return r, ok
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "jiaoyan/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		if !strings.HasPrefix(pkg, mod) {
			continue // cmd/jiaoyan wires anything
		}
		from := top(pkg)
		ok, known := rules(from)
		if !known {
			t.Errorf("package %s is not in the import rules: add it to archtest and DESIGN.md", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			if imp == "database/sql" && (from == "web" || strings.HasPrefix(from, "web/")) {
				t.Errorf("%s imports database/sql: web never touches SQL", pkg)
			}
			if !strings.HasPrefix(imp, mod) || top(imp) == from {
				continue
			}
			if !contains(ok, top(imp)) {
				t.Errorf("%s imports %s: not allowed by DESIGN.md §3", pkg, imp)
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
