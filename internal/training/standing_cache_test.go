package training_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

// fingerprint is everything a manager reads in a scope standing.
func fingerprint(t *testing.T, st training.ScopeStanding) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "teachers %d below %d short %d missing %v\n", st.Teachers, st.BelowYear, st.ShortCycle, st.Missing)
	for _, s := range st.Schools {
		fmt.Fprintf(&b, "school %s %d %d %d %v\n", s.Name, s.Teachers, s.BelowYear, s.ShortCycle, s.Credits)
	}
	for _, p := range st.People {
		fmt.Fprintf(&b, "%s %s %s\n", p.OrgName, p.Name, p.Words())
	}
	return b.String()
}

// The standing a process keeps equals a fresh computation after every kind
// of write that can change it, and each of those writes does change it (so
// a kept standing that missed one would show the old figures).
func TestKeptStandingFollowsEveryWrite(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	f.ledger(t, f.TeacherA, 2024, credit.CategoryCentralized, 200)
	f.ledger(t, f.TeacherB, 2024, credit.CategorySchoolBased, 900)
	root := app.System("测试", "region.edit")
	filter := training.StandingFilter{Year: 2024}
	kept := func() string {
		st, err := f.Svc.FindScopeStanding(ctx, f.CityAdmin, filter)
		if err != nil {
			t.Fatal(err)
		}
		return fingerprint(t, st)
	}
	fresh := func() string {
		st, err := f.Svc.FindScopeStandingFresh(ctx, f.CityAdmin, filter)
		if err != nil {
			t.Fatal(err)
		}
		return fingerprint(t, st)
	}
	var newcomer int64
	writes := []struct {
		name  string
		write func() error
	}{
		{"a ledger entry", func() error {
			f.ledger(t, f.TeacherA, 2024, credit.CategoryCentralized, 100)
			return nil
		}},
		{"a credit rule (re-converts the year)", func() error {
			_, err := f.Svc.SetCreditRule(ctx, f.CityAdmin, credit.Rule{RegionCode: "330300", Category: credit.CategoryCentralized,
				FromYear: 2024, HoursPerCredit: 20})
			return err
		}},
		{"a category's cap", func() error {
			_, err := f.Svc.SetCreditRule(ctx, f.CityAdmin, credit.Rule{RegionCode: "330300", Category: credit.CategorySchoolBased,
				FromYear: 2024, HoursPerCredit: 10, CapPerCycle: 50})
			return err
		}},
		{"the yearly minimum (policy)", func() error {
			return f.Pol.SetValue(ctx, root, "330300", policy.RuleTeacherCreditsPerYearMin, 30, 2024, "", 1)
		}},
		{"a new teacher", func() (err error) {
			newcomer, err = f.Org.CreatePerson(ctx, f.CityAdmin, org.Person{Name: "新教师", OrgID: f.SchoolA})
			return err
		}},
		{"a teacher moved to another school", func() error {
			p, err := f.Org.FindPersonByID(ctx, f.CityAdmin, newcomer)
			if err != nil {
				return err
			}
			p.OrgID = f.SchoolB
			return f.Org.UpdatePerson(ctx, f.CityAdmin, p)
		}},
		{"a teacher made inactive", func() error {
			p, err := f.Org.FindPersonByID(ctx, f.CityAdmin, newcomer)
			if err != nil {
				return err
			}
			return f.Org.SetPersonActive(ctx, f.CityAdmin, newcomer, false, p.Version)
		}},
		{"a school renamed", func() error {
			o, err := f.Org.FindOrgByID(ctx, f.CityAdmin, f.SchoolA)
			if err != nil {
				return err
			}
			o.Name = "鹿城区第一实验小学"
			return f.Org.UpdateOrg(ctx, f.CityAdmin, o)
		}},
		{"a category renamed", func() error {
			return f.DB.Exec(ctx, "UPDATE dict_entries SET name = '校本研修（含教研组活动）' WHERE table_code = 'credit_category' AND code = ?",
				credit.CategorySchoolBased)
		}},
	}
	before := kept()
	if before != fresh() {
		t.Fatalf("kept standing differs from a fresh one before any write:\n%s\n%s", before, fresh())
	}
	for _, w := range writes {
		if err := w.write(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		got, want := kept(), fresh()
		if got != want {
			t.Errorf("after %s the kept standing reads\n%s\nbut a fresh one\n%s", w.name, got, want)
		}
		if want == before {
			t.Errorf("%s did not change the standing: the test proves nothing for it", w.name)
		}
		before = want
	}
}
