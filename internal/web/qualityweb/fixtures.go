package qualityweb

import (
	"context"
	"net/url"
	"testing"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
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
func ServiceOf(w *testutil.World) *quality.Service { return &quality.Service{DB: w.DB, Org: w.Org} }

// AnalysedExam makes an exam of county (a bureau org) for school, with a
// paper, scores and a stored report, as admin; it returns the exam id.
func AnalysedExam(t testing.TB, w *testutil.World, admin string, bureau, school int64, county, schoolName, name string) int64 {
	t.Helper()
	ctx := context.Background()
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

// scopeObjects is one county-B exam with a stored report.
func scopeObjects() []web.ScopeObject {
	return []web.ScopeObject{{Kind: "exam", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
		id := AnalysedExam(t, w, "county_b", w.BureauB, w.SchoolB, "龙湾区", "龙湾区永中小学", "龙湾区期末质量检测")
		return map[string]string{"id": web.Itoa64(id)}, []string{"龙湾区期末质量检测", "龙湾区永中小学"}
	}}}
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	return map[string]func(t testing.TB, w *testutil.World) web.Change{
		"POST /exams": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/exams", Form: url.Values{"name": {"鹿城区六年级期末检测"}, "year": {"2025"},
				"half": {"1"}, "kind": {quality.KindQuality}, "school_ids": {web.Itoa64(w.SchoolA)}}}
		},
	}
}
