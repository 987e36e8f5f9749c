package auth_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

var builtinCodes = []string{auth.RoleSysAdmin, auth.RoleSecAdmin, auth.RoleAuditor, auth.RoleCityAdmin,
	auth.RoleCountyAdmin, auth.RoleSchoolAdmin, auth.RoleResearcher, auth.RoleTeacher, auth.RoleExpert}

// wantGrants is the grant table as the issue asks for it, written out
// independently of the code: granter -> roles it may grant to another
// account in its scope. Everything else is refused, and so is every grant
// to one's own account.
var wantGrants = map[string][]string{
	auth.RoleSecAdmin:    {auth.RoleCityAdmin, auth.RoleCountyAdmin, auth.RoleSchoolAdmin, auth.RoleResearcher, auth.RoleTeacher, auth.RoleExpert},
	auth.RoleSysAdmin:    {auth.RoleResearcher, auth.RoleTeacher, auth.RoleExpert},
	auth.RoleCityAdmin:   {auth.RoleCountyAdmin, auth.RoleSchoolAdmin, auth.RoleTeacher, auth.RoleExpert},
	auth.RoleCountyAdmin: {auth.RoleSchoolAdmin, auth.RoleTeacher, auth.RoleExpert},
	auth.RoleSchoolAdmin: {auth.RoleTeacher},
}

// grantWorld has one granter per built-in role, each seeing school A, and a
// custom role "base" every target starts with, so a cell adds exactly one
// role and removes none.
type grantWorld struct {
	*testutil.World
	granters map[string]app.Actor
	n        int
}

func newGrantWorld(t *testing.T) *grantWorld {
	w := &grantWorld{World: testutil.NewWorld(t), granters: map[string]app.Actor{}}
	_, err := w.Auth.SaveRole(ctx, testutil.Root, 0, auth.RoleInput{Code: "base", Name: "基础", Scope: app.ScopeSelf,
		Permissions: []app.Perm{auth.PermPersonView}})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{auth.RoleSysAdmin, auth.RoleSecAdmin, auth.RoleAuditor} {
		w.granters[code] = w.MustUser(t, 0, "g_"+code, code)
	}
	w.granters[auth.RoleCityAdmin], w.granters[auth.RoleCountyAdmin] = w.CityAdmin, w.CountyA
	w.granters[auth.RoleSchoolAdmin], w.granters[auth.RoleTeacher] = w.SchoolAdminA, w.TeacherUserA
	for _, code := range []string{auth.RoleResearcher, auth.RoleExpert} {
		p := w.MustPerson(t, org.Person{Name: "授权" + code, OrgID: w.SchoolA})
		w.granters[code] = w.MustUser(t, p, "g_"+code, code)
	}
	return w
}

// target opens a fresh account at school A holding only "base".
func (w *grantWorld) target(t *testing.T) int64 {
	w.n++
	p := w.MustPerson(t, org.Person{Name: fmt.Sprintf("目标%d", w.n), OrgID: w.SchoolA})
	return w.MustUser(t, p, fmt.Sprintf("target%d", w.n), "base").UserID
}

func roleCodes(t *testing.T, e *testutil.Env, userID int64) []string {
	var out []string
	e.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, "SELECT r.code FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = ? ORDER BY r.code", userID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var c string
			rows.Scan(&c)
			out = append(out, c)
		}
		return nil
	})
	return out
}

func auditCount(t *testing.T, e *testutil.Env, action string, objectID int64) int {
	var n int
	e.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_id = ?", action, fmt.Sprint(objectID))
		return err
	})
	return n
}

// TestGrantTableCellByCell tries every built-in granter role × every
// built-in role × {another account in scope, own account}: the grant
// happens exactly where wantGrants says, a refused grant leaves the roles as
// they were, and both outcomes leave an audit row.
func TestGrantTableCellByCell(t *testing.T) {
	w := newGrantWorld(t)
	for _, granter := range builtinCodes {
		actor := w.granters[granter]
		for _, granted := range builtinCodes {
			t.Run(granter+"/"+granted+"/other", func(t *testing.T) {
				id := w.target(t)
				err := w.Auth.SetRoles(ctx, actor, id, []string{"base", granted})
				want := slices.Contains(wantGrants[granter], granted)
				checkCell(t, w.Env, id, err, want, []string{"base", granted}, []string{"base"})
			})
			t.Run(granter+"/"+granted+"/own", func(t *testing.T) {
				before := roleCodes(t, w.Env, actor.UserID)
				err := w.Auth.SetRoles(ctx, actor, actor.UserID, append(slices.Clone(before), granted))
				checkCell(t, w.Env, actor.UserID, err, false, nil, before)
			})
		}
	}
}

func checkCell(t *testing.T, e *testutil.Env, id int64, err error, want bool, asked, before []string) {
	t.Helper()
	got := roleCodes(t, e, id)
	slices.Sort(asked)
	if want {
		if err != nil || !slices.Equal(got, asked) {
			t.Fatalf("grant refused: %v, roles %v", err, got)
		}
		if auditCount(t, e, "user.roles", id) != 1 {
			t.Fatal("grant not audited")
		}
		return
	}
	if err == nil {
		t.Fatalf("grant accepted: roles now %v", got)
	}
	if !slices.Equal(got, before) {
		t.Fatalf("refused (%v) but roles changed from %v to %v", err, before, got)
	}
	if auditCount(t, e, "user.roles_refused", id) < 1 {
		t.Fatalf("refusal not audited: %v", err)
	}
}

func TestGrantStaysInsideTheGrantersScope(t *testing.T) {
	w := newGrantWorld(t)
	for _, r := range []struct{ code, scope string }{{"wide", app.ScopeAll}, {"pick", app.ScopeCustom}, {"narrow", app.ScopeSelf}} {
		in := auth.RoleInput{Code: r.code, Name: r.code, Scope: r.scope, Permissions: []app.Perm{auth.PermPersonView}, OrgIDs: []int64{w.SchoolB}}
		if _, err := w.Auth.SaveRole(ctx, testutil.Root, 0, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, code := range []string{"wide", "pick"} {
		id := w.target(t)
		if err := w.Auth.SetRoles(ctx, w.CountyA, id, []string{"base", code}); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("county admin granted a role of scope %s: %v", code, err)
		}
		if got := roleCodes(t, w.Env, id); !slices.Equal(got, []string{"base"}) {
			t.Errorf("roles changed to %v", got)
		}
	}
	if err := w.Auth.SetRoles(ctx, w.CountyA, w.target(t), []string{"base", "narrow"}); err != nil {
		t.Errorf("county admin refused a narrow custom role: %v", err)
	}
	pB := w.MustPerson(t, org.Person{Name: "龙湾目标", OrgID: w.SchoolB})
	idB := w.MustUser(t, pB, "target_b", "base").UserID
	if err := w.Auth.SetRoles(ctx, w.CountyA, idB, []string{"base", auth.RoleTeacher}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A granted on county B's account: %v", err)
	}
	if auditCount(t, w.Env, "user.roles_refused", idB) != 1 {
		t.Error("out-of-scope grant not audited")
	}
}

// TestCountyAdminCannotRaiseItself is the third case, and its
// mirror: taking a role one may not grant away from someone else.
func TestCountyAdminCannotRaiseItself(t *testing.T) {
	w := testutil.NewWorld(t)
	err := w.Auth.SetRoles(ctx, w.CountyA, w.CountyA.UserID, []string{auth.RoleCountyAdmin, auth.RoleCityAdmin})
	if app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("county admin raised itself: %v", err)
	}
	p := w.MustPerson(t, org.Person{Name: "副局长", OrgID: w.BureauA})
	peer := w.MustUser(t, p, "county_a2", auth.RoleCountyAdmin)
	if err := w.Auth.SetRoles(ctx, w.CountyA, peer.UserID, []string{auth.RoleTeacher}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("county admin stripped a peer's role: %v", err)
	}
	if err := w.Auth.ResetPassword(ctx, w.CountyA, peer.UserID, "Tmp#2026peer"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("county admin reset a peer's password (and could sign in as it): %v", err)
	}
	if err := w.Auth.ResetPassword(ctx, w.CountyA, w.TeacherUserA.UserID, "Tmp#2026abcd"); err != nil {
		t.Fatalf("county admin cannot reset its teacher: %v", err)
	}
}

// TestSecurityAdminCannotTakeOtherDuties replays the issue: demo.sec tried
// to grant itself 审计管理员 and 系统管理员, to put two 三员 roles on a
// teacher, and to take over the auditor's account.
func TestSecurityAdminCannotTakeOtherDuties(t *testing.T) {
	w := testutil.NewWorld(t)
	sec := w.MustUser(t, 0, "sec", auth.RoleSecAdmin)
	aud := w.MustUser(t, 0, "aud", auth.RoleAuditor)
	for _, roles := range [][]string{{auth.RoleSecAdmin, auth.RoleAuditor}, {auth.RoleSecAdmin, auth.RoleSysAdmin}, {auth.RoleAuditor}} {
		if err := w.Auth.SetRoles(ctx, sec, sec.UserID, roles); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("security admin set its own roles to %v: %v", roles, err)
		}
	}
	if err := w.Auth.SetRoles(ctx, sec, w.TeacherUserA.UserID, []string{auth.RoleSecAdmin, auth.RoleAuditor}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("two 三员 roles on a teacher: %v", err)
	}
	if got := roleCodes(t, w.Env, sec.UserID); !slices.Equal(got, []string{auth.RoleSecAdmin}) {
		t.Errorf("security admin roles now %v", got)
	}
	if err := w.Auth.ResetPassword(ctx, sec, aud.UserID, "Tmp#2026audx"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("security admin reset the auditor's password: %v", err)
	}
	if err := w.Auth.ResetTOTP(ctx, sec, aud.UserID); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("security admin reset the auditor's second factor: %v", err)
	}
	if err := w.Auth.SetRoles(ctx, sec, w.TeacherUserA.UserID, []string{auth.RoleTeacher, auth.RoleResearcher}); err != nil {
		t.Errorf("security admin cannot grant a business role: %v", err)
	}
}

// TestAdminRolesAreExclusiveOnEveryWritePath checks 三员分立 where no grant
// table applies: the machine itself (command line, demo) and admin create.
func TestAdminRolesAreExclusiveOnEveryWritePath(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, roles := range [][]string{{auth.RoleAuditor, auth.RoleTeacher}, {auth.RoleSecAdmin}} {
		if err := w.Auth.SetRoles(ctx, testutil.Root, w.TeacherUserA.UserID, roles); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("system put %v on a teacher: %v", roles, err)
		}
	}
	p := w.MustPerson(t, org.Person{Name: "新人", OrgID: w.SchoolA})
	_, err := w.Auth.CreateAccount(ctx, testutil.Root, auth.AccountInput{PersonID: p, Username: "new_x", Password: testutil.Password,
		Roles: []string{auth.RoleSysAdmin, auth.RoleTeacher}})
	if app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("account opened with 系统管理员 and 教师: %v", err)
	}
	if _, err := w.Auth.CreateAdmin(ctx, "teacher_a", testutil.Password, auth.RoleAuditor); err == nil ||
		!strings.Contains(app.ErrorMessage(err), "不能与业务角色兼任") {
		t.Errorf("admin create on a teacher's account: %v", err)
	}
	if got := roleCodes(t, w.Env, w.TeacherUserA.UserID); !slices.Equal(got, []string{auth.RoleTeacher}) {
		t.Errorf("teacher roles now %v", got)
	}
}

func TestRoleEditingRules(t *testing.T) {
	w := testutil.NewWorld(t)
	sec := w.MustUser(t, 0, "sec", auth.RoleSecAdmin)
	roles, _ := w.Auth.FindRoles(ctx, sec)
	byCode := map[string]auth.Role{}
	for _, r := range roles {
		byCode[r.Code] = r
	}
	edit := func(code string, perms ...app.Perm) error {
		r := byCode[code]
		_, err := w.Auth.SaveRole(ctx, sec, r.ID, auth.RoleInput{Name: r.Name, Scope: r.Scope, Permissions: append(r.Permissions, perms...), Version: r.Version})
		return err
	}
	for _, p := range []app.Perm{auth.PermAuditView, auth.PermSystemConfig, auth.PermRoleManage} {
		if err := edit(auth.RoleTeacher, p); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("teacher role given %s: %v", p, err)
		}
		_, err := w.Auth.SaveRole(ctx, sec, 0, auth.RoleInput{Code: "x_" + strings.ReplaceAll(string(p), ".", "_"), Name: "新角色",
			Scope: app.ScopeSelf, Permissions: []app.Perm{p}})
		if app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("new role with %s: %v", p, err)
		}
	}
	if err := edit(auth.RoleSecAdmin, auth.PermAuditView); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("security admin edited its own role: %v", err)
	}
	if err := edit(auth.RoleTeacher, auth.PermGroupView); err != nil {
		t.Errorf("security admin cannot add a business permission: %v", err)
	}
	if auditCount(t, w.Env, "role.save_refused", byCode[auth.RoleTeacher].ID) != 3 {
		t.Error("refused role edits not audited")
	}
}
