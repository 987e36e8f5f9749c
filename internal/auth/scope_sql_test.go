package auth_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// TestScopeWhereWritesOnlyPlainPathsIntoSQL: an organisation path is written
// into the SQL (so SQLite keeps the statement's plan), while a prefix with
// any other character, a quote above all, stays a bound value.
func TestScopeWhereWritesOnlyPlainPathsIntoSQL(t *testing.T) {
	a := app.Actor{Scope: app.Scope{Prefixes: []string{"/330300/330302/o27/"}}}
	where, args := auth.ScopeWhere(a, "o.path", "o.id", "")
	if where != "(o.path LIKE '/330300/330302/o27/%')" || len(args) != 0 {
		t.Errorf("plain path: %q %v", where, args)
	}
	a.Scope.Prefixes = []string{"/33' OR '1'='1/"}
	where, args = auth.ScopeWhere(a, "o.path", "o.id", "")
	if strings.Contains(where, "'") || len(args) != 1 || args[0] != "/33' OR '1'='1/%" {
		t.Errorf("quoted prefix must be bound: %q %v", where, args)
	}
}
