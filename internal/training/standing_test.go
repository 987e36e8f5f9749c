package training_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func TestStandingReadsLikeACheck(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	f.ledger(t, f.TeacherA, 2022, credit.CategorySchoolBased, 600, 400) // 100 学分, capped at 96
	f.ledger(t, f.TeacherA, 2023, credit.CategoryCentralized, 850)      // 85
	f.ledger(t, f.TeacherA, 2024, credit.CategoryCentralized, 310)      // 31
	st, err := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2024)
	if err != nil {
		t.Fatal(err)
	}
	want := "本周期已认定 212/360；本学年 31，达到每年 24 的要求；校本研修 96，已到上限"
	if st.Text != want {
		t.Errorf("standing reads %q, want %q", st.Text, want)
	}
	if st.Cycle.From != 2022 || st.Cycle.To != 2026 || st.CycleGap != 148 {
		t.Errorf("cycle %v gap %v, want 2022—2026 and 148 short", st.Cycle, st.CycleGap)
	}
	st, _ = f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2025)
	if !st.BelowYear || !strings.Contains(st.Text, "本学年 0，未达到每年 24 的要求，差 24") {
		t.Errorf("2025 standing %q, want below the yearly minimum", st.Text)
	}
}

func TestStandingNamesRulesTheRegionHasNotSet(t *testing.T) {
	f := newFixture(t)
	f.ledger(t, f.TeacherA, 2024, credit.CategoryCentralized, 30)
	st, err := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"本区域未设定规则：继续教育学分周期", "本区域未设定规则：每学年最低学分"} {
		if !strings.Contains(st.Text, w) {
			t.Errorf("standing %q lacks %q", st.Text, w)
		}
	}
}

func TestARuleChangedFromAYearOnNeverChangesAnEarlierStanding(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	f.ledger(t, f.TeacherA, 2022, credit.CategorySchoolBased, 500)
	f.ledger(t, f.TeacherA, 2023, credit.CategoryCentralized, 300)
	f.ledger(t, f.TeacherA, 2024, credit.CategoryCentralized, 300)
	before, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2023)
	// From 2024 on: 20 学时 a 学分, a cap of 40, 30 a year.
	f.Svc.Now = func() time.Time { return at2020().AddDate(4, 0, 0) }
	f.Pol.Now = f.Svc.Now
	f.rule(t, credit.Rule{RegionCode: "330300", Category: credit.CategoryCentralized, FromYear: 2024, HoursPerCredit: 20})
	f.rule(t, credit.Rule{RegionCode: "330300", Category: credit.CategorySchoolBased, FromYear: 2024, HoursPerCredit: 10, CapPerCycle: 40})
	if err := f.Pol.SetValue(ctx, app.System("测试", "region.edit"), "330300", policy.RuleTeacherCreditsPerYearMin, 30, 2024, "", 1); err != nil {
		t.Fatal(err)
	}
	after, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2023)
	if after.Text != before.Text || after.Counted != 80 {
		t.Errorf("2023 after the change reads %q, before %q; want unchanged at 80", after.Text, before.Text)
	}
	now, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2024)
	want := "本周期已认定 85/360；本学年 15，未达到每年 30 的要求，差 15；校本研修 40，已到上限"
	if now.Text != want {
		t.Errorf("2024 under the new rules reads %q, want %q", now.Text, want)
	}
}

func TestStandingOfSomeoneOutOfScopeIsNotFound(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherB, 2024); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("teacher A reading teacher B: %v, want ENOTFOUND", err)
	}
	if _, err := f.Svc.FindStanding(ctx, f.CountyA, f.TeacherB, 2024); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A reading a 龙湾 teacher: %v, want ENOTFOUND", err)
	}
	if _, err := f.Svc.FindStanding(ctx, f.CountyA, f.TeacherA, 2024); err != nil {
		t.Errorf("county A reading its own teacher: %v", err)
	}
}

func TestTranscriptSumsEqualTheLedger(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	f.ledger(t, f.TeacherA, 2022, credit.CategorySchoolBased, 33, 47.5)
	f.ledger(t, f.TeacherA, 2023, credit.CategoryCentralized, 12, 18, 7)
	f.ledger(t, f.TeacherA, 2024, credit.CategoryOnline, 20) // no conversion: 0 学分, 20 学时
	tr, err := f.Svc.FindTranscript(ctx, f.SchoolAdminA, f.TeacherA, 2024)
	if err != nil {
		t.Fatal(err)
	}
	var totals []credit.Total
	_ = f.DB.Read(ctx, func(tx *db.Tx) (err error) {
		totals, err = credit.Totals(ctx, tx, credit.Filter{PersonID: f.TeacherA})
		return
	})
	var h, c float64
	for _, x := range totals {
		h, c = h+x.Hours, c+x.Credits
	}
	if tr.Hours != round2(h) || tr.Credits != round2(c) || tr.Standing.Raw != tr.Credits {
		t.Errorf("transcript %v 学时 %v 学分 (standing %v); ledger %v 学时 %v 学分", tr.Hours, tr.Credits, tr.Standing.Raw, h, c)
	}
	if len(tr.Years) != 3 || len(tr.Years[1].Entries) != 3 || tr.Years[1].Credits != 3.7 {
		t.Errorf("years %+v, want 2022..2024 with 3 entries (3.7 学分) in 2023", tr.Years)
	}
	if tr.Bureau != "鹿城区教育局" {
		t.Errorf("issued by %q, want 鹿城区教育局", tr.Bureau)
	}
}

func TestScopeStandingCountsWhoIsBelowTheMinimum(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	f.ledger(t, f.TeacherA, 2024, credit.CategoryCentralized, 300)
	f.ledger(t, f.TeacherB, 2024, credit.CategoryCentralized, 100)
	city, err := f.Svc.FindScopeStanding(ctx, f.CityAdmin, training.StandingFilter{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	// The school's people: 陈鹿城 (30), its head 赵校长 (none) and 王龙湾 (10) in 龙湾.
	if city.Teachers != 3 || city.BelowYear != 2 || len(city.Schools) != 2 {
		t.Errorf("city standing: %d teachers, %d below, %d schools; want 3, 2, 2", city.Teachers, city.BelowYear, len(city.Schools))
	}
	county, _ := f.Svc.FindScopeStanding(ctx, f.CountyA, training.StandingFilter{Year: 2024})
	got := map[string]float64{}
	for _, p := range county.People {
		got[p.Name] = p.YearCredits
	}
	if len(got) != 2 || got["陈鹿城"] != 30 || county.BelowYear != 1 {
		t.Errorf("county A sees %v (%d below), want 陈鹿城 30 and 赵校长 0 only", got, county.BelowYear)
	}
}

// TestYearProgressSaysHowMuchOfTheYearIsGone: on 2026-12-02 the 2026学年 is
// a quarter gone and ends 2027-08-31; earlier and later 学年 are not running.
func TestYearProgressSaysHowMuchOfTheYearIsGone(t *testing.T) {
	s := &training.Service{Now: func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC) }}
	pct, last, ok := s.YearProgress(2026)
	if !ok || pct != 25 || last.Format("2006-01-02") != "2027-08-31" {
		t.Errorf("2026学年: %d%% until %s, running %v", pct, last.Format("2006-01-02"), ok)
	}
	for _, y := range []int{2025, 2027} {
		if _, _, ok := s.YearProgress(y); ok {
			t.Errorf("%d学年 reported as running on 2026-12-02", y)
		}
	}
}
