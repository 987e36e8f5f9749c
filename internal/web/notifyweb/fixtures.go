package notifyweb

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// GrantPublish gives the built-in role code the notice permission in w's
// database (the lead decides which roles hold it in production).
func GrantPublish(t testing.TB, w *testutil.World, role string) {
	t.Helper()
	err := w.DB.Exec(context.Background(), "UPDATE roles SET permissions = permissions || ? WHERE code = ?", ","+string(notify.PermNoticePublish), role)
	if err != nil {
		t.Fatal(err)
	}
}

// Publisher is a with the notice permission, for building test data.
func Publisher(a app.Actor) app.Actor {
	a.Perms = maps.Clone(a.Perms)
	a.Perms[notify.PermNoticePublish] = true
	return a
}

// NoticeIn publishes (or, with draft, saves) a notice by actor to one
// organisation and returns its id.
func NoticeIn(t testing.TB, w *testutil.World, by app.Actor, orgID int64, title string, draft bool) int64 {
	t.Helper()
	id, err := (&notify.Service{DB: w.DB}).CreateNotice(context.Background(), Publisher(by), notify.Notice{Title: title,
		Body: title + "的正文", NeedsReceipt: true, Audience: notify.Audience{OrgIDs: []int64{orgID}}}, !draft)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// scopeObjects make, in county B of the test world, one object of each
// kind the module's routes name, with strings no county A page may show.
func scopeObjects() []web.ScopeObject {
	return []web.ScopeObject{{Kind: "notice", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
		id := NoticeIn(t, w, w.CountyB, w.SchoolB, "龙湾区内部通知", false)
		return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾区内部通知"}
	}}}
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	publisher := func(t testing.TB, w *testutil.World) { GrantPublish(t, w, "county_admin") }
	return map[string]func(t testing.TB, w *testutil.World) web.Change{
		"POST /notices": func(t testing.TB, w *testutil.World) web.Change {
			publisher(t, w)
			return web.Change{User: "county_a", Path: "/notices", Form: web.Form("title", "期中检查", "orgs", fmt.Sprint(w.SchoolA))}
		},
		"POST /notices/{id}": func(t testing.TB, w *testutil.World) web.Change {
			publisher(t, w)
			id := NoticeIn(t, w, w.CountyA, w.SchoolA, "待修改", false)
			return web.Change{User: "county_a", Path: fmt.Sprintf("/notices/%d", id),
				Form: web.Form("title", "已修改", "orgs", fmt.Sprint(w.SchoolA), "version", "1")}
		},
		"POST /notices/{id}/publish": func(t testing.TB, w *testutil.World) web.Change {
			publisher(t, w)
			id := NoticeIn(t, w, w.CountyA, w.SchoolA, "草稿", true)
			return web.Change{User: "county_a", Path: fmt.Sprintf("/notices/%d/publish", id)}
		},
		"POST /notices/{id}/withdraw": func(t testing.TB, w *testutil.World) web.Change {
			publisher(t, w)
			id := NoticeIn(t, w, w.CountyA, w.SchoolA, "将撤回", false)
			return web.Change{User: "county_a", Path: fmt.Sprintf("/notices/%d/withdraw", id)}
		},
		"POST /notices/{id}/read": func(t testing.TB, w *testutil.World) web.Change {
			id := NoticeIn(t, w, w.CountyA, w.SchoolA, "需回执", false)
			return web.Change{User: "teacher_a", Path: fmt.Sprintf("/notices/%d/read", id)}
		},
		"POST /messages/mail": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "teacher_a", Path: "/messages/mail", Form: web.Form("email", "chen@example.cn")}
		},
	}
}
