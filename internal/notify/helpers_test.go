package notify_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

// fixture is the two-county world with a second teacher at school A, a
// teacher account in county B, and publishers holding the notice permission.
type fixture struct {
	*testutil.World
	svc       *notify.Service
	teacherA2 app.Actor
	teacherB  app.Actor
	countyPub app.Actor // 鹿城区 county admin with notice.publish
	schoolPub app.Actor // 鹿城区实验小学 school admin with notice.publish
	now       time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	w := testutil.NewWorld(t)
	f := &fixture{World: w, now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	f.svc = &notify.Service{DB: w.DB, Now: func() time.Time { return f.now }}
	p2 := w.MustPerson(t, org.Person{Name: "李鹿城", OrgID: w.SchoolA})
	f.teacherA2 = w.MustUser(t, p2, "teacher_a2", auth.RoleTeacher)
	f.teacherB = w.MustUser(t, w.TeacherB, "teacher_b", auth.RoleTeacher)
	f.countyPub = withPerm(w.CountyA, notify.PermNoticePublish)
	f.schoolPub = withPerm(w.SchoolAdminA, notify.PermNoticePublish)
	return f
}

func withPerm(a app.Actor, p app.Perm) app.Actor {
	a.Perms = maps.Clone(a.Perms)
	a.Perms[p] = true
	return a
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if app.ErrorCode(err) != code || err == nil {
		t.Fatalf("want %s error, got %v", code, err)
	}
}
