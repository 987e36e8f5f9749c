package org_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// auditRows counts the audit rows of action and the last one's summary.
func auditRows(t *testing.T, w *testutil.World, action string) (int, string) {
	t.Helper()
	var n int
	var summary string
	err := w.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if n, err = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = ?", action); err != nil || n == 0 {
			return err
		}
		return tx.QueryRow(ctx, "SELECT summary FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1", action).Scan(&summary)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, summary
}

// granted is a copy of a with the full-number permission a security
// administrator would grant.
func granted(a app.Actor) app.Actor {
	g := a
	g.Perms = map[app.Perm]bool{auth.PermPersonSensitive: true}
	for p := range a.Perms {
		g.Perms[p] = true
	}
	return g
}

// TestAdminsSeeMaskedNumbers: built-in administrators read masked numbers
// in lists and detail; only a holder of the permission reads them in full.
func TestAdminsSeeMaskedNumbers(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, a := range []app.Actor{w.CityAdmin, w.CountyA, w.SchoolAdminA} {
		p, err := w.Org.FindPersonByID(ctx, a, w.TeacherA)
		if err != nil || p.IDNumber != "3303**********0015" || p.Phone != "138****5678" || !p.Masked {
			t.Errorf("%s reads %q %q (%v), want masked", a.Username, p.IDNumber, p.Phone, err)
		}
	}
	p, _ := w.Org.FindPersonByID(ctx, granted(w.CountyA), w.TeacherA)
	if p.IDNumber != testutil.IDA || p.Phone != "13812345678" {
		t.Errorf("a holder of the permission reads %q %q", p.IDNumber, p.Phone)
	}
}

// TestRevealOnePersonIsAuditedAndScoped: one click shows one person's full
// numbers and leaves an audit row naming them; outside the scope nothing
// is shown and nothing is logged.
func TestRevealOnePersonIsAuditedAndScoped(t *testing.T) {
	w := testutil.NewWorld(t)
	p, err := w.Org.RevealPerson(ctx, w.CountyA, w.TeacherA)
	if err != nil || p.IDNumber != testutil.IDA || p.Phone != "13812345678" {
		t.Fatalf("reveal: %q %q %v", p.IDNumber, p.Phone, err)
	}
	if n, summary := auditRows(t, w, "person.reveal"); n != 1 || !strings.Contains(summary, "陈鹿城") {
		t.Fatalf("reveal audited %d times: %q", n, summary)
	}
	if _, err := w.Org.RevealPerson(ctx, w.CountyB, w.TeacherA); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B revealed a county A teacher: %v", err)
	}
	if n, _ := auditRows(t, w, "person.reveal"); n != 1 {
		t.Fatalf("a refused reveal was logged as a reveal")
	}
	if again, _ := w.Org.FindPersonByID(ctx, w.CountyA, w.TeacherA); !again.Masked {
		t.Fatal("after one reveal the next read is not masked")
	}
}

// TestFullExportNeedsPermissionAndReason: an export with full numbers is
// refused without the permission or without a reason, and audited with
// its row count and reason.
func TestFullExportNeedsPermissionAndReason(t *testing.T) {
	w := testutil.NewWorld(t)
	if _, err := w.Org.ExportPeopleFull(ctx, w.CountyA, org.PersonFilter{}, "上报省厅"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("a county admin without the permission exported full numbers: %v", err)
	}
	a := granted(w.CountyA)
	if _, err := w.Org.ExportPeopleFull(ctx, a, org.PersonFilter{}, "  "); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("an export without a reason: %v", err)
	}
	if n, _ := auditRows(t, w, "person.export_full"); n != 0 {
		t.Fatal("a refused export was audited as an export")
	}
	people, err := w.Org.ExportPeopleFull(ctx, a, org.PersonFilter{}, "上报省厅教师信息")
	if err != nil || len(people) != 3 {
		t.Fatalf("export: %d people, %v", len(people), err)
	}
	if n, summary := auditRows(t, w, "person.export_full"); n != 1 || !strings.Contains(summary, "3 条") || !strings.Contains(summary, "上报省厅教师信息") {
		t.Fatalf("export audited %d: %q", n, summary)
	}
	var full, plain string
	for _, p := range people {
		full += strings.Join(org.PersonRecordFull(p), "|") + "\n"
		plain += strings.Join(org.PersonRecord(p), "|") + "\n"
	}
	if !strings.Contains(full, testutil.IDA) || !strings.Contains(full, "13812345678") {
		t.Errorf("the full export rows lack the numbers: %s", full)
	}
	if strings.Contains(plain, testutil.IDA) || strings.Contains(plain, "13812345678") || !strings.Contains(plain, "3303**********0015") {
		t.Errorf("the plain export rows carry full numbers: %s", plain)
	}
}

// maskedRow is a people CSV of TeacherA as a masked export writes them.
func maskedRow(w *testutil.World, name, id, phone, sysID string) []byte {
	return []byte("姓名,身份证号,手机号,单位,职称,任教学科,学段,性别,系统编号\n" +
		fmt.Sprintf("%s,%s,%s,2330000001,一级教师,数学,小学,女,%s\n", name, id, phone, sysID))
}

// TestMaskedRowMatchesBySystemID: a masked export's row finds its person
// by 系统编号, changes nothing when identical, updates the name with
// 更新已有记录 without touching the stored numbers, and is refused without a
// 系统编号 or when the mask does not fit the stored number.
func TestMaskedRowMatchesBySystemID(t *testing.T) {
	w := testutil.NewWorld(t)
	id := fmt.Sprint(w.TeacherA)
	out, err := w.Org.ImportFile(ctx, w.CountyA, "people", "a.csv", maskedRow(w, "陈鹿城", "3303**********0015", "138****5678", id), org.ImportOptions{})
	if err != nil || !out.OK || out.Result.Unchanged != 1 {
		t.Fatalf("masked re-import: %v %s", err, out.Message)
	}
	out, _ = w.Org.ImportFile(ctx, w.CountyA, "people", "b.csv", maskedRow(w, "陈鹿城", "3303**********0015", "138****5678", ""), org.ImportOptions{})
	if out.OK || !strings.Contains(out.Message, "系统编号") {
		t.Fatalf("a masked row without 系统编号: %s", out.Message)
	}
	out, _ = w.Org.ImportFile(ctx, w.CountyA, "people", "c.csv", maskedRow(w, "陈鹿城", "3303**********9999", "138****5678", id), org.ImportOptions{Update: true})
	if out.OK || !strings.Contains(out.Message, "不符") {
		t.Fatalf("a mask of another number: %s", out.Message)
	}
	out, err = w.Org.ImportFile(ctx, w.CountyA, "people", "d.csv", maskedRow(w, "陈鹿城改", "3303**********0015", "138****5678", id), org.ImportOptions{Update: true})
	if err != nil || !out.OK || out.Result.Updated != 1 {
		t.Fatalf("masked update: %v %s", err, out.Message)
	}
	p, _ := w.Org.FindPersonByID(ctx, testutil.Root, w.TeacherA)
	if p.Name != "陈鹿城改" || p.IDNumber != testutil.IDA || p.Phone != "13812345678" {
		t.Fatalf("after a masked update: %s %q %q", p.Name, p.IDNumber, p.Phone)
	}
}
