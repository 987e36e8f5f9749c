package adminweb

import (
	"fmt"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// scopeObjects make, in county B of the test world, one object of each
// kind the module's routes name, with strings no county A page may show.
func scopeObjects() []web.ScopeObject {
	return []web.ScopeObject{
		{Kind: "user", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			web.TestUser(t, w, w.TeacherB, "teacher_b", auth.RoleTeacher)
			return map[string]string{"id": web.TestUserID(t, w, "teacher_b")}, []string{"teacher_b"}
		}},
		// A built-in role: county users may not edit roles at all.
		{Kind: "role", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": "1"}, nil
		}},
	}
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	return map[string]func(t testing.TB, w *testutil.World) web.Change{
		"POST /people/{id}/account": func(t testing.TB, w *testutil.World) web.Change {
			id := w.MustPerson(t, org.Person{Name: "孙新人", OrgID: w.SchoolA})
			return web.Change{User: "county_a", Path: fmt.Sprintf("/people/%d/account", id), Form: web.Form("username", "sun_x", "password", "Sx#2026abc", "roles", "teacher")}
		},
		"POST /accounts/{id}/roles": func(t testing.TB, w *testutil.World) web.Change {
			sA := web.TestUserID(t, w, "teacher_a")
			return web.Change{User: "county_a", Path: "/accounts/" + sA + "/roles", Form: web.Form("roles", "teacher", "roles", "expert")}
		},
		"POST /accounts/{id}/reset": func(t testing.TB, w *testutil.World) web.Change {
			sA := web.TestUserID(t, w, "teacher_a")
			return web.Change{User: "county_a", Path: "/accounts/" + sA + "/reset", Form: web.Form("password", "Tmp#2026xyz")}
		},
		"POST /accounts/{id}/unlock": func(t testing.TB, w *testutil.World) web.Change {
			sA := web.TestUserID(t, w, "teacher_a")
			return web.Change{User: "county_a", Path: "/accounts/" + sA + "/unlock", Form: nil}
		},
		"POST /accounts/{id}/active": func(t testing.TB, w *testutil.World) web.Change {
			sA := web.TestUserID(t, w, "teacher_a")
			return web.Change{User: "county_a", Path: "/accounts/" + sA + "/active", Form: web.Form("active", "0")}
		},
		"POST /accounts/{id}/totp-reset": func(t testing.TB, w *testutil.World) web.Change {
			sA := web.TestUserID(t, w, "teacher_a")
			web.TestUser(t, w, 0, "sec", auth.RoleSecAdmin)
			return web.Change{User: "sec", Path: "/accounts/" + sA + "/totp-reset", Form: nil}
		},
		"POST /roles": func(t testing.TB, w *testutil.World) web.Change {
			web.TestUser(t, w, 0, "sec", auth.RoleSecAdmin)
			return web.Change{User: "sec", Path: "/roles", Form: web.Form("code", "reviewer", "name", "评审秘书", "scope", "subtree", "permissions", "person.view")}
		},
		"POST /roles/{id}": func(t testing.TB, w *testutil.World) web.Change {
			web.TestUser(t, w, 0, "sec", auth.RoleSecAdmin)
			return web.Change{User: "sec", Path: "/roles/8", Form: web.Form("name", "教师", "scope", "self", "permissions", "person.view", "version", "1")}
		},
	}
}
