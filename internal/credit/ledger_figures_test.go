package credit_test

import (
	"testing"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// The grouped read equals the per-person reads it replaces.
func TestLedgerFiguresOfEqualThePerPersonReads(t *testing.T) {
	w := testutil.NewWorld(t)
	late := entry(w.TeacherB, 2025, credit.CategoryActivity, 2, credit.StateApproved)
	late.Date = "2026-05-20"
	after := entry(w.TeacherB, 2026, credit.CategoryCentralized, 8, credit.StateApproved)
	after.Date = "2026-10-01" // after the 学年 ends: not the last date of 2025
	add(t, w.DB,
		entry(w.TeacherA, 2025, credit.CategoryCentralized, 10, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryOnline, 5.5, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryActivity, 4, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategoryExternal, 3, credit.StatePending),
		entry(w.TeacherA, 2024, credit.CategoryCentralized, 7, credit.StateApproved),
		late, after,
	)
	ids := []int64{w.TeacherA, w.TeacherB, 1 << 40} // and an id without entries
	err := w.DB.Read(ctx, func(tx *db.Tx) error {
		got, err := credit.LedgerFiguresOf(ctx, tx, ids, 2025, "2026-08-31")
		if err != nil {
			return err
		}
		for _, id := range ids {
			h, err := credit.TrainingHours(ctx, tx, id, 2025)
			if err != nil {
				return err
			}
			d, err := credit.LastDate(ctx, tx, id, "2026-08-31")
			if err != nil {
				return err
			}
			if g := got[id]; g.TrainingHours != h || g.LastDate != d {
				t.Errorf("person %d: grouped %+v, per person %v %q", id, g, h, d)
			}
		}
		if g := got[w.TeacherA]; g.TrainingHours != 15.5 || g.LastDate != "2025-10-01" {
			t.Errorf("teacher A: %+v, want 15.5 hours last on 2025-10-01", g)
		}
		if g := got[w.TeacherB]; g.TrainingHours != 0 || g.LastDate != "2026-05-20" {
			t.Errorf("teacher B: %+v, want no training hours, last on 2026-05-20", g)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
