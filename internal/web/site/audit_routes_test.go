package site_test

import (
	"net/http"
	"slices"
	"testing"

	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// TestEveryChangeWritesOneAuditRow sends the registered valid request to
// every route marked Audited and checks the audit log grew by exactly one
// row. An audited route with no registered request fails.
func TestEveryChangeWritesOneAuditRow(t *testing.T) {
	probe := webtest.New(t)
	makers := map[string]func(t testing.TB, w *testutil.World) web.Change{}
	var skip []string
	for _, f := range fixtures(probe) {
		for k, mk := range f.Changes {
			makers[k] = mk
		}
		skip = append(skip, f.Skip...)
	}
	for _, rt := range probe.Server.Routes() {
		key := rt.Method + " " + rt.Pattern
		if !rt.Audited || slices.Contains(skip, key) {
			continue
		}
		t.Run(key, func(t *testing.T) {
			mk, ok := makers[key]
			if !ok {
				t.Fatalf("no valid request for audited route %s: add one to its module's Fixtures", key)
			}
			s := webtest.New(t)
			ch := mk(t, s.World)
			c := s.Anon()
			if ch.User != "" {
				c = s.As(ch.User)
			}
			before := s.AuditCount()
			res, body := c.Post(ch.Path, ch.Form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if got := s.AuditCount() - before; got != 1 {
				t.Fatalf("audit rows written: %d, want 1", got)
			}
		})
	}
}
