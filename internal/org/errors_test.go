package org_test

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestServiceErrorsSayWhatFailed: a database fault reaches the caller with
// the operation named (for the log); a scope refusal keeps its code.
func TestServiceErrorsSayWhatFailed(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	if _, err := w.Org.FindPersonByID(ctx, w.CountyA, w.TeacherB); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("other county's person: %v, want ENOTFOUND", err)
	}
	if err := w.DB.Exec(ctx, "ALTER TABLE teaching_groups RENAME TO teaching_groups_gone"); err != nil {
		t.Fatal(err)
	}
	_, _, err := w.Org.FindGroups(ctx, w.CountyA, org.GroupFilter{})
	if err == nil || !strings.HasPrefix(err.Error(), "org: find groups: ") || app.ErrorCode(err) != app.EINTERNAL {
		t.Errorf("database fault reads %v", err)
	}
}

// TestUndecryptableNumberIsAFaultNotABlank: a person row whose 身份证号
// does not decrypt (a wrong data key, a damaged row) fails the lookup
// instead of showing the person with no number.
func TestUndecryptableNumberIsAFaultNotABlank(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	if err := w.DB.Exec(ctx, "UPDATE people SET id_enc = ? WHERE id = ?", "bm90IGEgY2lwaGVydGV4dCBhdCBhbGw=", w.TeacherA); err != nil {
		t.Fatal(err)
	}
	p, err := w.Org.FindPersonByID(ctx, w.CountyA, w.TeacherA)
	if app.ErrorCode(err) != app.EINTERNAL || !strings.Contains(err.Error(), "decrypt person") {
		t.Errorf("undecryptable person: %+v, %v", p, err)
	}
}
