package auth_test

import (
	"slices"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/testutil"
)

// TestCountyAdminPublishesANotice: the built-in county and school
// administrators hold 发布通知公告 and can publish to their own schools; a
// teacher cannot.
func TestCountyAdminPublishesANotice(t *testing.T) {
	w := testutil.NewWorld(t)
	svc := &notify.Service{DB: w.DB}
	n := notify.Notice{Title: "关于开展教研活动的通知", Body: "请各校按时参加。", Audience: notify.Audience{OrgIDs: []int64{w.SchoolA}}}
	for _, a := range []app.Actor{w.CountyA, w.SchoolAdminA, w.CityAdmin} {
		if _, err := svc.CreateNotice(ctx, a, n, true); err != nil {
			t.Errorf("%s cannot publish a notice: %v", a.Username, err)
		}
	}
	if _, err := svc.CreateNotice(ctx, w.TeacherUserA, n, true); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher published a notice: %v", err)
	}
	ns, _, err := svc.FindNotices(ctx, w.TeacherUserA, notify.NoticeFilter{})
	if err != nil || len(ns) != 3 {
		t.Errorf("teacher at school A sees %d notices (%v), want 3", len(ns), err)
	}
	if auth.PermName(auth.PermNoticePublish) != "发布通知公告与查看回执" {
		t.Error("the role pages do not name 发布通知公告与查看回执")
	}
}

// TestNoticePermissionGrantedOnceToExistingRoles: a database from before
// the permission gets it on the next start; once a security administrator
// removes it from a role, a later start does not bring it back.
func TestNoticePermissionGrantedOnceToExistingRoles(t *testing.T) {
	w := testutil.NewWorld(t)
	if err := w.DB.Exec(ctx, "DELETE FROM role_defaults WHERE permission = ?", string(auth.PermNoticePublish)); err != nil {
		t.Fatal(err)
	}
	setPerms(t, w, auth.RoleCountyAdmin, without(rolePerms(t, w, auth.RoleCountyAdmin), auth.PermNoticePublish))
	if err := auth.EnsureBuiltinRoles(ctx, w.DB); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rolePerms(t, w, auth.RoleCountyAdmin), auth.PermNoticePublish) {
		t.Fatal("an upgraded database did not grant 发布通知公告 to 县级管理员")
	}
	sec := w.MustUser(t, 0, "sec", auth.RoleSecAdmin)
	r := role(t, w, auth.RoleCountyAdmin)
	in := auth.RoleInput{Name: r.Name, Scope: r.Scope, Permissions: without(r.Permissions, auth.PermNoticePublish), Version: r.Version}
	if _, err := w.Auth.SaveRole(ctx, sec, r.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := auth.EnsureBuiltinRoles(ctx, w.DB); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(rolePerms(t, w, auth.RoleCountyAdmin), auth.PermNoticePublish) {
		t.Error("a permission the security administrator removed came back")
	}
}

func role(t *testing.T, w *testutil.World, code string) auth.Role {
	t.Helper()
	roles, err := w.Auth.FindRoles(ctx, testutil.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no role %s", code)
	return auth.Role{}
}

func rolePerms(t *testing.T, w *testutil.World, code string) []app.Perm {
	return role(t, w, code).Permissions
}

func setPerms(t *testing.T, w *testutil.World, code string, ps []app.Perm) {
	if err := w.DB.Exec(ctx, "UPDATE roles SET permissions = ? WHERE code = ?", auth.JoinPerms(ps), code); err != nil {
		t.Fatal(err)
	}
}

func without(ps []app.Perm, p app.Perm) []app.Perm {
	return slices.DeleteFunc(slices.Clone(ps), func(q app.Perm) bool { return q == p })
}
