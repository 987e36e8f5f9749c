package auth_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// auditRows returns the summaries and before/after texts of the audit rows
// with action, in order.
func auditRows(t *testing.T, w *testutil.World, action string) []string {
	t.Helper()
	rows, err := db.ReadValue(ctx, w.DB, func(tx *db.Tx) ([]string, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var s, b, a string
			err := r.Scan(&s, &b, &a)
			return s + " " + b + " " + a, err
		}, "SELECT summary, before_json, after_json FROM audit_log WHERE action = ? ORDER BY seq", action)
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestSchoolAdminOpensAccountsForItsTeachers: a school administrator opens
// accounts for two teachers of its school in one go; each can sign in
// with the password on its slip, must change it first, holds 教师 only,
// and one audit row per account names it without the password.
func TestSchoolAdminOpensAccountsForItsTeachers(t *testing.T) {
	w := testutil.NewWorld(t)
	p1 := w.MustPerson(t, org.Person{Name: "甲老师", OrgID: w.SchoolA})
	p2 := w.MustPerson(t, org.Person{Name: "乙老师", OrgID: w.SchoolA})
	o, cands, err := w.Auth.FindAccountCandidates(ctx, w.SchoolAdminA, w.SchoolA)
	if err != nil || o.Name != "鹿城区实验小学" {
		t.Fatalf("candidates: %v %v", o, err)
	}
	var names []string
	for _, c := range cands {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ","); got != "甲老师,乙老师" { // 陈鹿城 and 赵校长 have accounts
		t.Fatalf("candidates = %s", got)
	}
	slips, err := w.Auth.OpenAccounts(ctx, w.SchoolAdminA, w.SchoolA, []int64{p1, p2})
	if err != nil || len(slips) != 2 {
		t.Fatalf("open: %v %v", slips, err)
	}
	for _, sl := range slips {
		if sl.Username != auth.BulkUsername(sl.PersonID) || sl.OrgName != "鹿城区实验小学" {
			t.Errorf("slip %+v", sl)
		}
		if err := w.Auth.Policy.Rule.Check(sl.Username, sl.Password); err != nil {
			t.Errorf("initial password %q breaks the rule: %v", sl.Password, err)
		}
		token, err := w.Auth.Login(ctx, sl.Username, sl.Password, "10.0.0.9", "ua")
		if err != nil {
			t.Fatalf("sign in with slip: %v", err)
		}
		sess, a, err := w.Auth.Authenticate(ctx, token, "10.0.0.9", "ua")
		if err != nil || sess.Pending != auth.PendingPassword {
			t.Errorf("%s first sign-in pending %q (%v), want a forced password change", sl.Username, sess.Pending, err)
		}
		if strings.Join(a.Roles, ",") != auth.RoleTeacher || a.PersonID != sl.PersonID {
			t.Errorf("%s roles %v person %d", sl.Username, a.Roles, a.PersonID)
		}
	}
	rows := auditRows(t, w, "user.create")
	bulk := 0
	for _, r := range rows {
		for _, sl := range slips {
			if strings.Contains(r, sl.Password) {
				t.Errorf("audit row holds an initial password: %s", r)
			}
		}
		if strings.Contains(r, "批量开通") {
			bulk++
		}
	}
	if bulk != 2 {
		t.Errorf("want one audit row per opened account, got %d", bulk)
	}
	if _, left, _ := w.Auth.FindAccountCandidates(ctx, w.SchoolAdminA, w.SchoolA); len(left) != 0 {
		t.Errorf("opened teachers still listed: %v", left)
	}
}

// TestBulkOpeningStaysInScope: a teacher of county B cannot be slipped
// into a batch of school A, county B's school is not found for school A's
// administrator, and a refused batch writes no account at all.
func TestBulkOpeningStaysInScope(t *testing.T) {
	w := testutil.NewWorld(t)
	p1 := w.MustPerson(t, org.Person{Name: "甲老师", OrgID: w.SchoolA})
	pB := w.MustPerson(t, org.Person{Name: "龙湾新人", OrgID: w.SchoolB})
	if _, err := w.Auth.OpenAccounts(ctx, w.SchoolAdminA, w.SchoolA, []int64{p1, pB}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county-B teacher in a school-A batch: %v", err)
	}
	if _, err := w.Auth.OpenAccounts(ctx, w.SchoolAdminA, w.SchoolB, []int64{pB}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("school A's admin opened accounts at county B: %v", err)
	}
	if _, _, err := w.Auth.FindAccountCandidates(ctx, w.CountyA, w.SchoolB); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A lists county B's school: %v", err)
	}
	if _, err := w.Auth.OpenAccounts(ctx, w.TeacherUserA, w.SchoolA, []int64{p1}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher opened accounts: %v", err)
	}
	if _, err := w.Auth.OpenAccounts(ctx, w.SchoolAdminA, w.SchoolA, []int64{w.TeacherA}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a second account for a person: %v", err)
	}
	for _, p := range []int64{p1, pB} {
		if _, err := w.Auth.FindUserByPerson(ctx, testutil.Root, p); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("person %d got an account from a refused batch", p)
		}
	}
}

// TestBulkUsernameTakenByHandGetsASuffix: a name someone chose by hand is
// not taken over; the new account gets the next free one.
func TestBulkUsernameTakenByHandGetsASuffix(t *testing.T) {
	w := testutil.NewWorld(t)
	p1 := w.MustPerson(t, org.Person{Name: "甲老师", OrgID: w.SchoolA})
	p2 := w.MustPerson(t, org.Person{Name: "乙老师", OrgID: w.SchoolA})
	w.MustUser(t, p2, auth.BulkUsername(p1), auth.RoleTeacher)
	slips, err := w.Auth.OpenAccounts(ctx, w.CountyA, w.SchoolA, []int64{p1})
	if err != nil || slips[0].Username != auth.BulkUsername(p1)+"-2" {
		t.Fatalf("slips %v, %v", slips, err)
	}
}

// TestNoInitialPasswordInTheDatabase: after bulk opening, no table holds
// an initial password in plain text (only its argon2id hash).
func TestNoInitialPasswordInTheDatabase(t *testing.T) {
	w := testutil.NewWorld(t)
	p1 := w.MustPerson(t, org.Person{Name: "甲老师", OrgID: w.SchoolA})
	slips, err := w.Auth.OpenAccounts(ctx, w.SchoolAdminA, w.SchoolA, []int64{p1})
	if err != nil {
		t.Fatal(err)
	}
	if where := findText(t, w.DB, slips[0].Password); where != "" {
		t.Errorf("initial password stored in plain text in %s", where)
	}
}

// findText names the first table.column of d holding v in some row, or "".
func findText(t *testing.T, d *db.DB, v string) string {
	t.Helper()
	q, has := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`, "instr(CAST(%q AS TEXT), ?) > 0"
	if d.Dialect == db.Postgres {
		q, has = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()",
			"strpos(CAST(%q AS TEXT), ?) > 0"
	}
	where, err := db.ReadValue(ctx, d, func(tx *db.Tx) (string, error) {
		cols, err := db.QueryAll(ctx, tx, func(r db.Scanner) ([2]string, error) {
			var c [2]string
			return c, r.Scan(&c[0], &c[1])
		}, q)
		for _, c := range cols {
			n, err := tx.Count(ctx, fmt.Sprintf("SELECT COUNT(*) FROM %q WHERE "+has, c[0], c[1]), v)
			if err != nil || n > 0 {
				return c[0] + "." + c[1], err
			}
		}
		return "", err
	})
	if err != nil {
		t.Fatal(err)
	}
	return where
}

// BenchmarkOpenAccounts30 opens accounts for a staff room of 30 teachers
// at the production argon2id cost (64 MiB, t=2, two hashes at once): the
// time a school administrator waits for the slips.
func BenchmarkOpenAccounts30(b *testing.B) {
	w := testutil.NewWorld(b)
	w.Auth.Hasher = auth.NewHasher(65536, 2, 2)
	for b.Loop() {
		b.StopTimer()
		school := w.MustSchool(b, fmt.Sprintf("基准学校%d", b.N), "330302", 100+rand.IntN(1_000_000))
		ids := make([]int64, 30)
		for i := range ids {
			ids[i] = w.MustPerson(b, org.Person{Name: fmt.Sprintf("教师%d", i), OrgID: school})
		}
		b.StartTimer()
		if _, err := w.Auth.OpenAccounts(ctx, testutil.Root, school, ids); err != nil {
			b.Fatal(err)
		}
	}
}
