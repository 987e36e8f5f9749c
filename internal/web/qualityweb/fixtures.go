package qualityweb

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// ExamPaper and ExamScores are a small exam's 题目表 and scores for one
// school of each county of the test world, for the module's tests.
const ExamPaper = "科目,题号,满分,题型,知识点\n数学,1,2,客观,代数\n数学,2,2,客观,几何\n数学,3,6,主观,代数；几何\n数学,4,4,主观,统计\n语文,1,150,,\n"

// ExamScores builds the scores of school in county (names as the world has
// them) for students id prefix p.
func ExamScores(county, school, p string) string {
	out := "考号,县区,学校,班级,科目,缺考,第1题,第2题,第3题,第4题\n"
	rows := [][2]string{{"2,2,6,4", "130"}, {"2,0,4,2", "118.5"}, {"0,2,4,1", "96"}, {"2,,2.5,3", "101"}, {"0,0,1,0", "62"}, {"2,2,5,4", "140"}}
	for i, r := range rows {
		class := "1班"
		if i%2 == 1 {
			class = "2班"
		}
		id := p + string(rune('1'+i))
		out += id + "," + county + "," + school + "," + class + ",数学,," + r[0] + "\n"
		out += id + "," + county + "," + school + "," + class + ",语文,," + r[1] + ",,,\n"
	}
	return out
}

// ServiceOf is a quality service over the world.
func ServiceOf(w *testutil.World) *quality.Service {
	return &quality.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}}
}

// WarnRules sets region's warning thresholds from 2025学年 (once) so that the
// AnalysedExam data raises warnings: 1班's 数学 low rate (1 of 3) is over 10%.
func WarnRules(t testing.TB, w *testutil.World, region string) {
	t.Helper()
	p := &policy.Service{DB: w.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	for k, v := range map[policy.RuleKey]float64{policy.RuleQualityBelowCountySD: 0.5, policy.RuleQualityDropFromPrevious: 3,
		policy.RuleQualityClassLowRate: 10, policy.RuleQualityItemDiscrimination: 0.2, policy.RuleQualityWeakSubjectT: 50} {
		if _, set, err := p.ValueFor(context.Background(), region, k, 2025); err != nil || set {
			continue // already set by an earlier call
		}
		if err := p.SetValue(context.Background(), testutil.Root, region, k, v, 2025, "", 0); err != nil {
			t.Fatal(err)
		}
	}
}

// AnalysisRules sets the city's (330300) score lines from 2025学年 (once):
// 及格 60%, 良好 75%, 优秀 85%, 低分 below 40% of full marks.
func AnalysisRules(t testing.TB, w *testutil.World) {
	t.Helper()
	p := &policy.Service{DB: w.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	for k, v := range map[policy.RuleKey]float64{policy.RuleQualityPassLine: 60, policy.RuleQualityGoodLine: 75,
		policy.RuleQualityExcellentLine: 85, policy.RuleQualityLowLine: 40} {
		if _, set, err := p.ValueFor(context.Background(), "330300", k, 2025); err != nil || set {
			continue
		}
		if err := p.SetValue(context.Background(), testutil.Root, "330300", k, v, 2025, "", 0); err != nil {
			t.Fatal(err)
		}
	}
}

// SchoolWarning returns a school warning of exam, as admin.
func SchoolWarning(t testing.TB, w *testutil.World, admin string, exam int64) quality.Warning {
	t.Helper()
	list, _, err := ServiceOf(w).FindWarnings(context.Background(), w.ActorOf(t, admin), quality.WarningFilter{ExamID: exam, Kind: quality.WarnClassLow})
	if err != nil || len(list) == 0 {
		t.Fatalf("no school warning: %v", err)
	}
	return list[0]
}

// LoopAt opens a rectification of a school warning of a warned exam of the
// county of admin (bureau, school, names as in AnalysedExam) and runs it to
// state: interpret, investigate, plan, implement or review. It returns the
// loop id and version.
func LoopAt(t testing.TB, w *testutil.World, admin, region string, bureau, school int64, county, schoolName, state string) (int64, int) {
	t.Helper()
	ctx := context.Background()
	WarnRules(t, w, region)
	exam := AnalysedExam(t, w, admin, bureau, school, county, schoolName, county+"期末质量检测")
	a := w.ActorOf(t, admin)
	id, err := ServiceOf(w).OpenRectification(ctx, a, SchoolWarning(t, w, admin, exam).ID, "2099-06-30")
	if err != nil {
		t.Fatal(err)
	}
	rs := &rectify.Service{DB: w.DB}
	steps := []func(v int) error{
		func(v int) error { return rs.Interpret(ctx, a, id, v, "二次解读") },
		func(v int) error { return rs.Investigate(ctx, a, id, v, "问题调研") },
		func(v int) error {
			return rs.Plan(ctx, a, id, v, []rectify.Measure{{Content: "专项练习", Owner: "数学组", Due: "2099-05-01"}})
		},
		func(v int) error {
			l, err := rs.FindLoopByID(ctx, a, id)
			if err != nil {
				return err
			}
			if err := rs.Evidence(ctx, a, id, v, l.Measures[0].ID, "已完成"); err != nil {
				return err
			}
			return rs.Submit(ctx, a, id, v+1)
		},
	}
	order := map[string]int{rectify.StatusInterpret: 0, rectify.StatusInvestigate: 1, rectify.StatusPlan: 2, rectify.StatusImplement: 3, rectify.StatusReview: 4}
	v := 1
	for i := 0; i < order[state]; i++ {
		if err := steps[i](v); err != nil {
			t.Fatal(err)
		}
		v++
		if i == 3 {
			v++
		}
	}
	return id, v
}

// newExam makes a county A exam with a paper and no scores, as county_a.
func newExam(t testing.TB, w *testutil.World) int64 {
	t.Helper()
	svc := ServiceOf(w)
	a := w.ActorOf(t, "county_a")
	id, err := svc.CreateExam(context.Background(), a, quality.Exam{OrgID: w.BureauA, Name: "鹿城区六年级期末检测", Term: dict.Term{Year: 2025, Half: 1},
		Level: quality.LevelCounty, Kind: quality.KindQuality, SchoolIDs: []int64{w.SchoolA}})
	if err == nil {
		_, err = svc.ImportPaper(context.Background(), a, id, "题目表.csv", []byte(ExamPaper))
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// AnalysedExam makes an exam of county (a bureau org) for school, with a
// paper, scores and a stored report, as admin; it returns the exam id.
func AnalysedExam(t testing.TB, w *testutil.World, admin string, bureau, school int64, county, schoolName, name string) int64 {
	t.Helper()
	ctx := context.Background()
	AnalysisRules(t, w)
	a := w.ActorOf(t, admin)
	svc := ServiceOf(w)
	id, err := svc.CreateExam(ctx, a, quality.Exam{OrgID: bureau, Name: name, Term: dict.Term{Year: 2025, Half: 1},
		Level: quality.LevelCounty, Kind: quality.KindQuality, Grades: []string{"六年级"}, SchoolIDs: []int64{school}})
	if err == nil {
		_, err = svc.ImportPaper(ctx, a, id, "题目表.csv", []byte(ExamPaper))
	}
	if err == nil {
		_, err = svc.ImportScores(ctx, a, id, "成绩.csv", []byte(ExamScores(county, schoolName, "K")), nil)
	}
	if err == nil {
		_, err = svc.Analyze(ctx, a, id, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// scopeObjects are a county-B exam with a stored report, one of its school
// warnings, and that warning's rectification in review.
func scopeObjects() []web.ScopeObject {
	var loop int64
	var warning int64
	var once sync.Once
	makeAll := func(t testing.TB, w *testutil.World) {
		once.Do(func() {
			loop, _ = LoopAt(t, w, "county_b", "330303", w.BureauB, w.SchoolB, "龙湾区", "龙湾区永中小学", rectify.StatusReview)
			l, err := (&rectify.Service{DB: w.DB}).FindLoopByID(context.Background(), app.System("测试", rectify.PermView), loop)
			if err != nil {
				t.Fatal(err)
			}
			warning = l.OwnerID
		})
	}
	secrets := []string{"龙湾区期末质量检测", "龙湾区永中小学"}
	return []web.ScopeObject{
		{Kind: "exam", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id := AnalysedExam(t, w, "county_b", w.BureauB, w.SchoolB, "龙湾区", "龙湾区永中小学", "龙湾区期末质量检测")
			return map[string]string{"id": web.Itoa64(id)}, secrets
		}},
		{Kind: "warning", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			makeAll(t, w)
			return map[string]string{"id": web.Itoa64(warning)}, secrets
		}},
		{Kind: "rectification", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			makeAll(t, w)
			return map[string]string{"id": web.Itoa64(loop)}, secrets
		}},
	}
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	loopA := func(t testing.TB, w *testutil.World, state string) (string, url.Values) {
		id, v := LoopAt(t, w, "county_a", "330302", w.BureauA, w.SchoolA, "鹿城区", "鹿城区实验小学", state)
		return "/rectifications/" + web.Itoa64(id), url.Values{"version": {strconv.Itoa(v)}}
	}
	step := func(state, action, user string, form url.Values) func(t testing.TB, w *testutil.World) web.Change {
		return func(t testing.TB, w *testutil.World) web.Change {
			path, f := loopA(t, w, state)
			for k, v := range form {
				f[k] = v
			}
			if action == "evidence" {
				l, err := (&rectify.Service{DB: w.DB}).FindLoopByID(context.Background(), w.ActorOf(t, "county_a"), web.ParseID(strings.TrimPrefix(path, "/rectifications/")))
				if err != nil {
					t.Fatal(err)
				}
				f.Set("measure_id", web.Itoa64(l.Measures[0].ID))
			}
			return web.Change{User: user, Path: path + "/" + action, Form: f}
		}
	}
	return map[string]func(t testing.TB, w *testutil.World) web.Change{
		"POST /warnings/{id}/rectify": func(t testing.TB, w *testutil.World) web.Change {
			WarnRules(t, w, "330302")
			exam := AnalysedExam(t, w, "county_a", w.BureauA, w.SchoolA, "鹿城区", "鹿城区实验小学", "鹿城区期末质量检测")
			id := SchoolWarning(t, w, "county_a", exam).ID
			return web.Change{User: "county_a", Path: "/warnings/" + web.Itoa64(id) + "/rectify", Form: url.Values{"due": {"2099-06-30"}}}
		},
		"POST /quality/indicators": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/quality/indicators", Form: url.Values{"school_id": {web.Itoa64(w.SchoolA)},
				"year": {"2025"}, "indicator": {quality.IndPass}, "value": {"91.5"}}}
		},
		"POST /rectifications/{id}/interpret":   step(rectify.StatusInterpret, "interpret", "county_a", url.Values{"text": {"解读"}}),
		"POST /rectifications/{id}/investigate": step(rectify.StatusInvestigate, "investigate", "county_a", url.Values{"text": {"调研"}}),
		"POST /rectifications/{id}/plan": step(rectify.StatusPlan, "plan", "county_a", url.Values{"content_1": {"专项练习"},
			"owner_1": {"数学组"}, "due_1": {"2099-05-01"}}),
		"POST /rectifications/{id}/evidence": step(rectify.StatusImplement, "evidence", "county_a", url.Values{"text": {"已完成"}}),
		"POST /rectifications/{id}/submit": func(t testing.TB, w *testutil.World) web.Change {
			path, f := loopA(t, w, rectify.StatusImplement)
			id := web.ParseID(strings.TrimPrefix(path, "/rectifications/"))
			a := w.ActorOf(t, "county_a")
			rs := &rectify.Service{DB: w.DB}
			l, err := rs.FindLoopByID(context.Background(), a, id)
			if err == nil {
				err = rs.Evidence(context.Background(), a, id, l.Version, l.Measures[0].ID, "已完成")
			}
			if err != nil {
				t.Fatal(err)
			}
			f.Set("version", strconv.Itoa(l.Version+1))
			return web.Change{User: "county_a", Path: path + "/submit", Form: f}
		},
		"POST /rectifications/{id}/review": step(rectify.StatusReview, "review", "county_a", url.Values{"pass": {"1"}, "note": {"整改到位"}}),
		"POST /exams/{id}/papers": func(t testing.TB, w *testutil.World) web.Change {
			id := AnalysedExam(t, w, "county_a", w.BureauA, w.SchoolA, "鹿城区", "鹿城区实验小学", "鹿城区期末质量检测")
			return web.Change{User: "county_a", Path: "/exams/" + web.Itoa64(id) + "/papers", Form: url.Values{"new": {"1"},
				"subject": {"英语"}, "rows": {"1"}, "name0": {"全卷"}, "full0": {"120"}}}
		},
		"POST /exams/{id}/papers/remove": func(t testing.TB, w *testutil.World) web.Change {
			id := AnalysedExam(t, w, "county_a", w.BureauA, w.SchoolA, "鹿城区", "鹿城区实验小学", "鹿城区期末质量检测")
			return web.Change{User: "county_a", Path: "/exams/" + web.Itoa64(id) + "/papers/remove", Form: url.Values{"subject": {"语文"}}}
		},
		"POST /exams/{id}": func(t testing.TB, w *testutil.World) web.Change {
			id := newExam(t, w)
			return web.Change{User: "county_a", Path: "/exams/" + web.Itoa64(id), Form: url.Values{"version": {"1"}, "name": {"鹿城区六年级期末检测（改）"},
				"year": {"2025"}, "half": {"2"}, "kind": {quality.KindQuality}, "school_ids": {web.Itoa64(w.SchoolA)}}}
		},
		"POST /exams/{id}/delete": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/exams/" + web.Itoa64(newExam(t, w)) + "/delete", Form: url.Values{"version": {"1"}}}
		},
		"POST /exams": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/exams", Form: url.Values{"name": {"鹿城区六年级期末检测"}, "year": {"2025"},
				"half": {"1"}, "kind": {quality.KindQuality}, "school_ids": {web.Itoa64(w.SchoolA)}}}
		},
	}
}
