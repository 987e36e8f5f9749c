package orgweb

import (
	"context"
	"fmt"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// scopeObjects make, in county B of the test world, one object of each
// kind the module's routes name, with strings no county A page may show.
func scopeObjects() []web.ScopeObject {
	return []web.ScopeObject{
		{Kind: "region", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"code": "330303"}, []string{"龙湾区永中小学"}
		}},
		{Kind: "org", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(w.SchoolB)}, []string{"龙湾区永中小学"}
		}},
		{Kind: "person", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(w.TeacherB)}, []string{"王龙湾", testutil.IDB, "13987654321"}
		}},
		{Kind: "group", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id, err := w.Org.SaveGroup(context.Background(), testutil.Root, org.Group{OrgID: w.SchoolB, Name: "龙湾语文组",
				Kind: "subject", LeaderID: w.TeacherB}, []int64{w.TeacherB})
			if err != nil {
				t.Fatal(err)
			}
			return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾语文组"}
		}},
		{Kind: "studio", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id, err := w.Org.SaveStudio(context.Background(), testutil.Root, org.Studio{Name: "王龙湾名师工作室", Level: "county",
				OrgID: w.SchoolB, HostID: w.TeacherB}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return map[string]string{"id": fmt.Sprint(id)}, []string{"王龙湾名师工作室"}
		}},
	}
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	return map[string]func(t testing.TB, w *testutil.World) web.Change{
		"POST /regions": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/regions", Form: web.Form("code", "330302001", "name", "五马街道", "level", "town", "parent_code", "330302")}
		},
		"POST /regions/{code}": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/regions/330302", Form: web.Form("name", "鹿城区", "mountain", "1", "version", "1")}
		},
		"POST /orgs": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/orgs", Form: web.Form("name", "新学校", "kind", "school", "region_code", "330302", "school_code", "2330000777", "stages", "junior", "locale", "town")}
		},
		"POST /orgs/{id}": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			return web.Change{User: "county_a", Path: "/orgs/" + a, Form: web.Form("name", "鹿城区实验小学", "school_code", "2330000001", "stages", "primary", "locale", "urban", "version", "1")}
		},
		"POST /orgs/{id}/active": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			return web.Change{User: "county_a", Path: "/orgs/" + a + "/active", Form: web.Form("active", "0", "version", "1")}
		},
		"POST /people": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			return web.Change{User: "county_a", Path: "/people", Form: web.Form("name", "新老师", "org_id", a, "gender", "1")}
		},
		"POST /people/{id}": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			tA := fmt.Sprint(w.TeacherA)
			return web.Change{User: "county_a", Path: "/people/" + tA, Form: web.Form("name", "陈鹿城", "org_id", a, "title", "senior", "version", "1", "id_number", testutil.IDA)}
		},
		"POST /people/{id}/active": func(t testing.TB, w *testutil.World) web.Change {
			tA := fmt.Sprint(w.TeacherA)
			return web.Change{User: "county_a", Path: "/people/" + tA + "/active", Form: web.Form("active", "0", "version", "1")}
		},
		"POST /groups": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			tA := fmt.Sprint(w.TeacherA)
			return web.Change{User: "school_a", Path: "/groups", Form: web.Form("org_id", a, "name", "数学组", "kind", "subject", "leader", tA, "members", tA)}
		},
		"POST /groups/{id}": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			ctx := context.Background()
			id, err := w.Org.SaveGroup(ctx, testutil.Root, org.Group{OrgID: w.SchoolA, Name: "英语组", Kind: "subject"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return web.Change{User: "school_a", Path: fmt.Sprintf("/groups/%d", id), Form: web.Form("org_id", a, "name", "英语教研组", "kind", "subject", "version", "1")}
		},
		"POST /studios": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			tA := fmt.Sprint(w.TeacherA)
			return web.Change{User: "county_a", Path: "/studios", Form: web.Form("name", "陈鹿城工作室", "level", "county", "org_id", a, "host", tA)}
		},
		"POST /studios/{id}": func(t testing.TB, w *testutil.World) web.Change {
			a := fmt.Sprint(w.SchoolA)
			tA := fmt.Sprint(w.TeacherA)
			ctx := context.Background()
			id, err := w.Org.SaveStudio(ctx, testutil.Root, org.Studio{Name: "甲工作室", Level: "county", OrgID: w.SchoolA, HostID: w.TeacherA}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return web.Change{User: "county_a", Path: fmt.Sprintf("/studios/%d", id), Form: web.Form("name", "乙工作室", "level", "city", "org_id", a, "host", tA, "version", "1")}
		},
	}
}
