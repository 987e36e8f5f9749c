package trainingweb

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

// PNG is the head of a PNG file, enough for the certificate type check.
var PNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

// ServiceOf is a training service over the world, for tests.
func ServiceOf(w *testutil.World) *training.Service {
	return &training.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}}
}

// ClaimOf files a claim titled title for person (as that person, whatever
// their account) and returns its id.
func ClaimOf(t testing.TB, w *testutil.World, person int64, title string) int64 {
	t.Helper()
	a := app.Actor{Username: "fixture", PersonID: person, Perms: app.Perms(training.PermClaimCreate),
		Scope: app.Scope{SelfPersonID: person}}
	id, err := ServiceOf(w).CreateClaim(context.Background(), a, training.Claim{Category: credit.CategoryExternal, Title: title,
		Organiser: "浙江省教育厅", StartDate: "2025-09-10", EndDate: "2025-09-12", Hours: 24}, "证书.png", bytes.NewReader(PNG))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Fixtures are the module's registrations for the whole-site tests.
func (m *module) Fixtures() web.Fixtures {
	return web.Fixtures{
		Objects: []web.ScopeObject{{Kind: "claim", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(ClaimOf(t, w, w.TeacherB, "龙湾跟岗研修项目")), "fid": "1"}, []string{"龙湾跟岗研修项目"}
		}}},
		Changes: map[string]func(t testing.TB, w *testutil.World) web.Change{
			"POST /credits/claims/{id}/approve": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "school_a", Path: fmt.Sprintf("/credits/claims/%d/approve", ClaimOf(t, w, w.TeacherA, "省培项目"))}
			},
			"POST /credits/claims/{id}/return": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "school_a", Path: fmt.Sprintf("/credits/claims/%d/return", ClaimOf(t, w, w.TeacherA, "省培项目")),
					Form: url.Values{"reason": {"证书不清晰"}}}
			},
			"POST /credits/claims/approve": func(t testing.TB, w *testutil.World) web.Change {
				id := ClaimOf(t, w, w.TeacherA, "国培项目")
				return web.Change{User: "school_a", Path: "/credits/claims/approve", Form: url.Values{"ids": {fmt.Sprint(id)}}}
			},
			"POST /credits/rules": func(t testing.TB, w *testutil.World) web.Change {
				return web.Change{User: "county_a", Path: "/credits/rules", Form: url.Values{"category": {credit.CategoryOnline},
					"from_year": {fmt.Sprint(ServiceOf(w).CurrentYear())}, "hours_per_credit": {"10"}}}
			},
		},
		Skip: []string{"POST /credits/claims"}, // multipart: see claim_web_test.go
	}
}
