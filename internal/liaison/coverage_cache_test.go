package liaison_test

import (
	"reflect"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
)

// The coverage table a process keeps equals a fresh computation after every
// kind of write it reads (a visit, a published station plan, a rule, a
// school, a region's name, the 学年 calendar), and each of those writes shows
// on it.
func TestKeptCoverageEqualsAFreshOneAfterEveryKindOfWrite(t *testing.T) {
	w := newRoundWorld(t)
	if err := w.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330302", "ouhai_2024_school_training", 2025); err != nil {
		t.Fatal(err)
	}
	first := dict.Term{Year: 2025, Half: dict.First}
	exec := func(q string, args ...any) func() {
		return func() {
			err := w.DB.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q, args...); return err })
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var planID int64
	writes := []struct {
		name  string
		write func()
	}{
		{"a visit", func() { logVisit(t, w.fixture, w.CountyA, w.ResA, w.SchoolA, "2025-11-03", "2025-11-04", 2, 1, 0) }},
		{"a published station plan", func() {
			id, err := w.Svc.CreateStationPlan(ctx, w.CountyA, "330302", "", first, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Svc.PlanStations(ctx, w.CountyA, id, nil, liaison.TargetFilter{}); err != nil {
				t.Fatal(err)
			}
			p, _, err := w.Svc.FindStationPlan(ctx, w.CountyA, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Svc.PublishStationPlan(ctx, w.CountyA, id, p.Version); err != nil {
				t.Fatal(err)
			}
			planID = id
		}},
		{"a station taken out", func() {
			exec("DELETE FROM stations WHERE id = (SELECT MIN(id) FROM stations WHERE plan_id = ?)", planID)()
		}},
		{"a rule", exec("UPDATE policy_values SET value = '3' WHERE region_code = ? AND rule_key = ?", "330302",
			string(policy.RuleStationCoverageYears))},
		{"a school turned weak", exec("UPDATE orgs SET weak = TRUE WHERE id = ?", w.Urban)},
		{"a school closed", exec("UPDATE orgs SET active = FALSE WHERE id = ?", w.Rural2)},
		{"a region's name", exec("UPDATE regions SET name = ? WHERE code = ?", "鹿城区（改名）", "330302")},
	}
	kept := func() liaison.Coverage {
		t.Helper()
		var c liaison.Coverage
		for range 2 {
			var err error
			if c, err = w.Svc.FindCoverage(ctx, w.CountyA, "330302", 0); err != nil {
				t.Fatal(err)
			}
		}
		return c
	}
	before := kept()
	for _, wr := range writes {
		wr.write()
		got := kept()
		fresh, err := w.Svc.FreshCoverage(ctx, w.CountyA, "330302", 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fresh) {
			t.Fatalf("after %s the kept coverage differs from a fresh one:\n kept  %+v\n fresh %+v", wr.name, got, fresh)
		}
		if reflect.DeepEqual(got, before) {
			t.Errorf("%s did not show on the coverage table", wr.name)
		}
		before = got
	}
}
