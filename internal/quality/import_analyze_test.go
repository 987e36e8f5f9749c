package quality_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
)

// A paper with a keyed objective item (answered by letter), two same-name
// schools of one county and a totals subject.
const keyedPaper = "科目,题号,满分,题型,答案,选项\n数学,1,2,客观,B,ABCD\n数学,2,3,主观,,\n数学,3,5,主观,,\n语文,全卷,150,,,\n"

// keyedScores is a file in no particular order: subjects interleaved,
// students out of id order, one county named differently from its region
// (the 学校代码 decides the school), letters and blanks.
const keyedScores = "考号,县区,学校,学校代码,班级,科目,缺考,第1题,第2题,第3题,成绩\n" +
	"S9,龙湾区,龙湾区永中小学,2330000002,1班,数学,,B,3,5,\n" +
	"S2,鹿城区,鹿城区实验小学,2330000001,1班,语文,,,,,120\n" +
	"S3,鹿城,鹿城区实验小学,2330000009,2班,数学,,C,1,,\n" +
	"S1,鹿城区,鹿城区实验小学,2330000001,1班,数学,,2,2.5,4\n" +
	"S9,龙湾区,龙湾区永中小学,2330000002,1班,语文,,,,,99.5\n" +
	"S2,鹿城区,鹿城区实验小学,2330000001,1班,数学,,,0,3\n" +
	"S4,鹿城区,鹿城区实验小学,2330000009,1班,数学,1,,,,\n" +
	"S1,鹿城区,鹿城区实验小学,2330000001,1班,语文,,,,,\n" +
	"S3,鹿城,鹿城区实验小学,2330000009,2班,语文,,,,,88\n" +
	"S5,龙湾区,龙湾区永中小学,2330000002,2班,数学,,A,3,1.5,\n"

// ImportAndAnalyze stores, in one call, the report that Analyze gives over
// the stored scores of the same file, record for record, and makes it the
// exam's current report.
func TestImportAndAnalyzeStoresTheReportAnalyzeGives(t *testing.T) {
	f, id := keyedExam(t)
	var p progressLog
	res, err := f.Svc.ImportAndAnalyze(ctx, f.CityAdmin, id, "成绩.csv", []byte(keyedScores), &p)
	if err != nil {
		t.Fatal(err)
	}
	if res.ReportID == 0 || res.Reread || len(res.Subjects) != 2 || res.Subjects[0].Students != 5 || res.Subjects[0].Absent != 1 {
		t.Fatalf("outcome %+v", res)
	}
	for i := 1; i < len(p.done); i++ {
		if p.done[i] < p.done[i-1] {
			t.Fatalf("progress goes back from %d%% (%s) to %d%% (%s)", p.done[i-1], p.msgs[i-1], p.done[i], p.msgs[i])
		}
	}
	if len(p.done) == 0 || p.done[len(p.done)-1] != 100 || !p.has("正在写入数学成绩") {
		t.Errorf("progress %v %q: want the write named and an end at 100", p.done, p.msgs)
	}
	if _, rp, err := f.Svc.FindReport(ctx, f.CityAdmin, id); err != nil || rp.ID != res.ReportID {
		t.Fatalf("current report %d (%v), want %d", rp.ID, err, res.ReportID)
	}
	combined := reportRecords(t, f, res.ReportID)
	again, err := f.Svc.Analyze(ctx, f.CityAdmin, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	stored := reportRecords(t, f, again)
	if len(stored) < 20 {
		t.Fatalf("only %d records stored", len(stored))
	}
	if d := firstDiff(combined, stored); d != "" {
		t.Errorf("the combined import's report differs from Analyze's over the stored scores: %s", d)
	}
}

// A file lacking one of the exam's subjects is imported and the whole exam
// analysed from the stored scores, the kept subject included.
func TestImportAndAnalyzeOfSomeSubjectsAnalysesTheWholeExam(t *testing.T) {
	f, id := keyedExam(t)
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, id, "成绩.csv", []byte(keyedScores), nil); err != nil {
		t.Fatal(err)
	}
	var maths []string
	for _, l := range strings.SplitAfter(keyedScores, "\n") {
		if !strings.Contains(l, ",语文,") {
			maths = append(maths, strings.Replace(l, ",3,5,", ",2,5,", 1))
		}
	}
	res, err := f.Svc.ImportAndAnalyze(ctx, f.CityAdmin, id, "数学.csv", []byte(strings.Join(maths, "")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reread || res.ReportID == 0 || strings.Join(res.Missing, "") != "语文" || len(res.Subjects) != 1 {
		t.Fatalf("outcome %+v, want 数学 replaced, 语文 kept and a report over both", res)
	}
	combined := reportRecords(t, f, res.ReportID)
	if !slices.ContainsFunc(combined, func(s string) bool { return strings.HasPrefix(s, "group region 语文") }) {
		t.Errorf("the report lacks the kept subject 语文")
	}
	again, err := f.Svc.Analyze(ctx, f.CityAdmin, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := firstDiff(combined, reportRecords(t, f, again)); d != "" {
		t.Errorf("report differs from Analyze's: %s", d)
	}
}

// A file with a bad cell writes nothing and stores no report.
func TestImportAndAnalyzeOfABadFileStoresNothing(t *testing.T) {
	f, id := keyedExam(t)
	bad := strings.Replace(keyedScores, ",99.5\n", ",151\n", 1)
	if _, err := f.Svc.ImportAndAnalyze(ctx, f.CityAdmin, id, "成绩.csv", []byte(bad), nil); err == nil {
		t.Fatal("a 151 in a 150-point subject was accepted")
	}
	if imps, err := f.Svc.FindImports(ctx, f.CityAdmin, id); err != nil || len(imps) != 0 {
		t.Errorf("imports %v (%v) after a refused file, want none", imps, err)
	}
	if _, rp, err := f.Svc.FindReport(ctx, f.CityAdmin, id); err == nil && rp.ID != 0 {
		t.Errorf("a report %d was stored for a refused file", rp.ID)
	}
}

// keyedExam is an exam of the fixture's schools and a same-name twin, with
// the keyed paper.
func keyedExam(t *testing.T) (*fixture, int64) {
	f := newFixture(t)
	twin := f.MustSchool(t, "鹿城区实验小学", "330302", 9)
	id, err := f.Svc.CreateExam(ctx, f.CityAdmin, quality.Exam{OrgID: f.CityAdmin.OrgID, Name: "导入并分析检测",
		Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCity, Kind: quality.KindQuality,
		SchoolIDs: []int64{f.SchoolA, twin, f.SchoolB}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, id, "题目表.csv", []byte(keyedPaper)); err != nil {
		t.Fatal(err)
	}
	return f, id
}

// reportRecords reads every stored record of report id, and its head, as
// lines: what the pages show of it.
func reportRecords(t *testing.T, f *fixture, id int64) []string {
	var out []string
	queries := []string{
		"SELECT 'head', students, subjects, missing, meta, notes FROM quality_reports WHERE id = ?",
		"SELECT 'group', level, subject, scope_path, COALESCE(school_id, 0), figures FROM quality_report_groups WHERE report_id = ? ORDER BY seq",
		"SELECT 'student', student_id, school_id, scope_path, '', figures FROM quality_report_students WHERE report_id = ? ORDER BY student_id",
		"SELECT 'record', section, seq, subject, COALESCE(school_id, 0), figures FROM quality_report_records WHERE report_id = ? ORDER BY section, seq",
	}
	err := f.DB.Read(ctx, func(tx *db.Tx) error {
		for _, q := range queries {
			r, err := tx.Query(ctx, q, id)
			if err != nil {
				return err
			}
			for r.Next() {
				var c [6]string
				if err := r.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5]); err != nil {
					r.Close()
					return err
				}
				out = append(out, strings.Join(c[:], " "))
			}
			r.Close()
			if err := r.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// firstDiff names the first line where a and b differ, "" when equal.
func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("line %d:\n %s\n %s", i, a[i], b[i])
		}
	}
	if len(a) != len(b) {
		return fmt.Sprintf("%d lines against %d", len(a), len(b))
	}
	return ""
}

// A subject whose name holds a quote is stored and analysed under that
// name: the import writes the name into its SQL as a quoted literal.
func TestSubjectNameWithAQuoteImports(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, f.ExamID, "题目表.csv", []byte("科目,题号,满分\nO'Level,1,10\n")); err != nil {
		t.Fatal(err)
	}
	file := "考号,县区,学校,班级,科目,第1题\nS1,鹿城区,鹿城区实验小学,1班,O'Level,7\nS2,鹿城区,鹿城区实验小学,1班,O'Level,3\n"
	if _, err := f.Svc.ImportAndAnalyze(ctx, f.CityAdmin, f.ExamID, "成绩.csv", []byte(file), nil); err != nil {
		t.Fatal(err)
	}
	if got := f.schoolScores(t, "O'Level"); got != "S1:7 S2:3" {
		t.Errorf("stored O'Level scores %q, want S1:7 S2:3", got)
	}
	gs, err := f.Svc.FindGroups(ctx, f.CityAdmin, f.ExamID, quality.GroupRegion, "O'Level")
	if err != nil || len(gs) != 1 || gs[0].Mean == nil || *gs[0].Mean != 5 {
		t.Fatalf("region O'Level: %v %v, want a mean of 5", gs, err)
	}
}
