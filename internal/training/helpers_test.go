package training_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
)

var ctx = context.Background()

// at2020 is a clock in the 2020 学年, so rules may start from 2020.
func at2020() time.Time { return time.Date(2020, 10, 1, 0, 0, 0, 0, time.UTC) }

type fixture struct {
	*testutil.World
	Svc *training.Service
	Pol *policy.Service
}

func newFixture(t *testing.T) fixture { return newFixtureTB(t) }

func newFixtureTB(t testing.TB) fixture {
	t.Helper()
	w := testutil.NewWorld(t)
	pol := &policy.Service{DB: w.DB, Now: at2020}
	return fixture{World: w, Pol: pol, Svc: &training.Service{DB: w.DB, Org: w.Org, Policy: pol, Now: at2020}}
}

// zhejiang sets the city's rules: 360 per 5-year cycle from 2022, 24 a
// year, 10 学时 a 学分 for 集中培训 and 校本研修, 校本研修 capped at 96.
func (f fixture) zhejiang(t *testing.T) { f.zhejiangTB(t) }

func (f fixture) zhejiangTB(t testing.TB) {
	t.Helper()
	root := app.System("测试", "region.edit")
	for _, v := range []struct {
		k policy.RuleKey
		v float64
	}{{policy.RuleTeacherCreditCycleYears, 5}, {policy.RuleTeacherCreditCycleStartYear, 2022},
		{policy.RuleTeacherCreditsPerCycle, 360}, {policy.RuleTeacherCreditsPerYearMin, 24}} {
		if err := f.Pol.SetValue(ctx, root, "330300", v.k, v.v, 2020, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	f.rule(t, credit.Rule{RegionCode: "330300", Category: credit.CategoryCentralized, FromYear: 2020, HoursPerCredit: 10})
	f.rule(t, credit.Rule{RegionCode: "330300", Category: credit.CategorySchoolBased, FromYear: 2020, HoursPerCredit: 10, CapPerCycle: 96})
}

func (f fixture) rule(t testing.TB, r credit.Rule) {
	t.Helper()
	if _, err := f.Svc.SetCreditRule(ctx, f.CityAdmin, r); err != nil {
		t.Fatal(err)
	}
}

// ledger writes approved entries of person: hours by year and category.
func (f fixture) ledger(t *testing.T, person int64, year int, category string, hours ...float64) {
	t.Helper()
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		for _, h := range hours {
			if _, err := credit.Add(ctx, tx, credit.Entry{PersonID: person, SchoolYear: year, Date: "2024-10-01", Category: category,
				Title: "测试培训", Hours: h, Source: "test", State: credit.StateApproved}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
