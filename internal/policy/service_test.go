package policy

import (
	"context"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// fixture is the two-county test city with a policy service whose clock
// the test moves.
type fixture struct {
	*testutil.World
	svc *Service
	now time.Time
}

const (
	city    = "330300"
	countyA = "330302"
	countyB = "330303"
	lessons = "researcher.lessons_observed_per_year"
	hours   = "researcher.training_hours_per_year"
)

var ctx = context.Background()

func newFixture(t *testing.T) *fixture {
	f := &fixture{World: testutil.NewWorld(t)}
	f.svc = &Service{DB: f.DB, Now: func() time.Time { return f.now }}
	f.at("2026-03-01") // 2025学年第二学期
	return f
}

func (f *fixture) at(day string) {
	f.now, _ = time.ParseInLocation("2006-01-02", day, chinaTime)
}

func (f *fixture) mustApply(t *testing.T, a app.Actor, region, preset string, year int) {
	t.Helper()
	if err := f.svc.ApplyPreset(ctx, a, region, preset, year); err != nil {
		t.Fatalf("apply %s to %s: %v", preset, region, err)
	}
}

func (f *fixture) check(t *testing.T, region string, key RuleKey, year int, measured float64) Result {
	t.Helper()
	r, err := f.svc.Check(ctx, region, key, year, measured)
	if err != nil {
		t.Fatalf("check %s %s %d: %v", region, key, year, err)
	}
	return r
}

// count runs a COUNT(*) query.
func (f *fixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	err := f.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(ctx, q, args...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) auditRows(t *testing.T) int {
	return f.count(t, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'policy.%'")
}

func (f *fixture) versionOf(t *testing.T, a app.Actor, region string, key RuleKey, year int) int {
	t.Helper()
	rs, err := f.svc.RulesInForce(ctx, a, region, year)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Def.Key == key {
			return r.Version
		}
	}
	return 0
}

func TestLastYearsComplianceDoesNotChangeWhenThisYearsRuleDoes(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "district_training_school", 2025)
	last := f.check(t, countyA, lessons, 2025, 100)
	if last.Met || last.Gap != 20 || last.Text != "每学年听课 100 节，要求不少于 120 节，差 20 节" {
		t.Fatalf("2025 before the change: %+v", last)
	}

	f.at("2026-09-10") // 2026学年: the city lowers the quota for this year on
	v := f.versionOf(t, f.CityAdmin, city, lessons, 2026)
	if err := f.svc.SetValue(ctx, f.CityAdmin, city, lessons, 90, 2026, "新学年调整", v); err != nil {
		t.Fatal(err)
	}

	if again := f.check(t, countyA, lessons, 2025, 100); !sameResult(again, last) {
		t.Errorf("2025 compliance changed with the 2026 rule:\n before %+v\n after  %+v", last, again)
	}
	if now := f.check(t, countyA, lessons, 2026, 100); !now.Met || now.Target != 90 {
		t.Errorf("2026 should use the new quota 90: %+v", now)
	}
	err := f.svc.SetValue(ctx, f.CityAdmin, city, lessons, 60, 2025, "", v+1)
	if app.ErrorCode(err) != app.EINVALID {
		t.Errorf("changing a past year: %v, want EINVALID", err)
	}
	if again := f.check(t, countyA, lessons, 2025, 100); !sameResult(again, last) {
		t.Errorf("a refused edit changed 2025: %+v", again)
	}
}

func TestCountyInheritsCityUntilItSetsItsOwn(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "wenzhou_2024_26", 2025)
	if v, ok, err := f.svc.ValueFor(ctx, countyA, hours, 2025); err != nil || !ok || v != 72 {
		t.Fatalf("county A inherits 72: %v %v %v", v, ok, err)
	}
	rs, err := f.svc.RulesInForce(ctx, f.CountyA, countyA, 2025)
	if err != nil || len(rs) != 4 {
		t.Fatalf("county A sees the city's 4 rules: %d %v", len(rs), err)
	}
	if r := rs[0]; !r.Inherited || r.RegionCode != city || r.RegionName != "温州市" || r.Version != 0 ||
		!strings.Contains(r.Source, "温教研〔2024〕26号") || r.Clause == "" || r.FromYear != 2025 {
		t.Errorf("inherited rule: %+v", r)
	}
	if err := f.svc.SetValue(ctx, f.CountyA, countyA, hours, 80, 2025, "区里要求更高", 0); err != nil {
		t.Fatal(err)
	}
	for region, want := range map[string]float64{countyA: 80, city: 72, countyB: 72} {
		if v, _, _ := f.svc.ValueFor(ctx, region, hours, 2025); v != want {
			t.Errorf("%s: %v, want %v", region, v, want)
		}
	}
	if _, ok, _ := f.svc.ValueFor(ctx, countyA, lessons, 2025); ok {
		t.Error("a rule nobody set is in force")
	}
	if r := f.check(t, countyA, lessons, 2025, 3); !r.Met || r.InForce {
		t.Errorf("check of an unset rule: %+v", r)
	}
}

func TestNeighbourCannotChangeRules(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CountyA, countyA, "district_training_school", 2025)
	before := f.count(t, "SELECT COUNT(*) FROM policy_values")
	audits := f.auditRows(t)
	for name, try := range map[string]func() error{
		"set":    func() error { return f.svc.SetValue(ctx, f.CountyB, countyA, lessons, 1, 2025, "", 1) },
		"preset": func() error { return f.svc.ApplyPreset(ctx, f.CountyB, countyA, "wenzhou_2024_26", 2025) },
		"city":   func() error { return f.svc.SetValue(ctx, f.CountyB, city, lessons, 1, 2025, "", 0) },
	} {
		if code := app.ErrorCode(try()); code != app.ENOTFOUND {
			t.Errorf("county B %s on another region: %s, want ENOTFOUND", name, code)
		}
	}
	if code := app.ErrorCode(f.svc.SetValue(ctx, f.TeacherUserA, countyA, lessons, 1, 2025, "", 1)); code != app.EFORBIDDEN {
		t.Errorf("teacher edit: %s, want EFORBIDDEN", code)
	}
	if n := f.count(t, "SELECT COUNT(*) FROM policy_values"); n != before || f.auditRows(t) != audits {
		t.Errorf("refused edits wrote: %d rows (was %d), audit %d (was %d)", n, before, f.auditRows(t), audits)
	}
	if v, _, _ := f.svc.ValueFor(ctx, countyA, lessons, 2025); v != 120 {
		t.Errorf("county A's value changed to %v", v)
	}
	if _, err := f.svc.RulesInForce(ctx, f.TeacherUserA, countyA, 2025); err != nil {
		t.Errorf("a teacher may read the rules: %v", err)
	}
	if _, err := f.svc.RulesInForce(ctx, app.Actor{}, countyA, 2025); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("anonymous read: %v", err)
	}
}

func TestOneAuditRowPerChange(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "ouhai_2024_school_training", 2025)
	if n := f.auditRows(t); n != 1 {
		t.Fatalf("apply preset: %d audit rows, want 1", n)
	}
	key := RuleAwardYearlyGroups
	if err := f.svc.SetValue(ctx, f.CityAdmin, city, key, 25, 2025, "名额调整", 1); err != nil {
		t.Fatal(err)
	}
	if n := f.auditRows(t); n != 2 {
		t.Fatalf("set value: %d audit rows, want 2", n)
	}
	n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'policy.update' AND object_id = ?
		AND summary LIKE ? AND after_json LIKE ?`, city+"/"+string(key), "%30 个 → 25 个%", "%\"版本\":\"2\"%")
	if n != 1 {
		t.Error("the audit row does not say what changed")
	}
}

func TestStaleVersionIsRefused(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "linyi_2023_liaison", 2025)
	key := RuleLiaisonMaxSchoolsPerResearcher
	v := f.versionOf(t, f.CityAdmin, city, key, 2025)
	if err := f.svc.SetValue(ctx, f.CityAdmin, city, key, 3, 2025, "", v); err != nil {
		t.Fatal(err)
	}
	err := f.svc.SetValue(ctx, f.CityAdmin, city, key, 5, 2025, "", v)
	if app.ErrorCode(err) != app.ECONFLICT || !strings.Contains(app.ErrorMessage(err), "city_admin") {
		t.Fatalf("stale save: %v, want ECONFLICT naming the other editor", err)
	}
	if got, _, _ := f.svc.ValueFor(ctx, city, key, 2025); got != 3 {
		t.Errorf("stale save overwrote: %v", got)
	}
}

func TestNewPresetWithdrawsRulesItLacksFromItsYearOnly(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CountyA, countyA, "district_training_school", 2025)
	f.at("2026-09-01")
	f.mustApply(t, f.CountyA, countyA, "qingyuan_2020_153", 2026)
	if _, ok, _ := f.svc.ValueFor(ctx, countyA, lessons, 2026); ok {
		t.Error("a rule the new preset lacks is still in force in 2026")
	}
	if v, _, _ := f.svc.ValueFor(ctx, countyA, lessons, 2025); v != 120 {
		t.Errorf("2025 lost its rule: %v", v)
	}
	if v, _, _ := f.svc.ValueFor(ctx, countyA, hours, 2026); v != 90 {
		t.Errorf("new preset value: %v", v)
	}
	if err := f.svc.ApplyPreset(ctx, f.CountyA, countyA, "wenzhou_2024_26", 2025); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("re-applying to a past year: %v, want EINVALID", err)
	}
}

func sameResult(a, b Result) bool {
	return a.Rule.Key == b.Rule.Key && a.InForce == b.InForce && a.Target == b.Target && a.Measured == b.Measured &&
		a.Met == b.Met && a.Gap == b.Gap && a.Text == b.Text
}

func TestRuleSetAndHistoryShowWhereValuesCameFrom(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "wenzhou_2024_26", 2025)
	f.at("2026-09-01")
	if err := f.svc.SetValue(ctx, f.CityAdmin, city, hours, 80, 2026, "市里新文件", 1); err != nil {
		t.Fatal(err)
	}
	set, err := f.svc.FindRuleSet(ctx, f.CountyA, city)
	if err != nil || set.Preset != "wenzhou_2024_26" || set.FromYear != 2025 || set.PresetName == "" {
		t.Fatalf("rule set: %+v %v", set, err)
	}
	hist, err := f.svc.RuleHistory(ctx, f.CountyA, city, hours)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history: %+v %v", hist, err)
	}
	if h := hist[0]; h.FromYear != 2025 || h.ValueText != "72 学时" || h.Clause != "二、(二) 6." || h.Version != 1 {
		t.Errorf("first entry: %+v", h)
	}
	if h := hist[1]; h.FromYear != 2026 || h.Value != 80 || h.Source != "" || h.Note != "市里新文件" || h.Version != 2 {
		t.Errorf("second entry: %+v", h)
	}
	if set, _ := f.svc.FindRuleSet(ctx, f.CountyA, countyA); set.Preset != "" {
		t.Errorf("county without rules: %+v", set)
	}
}

// TestUnsetRuleIsShownNotInvented: a rule no region set reads
// 本区域未设定规则：… in a check, and Required refuses with that message
// instead of a number; once the city sets it, the county gets the value.
func TestUnsetRuleIsShownNotInvented(t *testing.T) {
	f := newFixture(t)
	r := f.check(t, countyA, lessons, 2025, 3)
	if r.InForce || r.Text != "本区域未设定规则：每学年听课" {
		t.Errorf("unset rule check text %q (in force %v)", r.Text, r.InForce)
	}
	_, err := f.svc.Required(ctx, countyA, RuleLiaisonMaxSchoolsPerResearcher, 2025)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "本区域未设定规则：每位教研员定点联系学校") {
		t.Fatalf("Required of an unset rule: %v", err)
	}
	f.mustApply(t, f.CityAdmin, city, "linyi_2023_liaison", 2025)
	if v, err := f.svc.Required(ctx, countyA, RuleLiaisonMaxSchoolsPerResearcher, 2025); err != nil || v != 4 {
		t.Errorf("Required after the city set it: %v, %v", v, err)
	}
}

// TestServiceErrorsSayWhatFailed: a database fault comes back with what the
// service was doing (for the log), and an app.Error keeps its code.
func TestServiceErrorsSayWhatFailed(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.FindRuleSet(ctx, f.CityAdmin, "999999"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("unknown region: %v, want ENOTFOUND through the context", err)
	}
	if err := f.DB.Exec(ctx, "ALTER TABLE policy_values RENAME TO policy_values_gone"); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.RulesInForce(ctx, f.CityAdmin, city, 2025)
	if err == nil || !strings.Contains(err.Error(), "policy: rules in force of "+city+" in 2025") {
		t.Errorf("database fault reads %v, want the operation named", err)
	}
	if _, _, err := f.svc.ValueFor(ctx, city, RuleStationCoverageYears, 2025); err == nil || !strings.Contains(err.Error(), "station.coverage_years") {
		t.Errorf("ValueFor fault reads %v, want the rule named", err)
	}
}
