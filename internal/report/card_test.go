package report_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/testutil"
)

// withRules applies seed 001's rules to county A from 2025, the policy clock
// in 2026学年 so 2026 is the first year a change may start.
func withRules(t *testing.T, f *fixture) {
	t.Helper()
	f.Svc.Policy.Now = func() time.Time { return time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC) }
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330302", "district_training_school", 2025); err != nil {
		t.Fatal(err)
	}
}

func logVisit(t *testing.T, f *fixture, actor app.Actor, res, school int64, start, end string, days, lessons, demo int) {
	t.Helper()
	v := liaison.Visit{ResearcherID: res, SchoolID: school, Purpose: liaison.PurposeLiaison, StartDate: start, EndDate: end,
		Days: days, LessonsObserved: lessons, DemoLessons: demo}
	if _, err := f.Svc.SaveVisit(ctx, actor, v, nil); err != nil {
		t.Fatal(err)
	}
}

func rowByName(t *testing.T, c report.Card, name string) liaison.CardRow {
	t.Helper()
	for _, r := range c.Rows {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("card has no row %q: %+v", name, c.Rows)
	return liaison.CardRow{}
}

func TestCardFiguresAndColours(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-09-01", "2025-09-30", 18, 30, 0)
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-11-03", "2025-11-05", 3, 6, 1)
	c, err := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, measured, colour, gap string }{
		{"在校天数（第一学期）", "21 天", liaison.Green, ""},
		{"在校天数（第二学期）", "0 天", liaison.Red, "差 20 天"},
		{"全年听课节数", "36 节（含手填（旧记录）36 节）", liaison.Red, "差 84 节"},
		{"示范课（第一学期）", "1 节", liaison.Green, ""},
		{"全年培训学时", "0 学时", liaison.Grey, ""},
		{"最近一次教研/培训活动", "2025-11-03", liaison.Green, ""},
		{"最近一次下校任教", "无记录", liaison.Red, ""},
	}
	for _, w := range want {
		r := rowByName(t, c, w.name)
		if r.Measured != w.measured || r.Colour != w.colour || (w.gap != "" && r.Gap != w.gap) {
			t.Errorf("%s = %+v, want %s %s %s", w.name, r, w.measured, w.colour, w.gap)
		}
	}
	if c.Unmet() != 4 {
		t.Errorf("unmet = %d, want 4 (second-term days, lessons, second-term demo, stint)", c.Unmet())
	}
}

func TestCardKeepsLastYearsRule(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-09-01", "2025-09-30", 21, 30, 0)
	if err := f.Svc.Policy.SetValue(ctx, testutil.Root, "330302", "researcher.school_days_per_term", 25, 2026, "加严",
		ruleVersion(t, f, policy.RuleResearcherSchoolDaysPerTerm)); err != nil {
		t.Fatal(err)
	}
	old, err := f.Rep.Card(ctx, f.CountyA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if r := rowByName(t, old, "在校天数（第一学期）"); r.Colour != liaison.Green || r.Rule != "20 天" {
		t.Fatalf("2025 card changed with the 2026 rule: %+v", r)
	}
	cur, _ := f.Rep.Card(ctx, f.CountyA, f.ResA, 2026)
	if r := rowByName(t, cur, "在校天数（第一学期）"); r.Rule != "25 天" || r.Gap != "差 25 天" {
		t.Fatalf("2026 card does not apply the 2026 rule: %+v", r)
	}
}

func TestCardScope(t *testing.T) {
	f := newFixture(t)
	for _, a := range []app.Actor{f.CountyB, f.ResUserB} {
		if _, err := f.Rep.Card(ctx, a, f.ResA, 2025); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("%s opened county A's researcher card: %v", a.Username, err)
		}
	}
	if _, err := f.Rep.Card(ctx, f.CityAdmin, f.ResA, 2025); err != nil {
		t.Errorf("city admin: %v", err)
	}
	list, err := f.Svc.FindResearchers(ctx, f.CountyA, liaison.ResearcherFilter{})
	if err != nil || len(list) != 1 || list[0].ID != f.ResA || list[0].Region != "330302" {
		t.Fatalf("county A roster = %+v, %v", list, err)
	}
}

func ruleVersion(t *testing.T, f *fixture, key policy.RuleKey) int {
	rules, err := f.Svc.Policy.RulesInForce(ctx, testutil.Root, "330302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.Def.Key == key {
			return r.Version
		}
	}
	return 0
}

func TestCardInactivityCountsToToday(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	if _, err := f.Svc.SaveTraining(ctx, f.ResUserA, liaison.Training{ResearcherID: f.ResA, Kind: liaison.KindResearch,
		Program: "区域教研活动", Date: "2024-03-01"}); err != nil {
		t.Fatal(err)
	}
	c, err := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	// On 2025-12-15 the last activity is one year old: not yet the two years
	// that flag a researcher, though it will be by the end of the 学年.
	if r := rowByName(t, c, "最近一次教研/培训活动"); r.Measured != "2024-03-01" || r.Colour != liaison.Green {
		t.Fatalf("inactivity row = %+v", r)
	}
	old, _ := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2022)
	if r := rowByName(t, old, "最近一次教研/培训活动"); r.Measured != "无记录" {
		t.Fatalf("2022 card sees a later activity: %+v", r)
	}
}

// TestCardNoRecordIsNotAGapFromYearZero: a researcher who never taught a
// stint reads 无记录 against the 3-year rule, not "差 96 年"; a stint five
// years ago reads 超出 2 年.
func TestCardNoRecordIsNotAGapFromYearZero(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	c, err := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"最近一次下校任教", "最近一次教研/培训活动"} {
		r := rowByName(t, c, name)
		if r.Measured != "无记录" || r.Colour != liaison.Red || r.Gap != "无记录" {
			t.Errorf("%s without any record = %+v, want 无记录, red, gap 无记录", name, r)
		}
		for _, bad := range []string{"96", "97", "98", "99", "差"} {
			if strings.Contains(r.Gap+r.Text, bad) {
				t.Errorf("%s counts from year 0: gap %q, text %q", name, r.Gap, r.Text)
			}
		}
	}
	v := liaison.Visit{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeStint, StartDate: "2020-10-12", Days: 1}
	if _, err := f.Svc.SaveVisit(ctx, f.ResUserA, v, nil); err != nil {
		t.Fatal(err)
	}
	c, _ = f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if r := rowByName(t, c, "最近一次下校任教"); r.Measured != "2020-10-12" || r.Colour != liaison.Red || r.Gap != "超出 2 年" {
		t.Errorf("stint five years ago = %+v, want red, 超出 2 年", r)
	}
}

// TestCardHoursComeFromTheLedger: the card's 全年培训学时 sums the approved
// training hours of the credit ledger, whoever wrote them (the researcher's
// own record, a 网络研修 programme); pending items and 教研活动 do not count.
func TestCardHoursComeFromTheLedger(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	if _, err := f.Svc.SaveTraining(ctx, f.ResUserA, liaison.Training{ResearcherID: f.ResA, Kind: liaison.KindTraining,
		Program: "省级教研员高级研修", Hours: 24, Date: "2025-10-20"}); err != nil {
		t.Fatal(err)
	}
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		for _, e := range []credit.Entry{
			{Category: credit.CategoryOnline, Hours: 16, State: credit.StateApproved},
			{Category: credit.CategoryExternal, Hours: 30, State: credit.StatePending},
			{Category: credit.CategoryActivity, Hours: 8, State: credit.StateApproved},
		} {
			e.PersonID, e.SchoolYear, e.Half, e.Date, e.Title, e.Source = f.ResA, 2025, 1, "2025-11-02", "项目", "program"
			if _, err := credit.Add(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil {
		t.Fatal(err)
	}
	// Seed 001 sets no training hours: the row says so, with no judgement.
	if r := rowByName(t, c, "全年培训学时"); r.Measured != "40 学时" || r.Colour != liaison.Grey ||
		!strings.HasPrefix(r.Rule, "本区域未设定规则：") || r.Gap != "" {
		t.Errorf("training row without a rule = %+v, want 40 学时, grey, 本区域未设定规则：…", r)
	}
	if err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, "330300", "wenzhou_2024_26", 2025); err != nil {
		t.Fatal(err)
	}
	c, _ = f.Rep.Card(ctx, f.ResUserA, f.ResA, 2025)
	if r := rowByName(t, c, "全年培训学时"); r.Measured != "40 学时" || r.Colour != liaison.Red || r.Gap != "差 32 学时" {
		t.Errorf("training row = %+v, want 40 学时 (24 + 16), red, 差 32 学时", r)
	}
	if r := rowByName(t, c, "最近一次教研/培训活动"); r.Measured != "2025-11-02" {
		t.Errorf("last activity = %q, want the ledger's 2025-11-02", r.Measured)
	}
}
