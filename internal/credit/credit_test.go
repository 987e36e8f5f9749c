package credit_test

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

func entry(person int64, year int, category string, hours float64, state string) credit.Entry {
	return credit.Entry{PersonID: person, SchoolYear: year, Half: 1, Date: "2025-10-01", Category: category,
		Title: "测试项目", Hours: hours, Source: "test", State: state}
}

// add writes entries in one transaction and returns their ids.
func add(t *testing.T, d *db.DB, es ...credit.Entry) []int64 {
	t.Helper()
	var ids []int64
	err := d.Write(ctx, func(tx *db.Tx) error {
		for _, e := range es {
			id, err := credit.Add(ctx, tx, e)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestAddRefusesWhatAUserWouldCallWrong(t *testing.T) {
	w := testutil.NewWorld(t)
	cases := []struct {
		e    credit.Entry
		want string
	}{
		{entry(w.TeacherA, 2025, credit.CategoryCentralized, -1, credit.StateApproved), "学时不能为负数"},
		{entry(w.TeacherA, 2025, "cooking", 3, credit.StateApproved), "没有这个学时类别"},
		{entry(w.TeacherA, 2025, credit.GroupTraining, 3, credit.StateApproved), "没有这个学时类别"},
		{entry(w.TeacherA, 2025, credit.CategoryCentralized, 3, "maybe"), "认定状态"},
		{func() credit.Entry {
			e := entry(w.TeacherA, 2025, credit.CategoryOnline, 3, credit.StatePending)
			e.Title = " "
			return e
		}(), "项目名称"},
		{func() credit.Entry {
			e := entry(w.TeacherA, 2025, credit.CategoryOnline, 3, credit.StatePending)
			e.Credits = -2
			return e
		}(), "学分不能为负数"},
		{func() credit.Entry {
			e := entry(w.TeacherA, 2025, credit.CategoryOnline, 3, credit.StatePending)
			e.Level = "planet"
			return e
		}(), "级别"},
	}
	for _, c := range cases {
		err := w.DB.Write(ctx, func(tx *db.Tx) error { _, err := credit.Add(ctx, tx, c.e); return err })
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("%+v: got %v, want EINVALID with %q", c.e, err, c.want)
		}
	}
}

func TestTrainingHoursCountApprovedTrainingCategoriesOfTheYear(t *testing.T) {
	w := testutil.NewWorld(t)
	add(t, w.DB,
		entry(w.TeacherA, 2025, credit.CategoryCentralized, 10, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryOnline, 5.5, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryActivity, 4, credit.StateApproved), // 教研活动: not training
		entry(w.TeacherA, 2025, credit.CategoryExternal, 3, credit.StatePending),  // not yet 认定
		entry(w.TeacherA, 2024, credit.CategoryCentralized, 7, credit.StateApproved),
		entry(w.TeacherB, 2025, credit.CategoryCentralized, 9, credit.StateApproved),
	)
	var h float64
	err := w.DB.Read(ctx, func(tx *db.Tx) (err error) { h, err = credit.TrainingHours(ctx, tx, w.TeacherA, 2025); return })
	if err != nil || h != 15.5 {
		t.Fatalf("training hours = %v, %v; want 15.5", h, err)
	}
}

func TestTotalsPerPersonYearAndCategory(t *testing.T) {
	w := testutil.NewWorld(t)
	add(t, w.DB,
		entry(w.TeacherA, 2025, credit.CategoryCentralized, 10, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryCentralized, 2, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryPaper, 0, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryPaper, 8, credit.StateReturned),
	)
	var ts []credit.Total
	err := w.DB.Read(ctx, func(tx *db.Tx) (err error) {
		ts, err = credit.Totals(ctx, tx, credit.Filter{PersonID: w.TeacherA, SchoolYear: 2025})
		return
	})
	if err != nil || len(ts) != 2 {
		t.Fatalf("totals = %+v, %v; want two categories", ts, err)
	}
	if ts[0].Category != credit.CategoryCentralized || ts[0].Hours != 12 || ts[0].Count != 2 {
		t.Errorf("集中培训 total = %+v, want 12 hours in 2 entries", ts[0])
	}
	if ts[1].Category != credit.CategoryPaper || ts[1].Count != 1 {
		t.Errorf("论文 total = %+v, want the one approved entry", ts[1])
	}
}

func TestFindEntriesNamesCategoryAndState(t *testing.T) {
	w := testutil.NewWorld(t)
	add(t, w.DB, entry(w.TeacherA, 2025, credit.CategorySchoolBased, 6, credit.StatePending),
		entry(w.TeacherB, 2025, credit.CategorySchoolBased, 6, credit.StatePending))
	var es []credit.Entry
	err := w.DB.Read(ctx, func(tx *db.Tx) (err error) {
		es, err = credit.FindEntries(ctx, tx, credit.Filter{PersonID: w.TeacherA})
		return
	})
	if err != nil || len(es) != 1 {
		t.Fatalf("entries = %+v, %v; want one", es, err)
	}
	if es[0].CategoryName != "校本研修" || es[0].StateName() != "待审核" || es[0].PersonName != "陈鹿城" {
		t.Errorf("entry reads %s / %s / %s, want 校本研修 / 待审核 / 陈鹿城", es[0].CategoryName, es[0].StateName(), es[0].PersonName)
	}
}

func TestDecideApprovesOnceAndRefusesAStaleSecond(t *testing.T) {
	w := testutil.NewWorld(t)
	id := add(t, w.DB, entry(w.TeacherA, 2025, credit.CategoryCentralized, 6, credit.StatePending))[0]
	decide := func(state, note string) error {
		return w.DB.Write(ctx, func(tx *db.Tx) error { return credit.Decide(ctx, tx, w.SchoolAdminA, id, 1, state, note) })
	}
	if err := decide(credit.StateReturned, ""); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("return without a reason: %v, want EINVALID", err)
	}
	if err := decide(credit.StateApproved, ""); err != nil {
		t.Fatal(err)
	}
	if err := decide(credit.StateReturned, "材料不全"); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("second decision on version 1: %v, want ECONFLICT", err)
	}
	var h float64
	_ = w.DB.Read(ctx, func(tx *db.Tx) (err error) { h, err = credit.TrainingHours(ctx, tx, w.TeacherA, 2025); return })
	if h != 6 {
		t.Errorf("approved hours = %v, want 6", h)
	}
}

func TestRecordLeavesAnAuditRow(t *testing.T) {
	w := testutil.NewWorld(t)
	err := w.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := credit.Record(ctx, tx, w.SchoolAdminA, entry(w.TeacherA, 2025, credit.CategoryCentralized, 6, credit.StateApproved))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	_ = w.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'credit.create' AND username = 'school_a'").Scan(&n)
	})
	if n != 1 {
		t.Errorf("%d audit rows for the new entry, want 1", n)
	}
}
