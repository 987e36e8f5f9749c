package testutil

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/secret"
)

// Env is a migrated test database with the core services wired up.
type Env struct {
	DB   *db.DB
	Keys *secret.Keys
	Auth *auth.Service
	Org  *org.Service
}

// TestPolicy is the 等保 profile with a cheap hash so tests run fast.
func TestPolicy() auth.Policy {
	return auth.Policy{
		Rule: auth.PasswordRule{MinLen: 8, Classes: 3}, PasswordMaxAge: 90 * 24 * time.Hour,
		LockoutFailures: 5, LockoutDuration: 30 * time.Minute, IPFailures: 20, IPWindow: 15 * time.Minute,
		IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour, RequireAdminTOTP: true, HistoryDepth: 5,
	}
}

// NewEnv opens a test database and the services over it.
func NewEnv(t testing.TB) *Env {
	t.Helper()
	d := OpenTestDB(t)
	if err := auth.EnsureBuiltinRoles(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	keys, _ := secret.New(bytes.Repeat([]byte{42}, 32))
	return &Env{
		DB: d, Keys: keys,
		Auth: &auth.Service{DB: d, Keys: keys, Hasher: auth.NewHasher(1024, 1, 2), Policy: TestPolicy()},
		Org:  &org.Service{DB: d, Keys: keys},
	}
}

// Root is an actor with every permission and scope 全部, for building data.
var Root = app.System("测试", auth.PermRegionEdit, auth.PermRegionView, auth.PermOrgEdit, auth.PermOrgView,
	auth.PermPersonEdit, auth.PermPersonView, auth.PermPersonSensitive, auth.PermGroupEdit, auth.PermGroupView,
	auth.PermAccountManage, auth.PermRoleManage, auth.PermAuditView, auth.PermVisitView, auth.PermVisitEdit,
	auth.PermLiaisonManage)

// MustRegion creates a region.
func (e *Env) MustRegion(t testing.TB, code, name, level, parent string) {
	t.Helper()
	err := e.Org.CreateRegion(context.Background(), Root, org.Region{Code: code, Name: name, Level: level, ParentCode: parent})
	if err != nil {
		t.Fatalf("region %s: %v", code, err)
	}
}

// MustOrg creates an organisation and returns its id.
func (e *Env) MustOrg(t testing.TB, o org.Org) int64 {
	t.Helper()
	id, err := e.Org.CreateOrg(context.Background(), Root, o)
	if err != nil {
		t.Fatalf("org %s: %v", o.Name, err)
	}
	return id
}

// MustSchool creates a school with a valid 学校标识码 derived from seq.
func (e *Env) MustSchool(t testing.TB, name, region string, seq int) int64 {
	return e.MustOrg(t, org.Org{Name: name, Kind: org.KindSchool, RegionCode: region,
		SchoolCode: fmt.Sprintf("2%s%07d", region[:2], seq), Stages: []string{"primary"}, Locale: "rural"})
}

// MustPerson creates a person and returns the id.
func (e *Env) MustPerson(t testing.TB, p org.Person) int64 {
	t.Helper()
	id, err := e.Org.CreatePerson(context.Background(), Root, p)
	if err != nil {
		t.Fatalf("person %s: %v", p.Name, err)
	}
	return id
}

// Password is the initial password test accounts get.
const Password = "Jy#2026test"

// MustUser opens an account for personID (0: a 三员 account) with the given
// roles and returns its actor as a signed-in session would see it.
func (e *Env) MustUser(t testing.TB, personID int64, username string, roles ...string) app.Actor {
	t.Helper()
	ctx := context.Background()
	var err error
	if personID == 0 {
		_, err = e.Auth.CreateAdmin(ctx, username, Password, roles[0])
	} else {
		_, err = e.Auth.CreateAccount(ctx, Root, auth.AccountInput{PersonID: personID, Username: username, Password: Password, Roles: roles})
	}
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return e.ActorOf(t, username)
}

// ActorOf signs username in and returns its actor.
func (e *Env) ActorOf(t testing.TB, username string) app.Actor {
	t.Helper()
	ctx := context.Background()
	token, err := e.Auth.Login(ctx, username, Password, "127.0.0.1", "test")
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	_, a, err := e.Auth.Authenticate(ctx, token, "127.0.0.1", "test")
	if err != nil {
		t.Fatalf("authenticate %s: %v", username, err)
	}
	return a
}
