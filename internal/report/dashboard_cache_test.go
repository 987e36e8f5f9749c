package report_test

import (
	"reflect"
	"testing"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/testutil"
)

// The dashboard a process keeps equals a fresh computation after every kind
// of write it reads: a visit, a ledger entry, a rule, a researcher, an
// office, a school, a submitted observation; and each of those writes shows on it.
func TestKeptDashboardEqualsAFreshOneAfterEveryKindOfWrite(t *testing.T) {
	f, resA2 := dashWorld(t)
	term := dict.Term{Year: 2025, Half: 1}
	exec := func(q string, args ...any) func() {
		return func() {
			err := f.DB.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q, args...); return err })
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	writes := []struct {
		name  string
		write func()
	}{
		{"a visit", func() { logVisit(t, f, f.CountyA, resA2, f.SchoolA, "2025-11-03", "2025-11-07", 5, 6, 1) }},
		{"a ledger entry", func() {
			err := f.DB.Write(ctx, func(tx *db.Tx) error {
				_, err := credit.Add(ctx, tx, credit.Entry{PersonID: resA2, SchoolYear: 2025, Half: 1, Date: "2025-11-20",
					Category: credit.CategoryCentralized, Title: "市级研修", Hours: 40, Source: "test", State: credit.StateApproved})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"a rule", exec("UPDATE policy_values SET value = value + 5 WHERE region_code = ? AND rule_key = ?", "330302",
			string(policy.RuleResearcherSchoolDaysPerTerm))},
		{"a researcher's name", exec("UPDATE people SET name = ? WHERE id = ?", "教研员丙（改名）", resA2)},
		{"an office's name", exec("UPDATE orgs SET name = ? WHERE id = ?", "鹿城区教育研究院", f.OfficeA)},
		{"a school turned weak", exec("UPDATE orgs SET weak = TRUE WHERE name = ?", "鹿城区城区小学")},
		{"a submitted observation", exec(`INSERT INTO observations (observer_id, teacher_id, school_id, org_path, topic, on_date, lesson_type,
			state, school_year, half, created_at, updated_at) SELECT ?, ?, o.id, o.path, '分数', '2025-11-12', 'demo', 'submitted', 2025, 1, 0, 0
			FROM orgs o WHERE o.name = ?`, f.TeacherA, resA2, "鹿城区城区小学")},
		{"a researcher gone part-time", exec("UPDATE people SET researcher_kind = 'parttime' WHERE id = ?", resA2)},
	}
	before := f.kept(t, term)
	for _, w := range writes {
		w.write()
		got := f.kept(t, term)
		fresh, err := f.Rep.FreshDashboard(ctx, f.CityAdmin, "", term)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fresh) {
			t.Fatalf("after %s the kept dashboard differs from a fresh one:\n kept  %+v\n fresh %+v", w.name, got, fresh)
		}
		if reflect.DeepEqual(got, before) {
			t.Errorf("%s did not show on the dashboard", w.name)
		}
		before = got
	}
}

// kept is the city admin's dashboard through the cache, read twice so the
// second read is the kept one.
func (f *fixture) kept(t *testing.T, term dict.Term) any {
	t.Helper()
	for range 2 {
		if _, err := f.Rep.Dashboard(ctx, f.CityAdmin, "", term); err != nil {
			t.Fatal(err)
		}
		report.AwaitRebuilds() // a rule change rebuilds in the background
	}
	d, err := f.Rep.Dashboard(ctx, f.CityAdmin, "", term)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A rule change does not hold the dashboard up: the next request gets the
// last figures, with their time, marked 正在重新计算, while a background
// rebuild computes the new ones, which then equal a fresh computation. A
// rule of a region the dashboard does not show changes nothing on it and
// starts no rebuild.
func TestRuleChangeRebuildsTheDashboardInTheBackground(t *testing.T) {
	f, _ := dashWorld(t)
	term := dict.Term{Year: 2025, Half: 1}
	get := func() report.Dashboard {
		t.Helper()
		d, err := f.Rep.Dashboard(ctx, f.CityAdmin, "330302", term)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	rule := func(region string) {
		t.Helper()
		err := f.DB.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE policy_values SET value = value + 5 WHERE region_code = ? AND rule_key = ?",
				region, string(policy.RuleResearcherSchoolDaysPerTerm))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	before := get()
	if before.Recomputing || before.At.IsZero() {
		t.Fatalf("first dashboard: recomputing %v, time %v", before.Recomputing, before.At)
	}
	// County B's rules: not ones the county A dashboard checks.
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330303", "district_training_school", 2025); err != nil {
		t.Fatal(err)
	}
	rule("330303")
	if d := get(); d.Recomputing || !reflect.DeepEqual(d, before) {
		t.Fatalf("a rule of another county changed county A's dashboard (recomputing %v)", d.Recomputing)
	}
	rule("330302")
	during := get()
	if !during.Recomputing {
		t.Fatal("right after a rule change the dashboard is not marked 正在重新计算")
	}
	during.Recomputing = false
	if !reflect.DeepEqual(during, before) {
		t.Fatal("during the rebuild the dashboard does not show the last figures")
	}
	report.AwaitRebuilds()
	after := get()
	fresh, err := f.Rep.FreshDashboard(ctx, f.CityAdmin, "330302", term)
	if err != nil {
		t.Fatal(err)
	}
	if after.Recomputing || !reflect.DeepEqual(after, fresh) {
		t.Fatalf("after the rebuild: recomputing %v, equal to a fresh one %v", after.Recomputing, reflect.DeepEqual(after, fresh))
	}
	if reflect.DeepEqual(after.Quotas, before.Quotas) {
		t.Fatal("the rebuilt dashboard does not show the changed rule")
	}
}
