package quality_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/testutil"
)

// withWarnRules sets the city's warning thresholds from 2024学年.
func withWarnRules(t *testing.T, f *fixture, itemD float64) {
	p := &policy.Service{DB: f.DB, Now: func() time.Time { return time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC) }}
	f.Svc.Policy = p
	for k, v := range map[policy.RuleKey]float64{policy.RuleQualityBelowCountySD: 0.5, policy.RuleQualityDropFromPrevious: 2,
		policy.RuleQualityClassLowRate: 30, policy.RuleQualityItemDiscrimination: itemD, policy.RuleQualityWeakSubjectT: 50,
		policy.RuleQualityPassLine: 60, policy.RuleQualityGoodLine: 75, policy.RuleQualityExcellentLine: 85, policy.RuleQualityLowLine: 40} {
		if err := p.SetValue(ctx, testutil.Root, "330300", k, v, 2024, "", 0); err != nil {
			t.Fatal(err)
		}
	}
}

func warningsOf(t *testing.T, f *fixture, who string) map[string]quality.Warning {
	var actor = f.CityAdmin
	switch who {
	case "school_a":
		actor = f.SchoolAdminA
	case "county_b":
		actor = f.CountyB
	}
	list, _, err := f.Svc.FindWarnings(ctx, actor, quality.WarningFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]quality.Warning{}
	for _, w := range list {
		out[strings.TrimSpace(w.Kind+" "+w.School+w.County+" "+w.Class+" "+w.Subject+" "+w.Item)] = w
	}
	return out
}

// Hand-derived from the fixture (see quality_test.go): 鹿城区第二小学 数学
// 4.5 against 鹿城区's 6.625 (SD 2.0425) is 1.04 SD below, 语文 75 against
// 105 (SD 23.7) 1.26 below, and so its total too; 永中小学 1班 has
// low rates of 100% (数学) and 50% (语文); 龙湾区's weakest subject is 数学;
// item 3's discrimination 0.833 is under the test's line of 0.9.
func TestAnalysisRaisesTheRuleWarningsAsTodos(t *testing.T) {
	f := newFixture(t)
	withWarnRules(t, f, 0.9)
	f.importAndAnalyze(t)
	got := warningsOf(t, f, "city")
	for _, k := range []string{"below_county 鹿城区第二小学鹿城区  数学", "below_county 鹿城区第二小学鹿城区  语文",
		"below_county 鹿城区第二小学鹿城区  总分", "class_low 龙湾区永中小学龙湾区 1班 数学", "class_low 龙湾区永中小学龙湾区 1班 语文",
		"weak_subject 龙湾区  数学", "item   数学 3"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing warning %q; got %v", k, keys(got))
		}
	}
	if w := got["below_county 鹿城区第二小学鹿城区  数学"]; w.Measured < 1.04 || w.Measured > 1.041 {
		t.Errorf("below-county measure %v, want 1.040", w.Measured)
	}
	if len(got) != 7 {
		t.Errorf("%d warnings, want 7: %v", len(got), keys(got))
	}
	for k := range warningsOf(t, f, "school_a") {
		t.Errorf("school A sees a warning not about it: %s", k)
	}
	for k := range warningsOf(t, f, "county_b") {
		if !strings.Contains(k, "龙湾区") {
			t.Errorf("county B sees %s", k)
		}
	}
}

// The second exam a year later: 实验小学's 数学 标准分 falls from 56.3 to
// 53.7, more than the line of 2, and its leader gets a 待办 (its 1班 also
// has a 数学 low rate of 50% now, S1 at 2 points).
// twoExams analyses the fixture's exam as 2024学年 and a second one in
// 2025学年 where S1 scores 2 in 数学 instead of 10; f.ExamID is the second.
func twoExams(t *testing.T) (*fixture, int64) {
	f := newFixture(t)
	withWarnRules(t, f, 0)
	f.importAndAnalyze(t)
	first := f.ExamID
	id, err := f.Svc.CreateExam(ctx, f.CityAdmin, quality.Exam{OrgID: f.CityAdmin.OrgID, Name: "2025学年期末质量检测",
		Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCity, Kind: quality.KindQuality,
		SchoolIDs: []int64{f.SchoolA, f.SchoolC, f.SchoolB}})
	if err != nil {
		t.Fatal(err)
	}
	// exam 1 becomes the earlier term
	if err := f.DB.Exec(ctx, "UPDATE quality_exams SET school_year = 2024 WHERE id = ?", f.ExamID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, id, "题目表.csv", []byte(paperCSV)); err != nil {
		t.Fatal(err)
	}
	scores := strings.Replace(scoresCSV, "S1,鹿城区,鹿城区实验小学,1班,数学,,2,2,6", "S1,鹿城区,鹿城区实验小学,1班,数学,,2,0,0", 1)
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, id, "s.csv", []byte(scores), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.Analyze(ctx, f.CityAdmin, id, nil); err != nil {
		t.Fatal(err)
	}
	f.ExamID = id
	return f, first
}

func TestDropFromThePreviousExam(t *testing.T) {
	f, _ := twoExams(t)
	got := warningsOf(t, f, "school_a")
	w, ok := got["drop 鹿城区实验小学鹿城区  数学"]
	if _, low := got["class_low 鹿城区实验小学鹿城区 1班 数学"]; !ok || !low || len(got) != 2 {
		t.Fatalf("school A's warnings %v, want the 数学 drop and 1班's low rate", keys(got))
	}
	if w.Measured < 2.6 || w.Measured > 2.7 {
		t.Errorf("drop %v, want about 2.65", w.Measured)
	}
	n, err := db.ReadValue(ctx, f.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, `SELECT COUNT(*) FROM todos t JOIN users u ON u.id = t.user_id WHERE u.username = 'school_a'
			AND t.done_at = 0 AND t.todo_key = ?`, "quality.warning:"+itoa(w.ID))
	})
	if err != nil || n != 1 {
		t.Errorf("school A's leader has %d 待办 for the warning (%v), want 1", n, err)
	}
}

func keys(m map[string]quality.Warning) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The county opens a loop for 鹿城区第二小学's 数学 warning of the first
// exam; the 整改跟踪 shows the second exam's 数学 for the same school.
func TestRectificationOfAWarningShowsTheNextExam(t *testing.T) {
	f, first := twoExams(t)
	list, _, err := f.Svc.FindWarnings(ctx, f.CountyA, quality.WarningFilter{ExamID: first, Kind: quality.WarnBelowCounty, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var w quality.Warning
	for _, x := range list {
		if x.School == "鹿城区第二小学" && x.Subject == "数学" {
			w = x
		}
	}
	if w.ID == 0 {
		t.Fatalf("no 数学 warning for 第二小学 in %v", list)
	}
	id, err := f.Svc.OpenRectification(ctx, f.CountyA, w.ID, "2026-06-30")
	if err != nil || id == 0 {
		t.Fatalf("open: %v", err)
	}
	if again, err := f.Svc.OpenRectification(ctx, f.CountyA, w.ID, "2026-06-30"); err != nil || again != id {
		t.Errorf("opening twice gave %d (%v), want the same loop %d", again, err, id)
	}
	if _, err := f.Svc.OpenRectification(ctx, f.CountyB, w.ID, "2026-06-30"); !isCode(err, app.ENOTFOUND) {
		t.Errorf("county B opens county A's warning: %v", err)
	}
	fu, err := f.Svc.FindFollowUp(ctx, f.CountyA, w.ID)
	// 第二小学 数学 in the second exam: S4 alone, 4.5 points
	if err != nil || !fu.Found || fu.ExamName != "2025学年期末质量检测" || !strings.Contains(fu.Text, "数学平均分 4.50") {
		t.Errorf("follow-up %+v %v", fu, err)
	}
}
