package credit_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

func setRule(t *testing.T, w *testutil.World, r credit.Rule) int {
	t.Helper()
	var n int
	err := w.DB.Write(ctx, func(tx *db.Tx) (err error) { n, err = credit.SetRule(ctx, tx, w.CityAdmin, r); return })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func sums(t *testing.T, w *testutil.World, person int64, year int) credit.YearSum {
	t.Helper()
	var ys []credit.YearSum
	err := w.DB.Read(ctx, func(tx *db.Tx) (err error) { ys, _, err = credit.PersonSums(ctx, tx, person, year, year); return })
	if err != nil {
		t.Fatal(err)
	}
	if len(ys) == 0 {
		return credit.YearSum{}
	}
	return ys[0]
}

func TestHoursConvertByTheRuleOfTheEntrysYear(t *testing.T) {
	w := testutil.NewWorld(t)
	setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategoryCentralized, FromYear: 2020, HoursPerCredit: 10})
	setRule(t, w, credit.Rule{RegionCode: "330302", Category: credit.CategoryCentralized, FromYear: 2025, HoursPerCredit: 20})
	ids := add(t, w.DB,
		entry(w.TeacherA, 2024, credit.CategoryCentralized, 30, credit.StateApproved), // city rule: 3
		entry(w.TeacherA, 2025, credit.CategoryCentralized, 30, credit.StateApproved), // county's own from 2025: 1.5
		entry(w.TeacherB, 2025, credit.CategoryCentralized, 30, credit.StateApproved), // 龙湾 inherits the city: 3
		entry(w.TeacherA, 2025, credit.CategoryOnline, 30, credit.StateApproved))      // no rule: no credits
	want := []float64{3, 1.5, 3, 0}
	for i, id := range ids {
		var e credit.Entry
		_ = w.DB.Read(ctx, func(tx *db.Tx) (err error) { e, err = credit.FindEntryByID(ctx, tx, id); return })
		if e.Credits != want[i] {
			t.Errorf("entry %d: %v 学分, want %v", i, e.Credits, want[i])
		}
	}
	if s := sums(t, w, w.TeacherA, 2025); s.Credits != 1.5 || s.Hours != 60 || s.Entries != 2 {
		t.Errorf("2025 summary %+v, want 60 学时 1.5 学分 in 2 entries", s)
	}
}

func TestARuleChangedFromAYearOnLeavesEarlierYearsAlone(t *testing.T) {
	w := testutil.NewWorld(t)
	setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategorySchoolBased, FromYear: 2020, HoursPerCredit: 10})
	add(t, w.DB, entry(w.TeacherA, 2024, credit.CategorySchoolBased, 40, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategorySchoolBased, 40, credit.StateApproved),
		entry(w.TeacherA, 2025, credit.CategorySchoolBased, 40, credit.StatePending))
	before := sums(t, w, w.TeacherA, 2024)
	n := setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategorySchoolBased, FromYear: 2025, HoursPerCredit: 20})
	if n != 2 {
		t.Errorf("%d entries converted again, want the two of 2025", n)
	}
	if after := sums(t, w, w.TeacherA, 2024); after != before || after.Credits != 4 {
		t.Errorf("2024 after the change %+v, before %+v; want 4 学分 unchanged", after, before)
	}
	if s := sums(t, w, w.TeacherA, 2025); s.Credits != 2 {
		t.Errorf("2025 summary %v 学分, want 2 under the new rule (pending entry not counted)", s.Credits)
	}
	var rules map[string]credit.Rule
	_ = w.DB.Read(ctx, func(tx *db.Tx) (err error) { rules, err = credit.RulesFor(ctx, tx, "330302", 2024); return })
	if rules[credit.CategorySchoolBased].HoursPerCredit != 10 {
		t.Errorf("rule in force in 2024 = %+v, want 10 学时 per 学分", rules[credit.CategorySchoolBased])
	}
}

func TestEntriesWithCreditsOfTheirOwnKeepThem(t *testing.T) {
	w := testutil.NewWorld(t)
	e := entry(w.TeacherA, 2025, credit.CategoryAward, 10, credit.StateApproved)
	e.Credits = 8
	add(t, w.DB, e)
	setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategoryAward, FromYear: 2025, HoursPerCredit: 1})
	if s := sums(t, w, w.TeacherA, 2025); s.Credits != 8 {
		t.Errorf("award credits %v after a conversion rule, want its own 8", s.Credits)
	}
}

func TestApprovalAddsToTheSummaryOnce(t *testing.T) {
	w := testutil.NewWorld(t)
	setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategoryExternal, FromYear: 2020, HoursPerCredit: 10})
	id := add(t, w.DB, entry(w.TeacherA, 2025, credit.CategoryExternal, 24, credit.StatePending))[0]
	if s := sums(t, w, w.TeacherA, 2025); s.Entries != 0 {
		t.Fatalf("a pending claim counts: %+v", s)
	}
	err := w.DB.Write(ctx, func(tx *db.Tx) error { return credit.Decide(ctx, tx, w.SchoolAdminA, id, 1, credit.StateApproved, "") })
	if err != nil {
		t.Fatal(err)
	}
	if s := sums(t, w, w.TeacherA, 2025); s.Credits != 2.4 || s.Entries != 1 {
		t.Errorf("after approval %+v, want 2.4 学分 in one entry", s)
	}
}

func TestRuleRefusesBadValuesAndStaleEdits(t *testing.T) {
	w := testutil.NewWorld(t)
	err := w.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := credit.SetRule(ctx, tx, w.CityAdmin, credit.Rule{RegionCode: "330300", Category: credit.CategoryOnline, FromYear: 2025, HoursPerCredit: -1})
		return err
	})
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "折算学时") {
		t.Errorf("negative conversion: %v", err)
	}
	setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategoryOnline, FromYear: 2025, HoursPerCredit: 10})
	err = w.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := credit.SetRule(ctx, tx, w.CityAdmin, credit.Rule{RegionCode: "330300", Category: credit.CategoryOnline, FromYear: 2025, HoursPerCredit: 12})
		return err
	})
	if app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("edit at version 0 of a row at version 1: %v, want ECONFLICT", err)
	}
}

// TestSummariesEqualTheLedger writes through Add, AddMany, Decide and a
// rule change, then checks the summaries against the ledger's own sums.
func TestSummariesEqualTheLedger(t *testing.T) {
	w := testutil.NewWorld(t)
	setRule(t, w, credit.Rule{RegionCode: "330300", Category: credit.CategoryCentralized, FromYear: 2020, HoursPerCredit: 10})
	ids := add(t, w.DB, entry(w.TeacherA, 2024, credit.CategoryCentralized, 13, credit.StatePending),
		entry(w.TeacherA, 2024, credit.CategoryCentralized, 7, credit.StateApproved))
	var many []credit.Entry
	for i := range 1100 { // more than one 500-row statement
		many = append(many, entry([]int64{w.TeacherA, w.TeacherB}[i%2], 2023+i%3, []string{credit.CategoryCentralized,
			credit.CategoryOnline, credit.CategorySchoolBased}[i%3], float64(i%7+1), credit.StateApproved))
	}
	err := w.DB.Write(ctx, func(tx *db.Tx) error {
		if err := credit.AddMany(ctx, tx, many); err != nil {
			return err
		}
		return credit.Decide(ctx, tx, w.SchoolAdminA, ids[0], 1, credit.StateApproved, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	setRule(t, w, credit.Rule{RegionCode: "330302", Category: credit.CategoryCentralized, FromYear: 2024, HoursPerCredit: 20})
	var bad int
	_ = w.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT person_id, school_year, category, SUM(hours) h, SUM(credits) c, COUNT(*) n
			FROM credit_entries WHERE state = 'approved' GROUP BY person_id, school_year, category) l
			FULL OUTER JOIN credit_person_year_categories s ON s.person_id = l.person_id AND s.school_year = l.school_year
			AND s.category = l.category WHERE l.n IS NULL OR s.entries IS NULL OR s.entries <> l.n
			OR ABS(s.hours - l.h) > 0.001 OR ABS(s.credits - l.c) > 0.001`).Scan(&bad)
	})
	if bad != 0 {
		t.Errorf("%d person-year-category summaries differ from the ledger", bad)
	}
	_ = w.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT person_id, school_year, SUM(credits) c, COUNT(*) n
			FROM credit_entries WHERE state = 'approved' GROUP BY person_id, school_year) l
			FULL OUTER JOIN credit_person_years s ON s.person_id = l.person_id AND s.school_year = l.school_year
			WHERE l.n IS NULL OR s.entries IS NULL OR s.entries <> l.n OR ABS(s.credits - l.c) > 0.001`).Scan(&bad)
	})
	if bad != 0 {
		t.Errorf("%d person-year summaries differ from the ledger", bad)
	}
}
