package web

import (
	"context"
	"io/fs"
	"net/url"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// Module is one area of the site (internal/web/<module>web) as the kit sees
// it. The site assembly lists the modules; the kit mounts their routes,
// shows their menu groups, parses their templates and offers their imports.
type Module interface {
	// Routes are the module's page actions; patterns must not collide with
	// another module's.
	Routes() []Route
	// Menu is the module's side-menu groups, in order.
	Menu() []MenuGroup
	// Templates holds the module's pages as templates/<name>.html; each is
	// parsed with the kit's layout, partials and functions. A page name
	// used by two modules (or the kit) stops the server from starting.
	Templates() fs.FS
	// ImportKinds are the spreadsheet imports the module offers at
	// /import/{kind}.
	ImportKinds() []ImportKind
	// Fixtures are the module's test registrations: one county-B object of
	// every Object kind its routes name, and one valid request for every
	// audited route.
	Fixtures() Fixtures
}

// ImportKind is one kind of spreadsheet import: its key in /import/{kind},
// the Chinese title, the permission it needs, the list page to go back to,
// the column spec, and Import, which checks and writes a whole file (for
// the org kinds, org.Service.ImportFile: the engine `jiaoyan import` uses).
type ImportKind struct {
	Key, Title, Back string
	Perm             app.Perm
	Spec             func() exchange.Spec
	Import           func(ctx context.Context, a app.Actor, name string, data []byte, opt org.ImportOptions) (org.ImportOutcome, error)
}

// Fixtures are what the whole-site tests need from a module. They live
// beside the routes so that a route cannot be added without them: the
// scope test fails on a route whose Object kind has no object here, and
// the audit test on an audited route with no request here.
type Fixtures struct {
	// Objects makes, in the test world's county B, one object per kind.
	Objects []ScopeObject
	// Changes are valid requests, keyed "METHOD /pattern", for audited
	// routes; each must write exactly one audit row.
	Changes map[string]func(t testing.TB, w *testutil.World) Change
	// Skip lists audited routes ("METHOD /pattern") that the module tests
	// on their own because they need a multipart or multi-step request.
	Skip []string
}

// ScopeObject makes one object of Kind in county B of w and returns the
// path values naming it ({id}, {code}) and strings no county A page may show.
type ScopeObject struct {
	Kind string
	Make func(t testing.TB, w *testutil.World) (vals map[string]string, secrets []string)
}

// Change is one valid state-changing request: who sends it ("" = signed
// out), the path, and the form.
type Change struct {
	User string
	Path string
	Form url.Values
}
