package web

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// KitFixtures are the whole-site test registrations of the kit's own
// routes: the job object and the sign-in changes.
func KitFixtures() Fixtures {
	return Fixtures{
		Objects: []ScopeObject{{Kind: "job", Make: countyBJob}},
		Changes: map[string]func(t testing.TB, w *testutil.World) Change{
			"POST /login": func(t testing.TB, w *testutil.World) Change {
				return Change{"", "/login", url.Values{"username": {"teacher_a"}, "password": {testutil.Password}}}
			},
			"POST /logout": func(t testing.TB, w *testutil.World) Change { return Change{"county_a", "/logout", nil} },
			"POST /account/password": func(t testing.TB, w *testutil.World) Change {
				return Change{"teacher_a", "/account/password", url.Values{"old_password": {testutil.Password},
					"new_password": {"Nw#2026pass"}, "confirm": {"Nw#2026pass"}}}
			},
		},
		Skip: []string{"POST /account/totp/begin", "POST /account/totp", "POST /login/totp", "POST /import/{kind}", "POST /jobs/{id}/rerun"},
	}
}

// countyBJob is an import job started by a county B user.
func countyBJob(t testing.TB, w *testutil.World) (map[string]string, []string) {
	ctx := context.Background()
	pid := w.MustPerson(t, org.Person{Name: "龙湾导入员", OrgID: w.SchoolB})
	TestUser(t, w, pid, "importer_b", auth.RoleTeacher)
	id, err := (&jobs.Store{DB: w.DB, Keys: w.Keys}).Create(ctx, w.ActorOf(t, "importer_b"), "import.people", "龙湾导入员的导入", "龙湾导入员.csv", []byte("龙湾导入员"))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾导入员", "importer_b"}
}

// TestUser creates an account of person (0 = none, as for the 三员
// accounts) that has had its first sign-in, for tests.
func TestUser(t testing.TB, w *testutil.World, person int64, username string, roles ...string) {
	t.Helper()
	w.MustUser(t, person, username, roles...)
	if err := w.DB.Exec(context.Background(), "UPDATE users SET must_change = FALSE WHERE username = ?", username); err != nil {
		t.Fatal(err)
	}
}

// TestUserID is the id of username's account as a path value, for tests.
func TestUserID(t testing.TB, w *testutil.World, username string) string {
	t.Helper()
	var id string
	err := w.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT CAST(id AS TEXT) FROM users WHERE username = ?", username).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Form is a form of key, value pairs (a key may repeat), for tests.
func Form(kv ...string) url.Values {
	out := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Add(kv[i], kv[i+1])
	}
	return out
}
