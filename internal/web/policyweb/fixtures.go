package policyweb

import (
	"fmt"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// scopeObjects make, in county B of the test world, one object of each
// kind the module's routes name, with strings no county A page may show.
func scopeObjects() []web.ScopeObject {
	return nil
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	return map[string]func(t testing.TB, w *testutil.World) web.Change{
		"POST /policy/preset": func(t testing.TB, w *testutil.World) web.Change {
			year := fmt.Sprint((&policy.Service{DB: w.DB}).CurrentSchoolYear())
			return web.Change{User: "county_a", Path: "/policy/preset", Form: web.Form("region", "330302", "preset", "wenzhou_2024_26", "from_year", year)}
		},
		"POST /policy/rule": func(t testing.TB, w *testutil.World) web.Change {
			year := fmt.Sprint((&policy.Service{DB: w.DB}).CurrentSchoolYear())
			return web.Change{User: "county_a", Path: "/policy/rule", Form: web.Form("region", "330302", "rule", "researcher.training_hours_per_year", "value", "80", "from_year", year, "version", "0")}
		},
		"POST /dicts/{table}": func(t testing.TB, w *testutil.World) web.Change {
			web.TestUser(t, w, 0, "sys", auth.RoleSysAdmin)
			return web.Change{User: "sys", Path: "/dicts/subject", Form: web.Form("code", "calligraphy", "name", "书法", "sort", "99", "enabled", "1")}
		},
		"POST /calendar": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/calendar", Form: web.Form("region", "330302", "year", "2025", "term1_start", "2025-09-01", "term1_end", "2026-01-23",
				"term2_start", "2026-02-24", "term2_end", "2026-07-03")}
		},
	}
}
