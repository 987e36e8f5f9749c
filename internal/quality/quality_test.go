package quality_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/quality/analysis"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

type fixture struct {
	*testutil.World
	Svc     *quality.Service
	SchoolC int64 // a second school in county A
	ExamID  int64
}

// The paper: 数学 three items (10 points), 语文 one 150-point score.
const paperCSV = "科目,题号,满分,题型,知识点\n数学,1,2,客观,代数\n数学,2,2,客观,几何\n数学,3,6,主观,代数；几何\n语文,1,150,,\n"

// Scores of six students in three schools of two counties.
const scoresCSV = "考号,县区,学校,班级,科目,缺考,第1题,第2题,第3题\n" +
	"S1,鹿城区,鹿城区实验小学,1班,数学,,2,2,6\n" +
	"S2,鹿城区,鹿城区实验小学,1班,数学,,2,0,4\n" +
	"S3,鹿城区,鹿城区实验小学,2班,数学,,0,2,4\n" +
	"S4,鹿城区,鹿城区第二小学,1班,数学,,2,,2.5\n" +
	"S5,龙湾区,龙湾区永中小学,1班,数学,,0,0,1\n" +
	"S6,龙湾区,龙湾区永中小学,1班,数学,1,,,\n" +
	"S1,鹿城区,鹿城区实验小学,1班,语文,,120,,\n" +
	"S2,鹿城区,鹿城区实验小学,1班,语文,,135,,\n" +
	"S3,鹿城区,鹿城区实验小学,2班,语文,,90,,\n" +
	"S4,鹿城区,鹿城区第二小学,1班,语文,,75,,\n" +
	"S5,龙湾区,龙湾区永中小学,1班,语文,,112.5,,\n" +
	"S6,龙湾区,龙湾区永中小学,1班,语文,,45,,\n"

func newFixture(t *testing.T) *fixture {
	w := testutil.NewWorld(t)
	f := &fixture{World: w}
	f.Svc = &quality.Service{DB: w.DB, Org: w.Org, Now: func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) }}
	f.SchoolC = w.MustSchool(t, "鹿城区第二小学", "330302", 3)
	id, err := f.Svc.CreateExam(ctx, w.CityAdmin, quality.Exam{OrgID: w.CityAdmin.OrgID, Name: "2025学年第一学期期末质量检测",
		Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCity, Kind: quality.KindQuality, Grades: []string{"六年级"},
		SchoolIDs: []int64{w.SchoolA, f.SchoolC, w.SchoolB}})
	if err != nil {
		t.Fatal(err)
	}
	f.ExamID = id
	if _, err := f.Svc.ImportPaper(ctx, w.CityAdmin, id, "题目表.csv", []byte(paperCSV)); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) importAndAnalyze(t *testing.T) int64 {
	t.Helper()
	out, err := f.Svc.ImportScores(ctx, f.CityAdmin, f.ExamID, "成绩.csv", []byte(scoresCSV), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Subjects) != 2 || out.Subjects[0].Students != 5 || out.Subjects[0].Absent != 1 || !out.Subjects[1].TotalsOnly {
		t.Fatalf("import outcome %+v", out)
	}
	id, err := f.Svc.Analyze(ctx, f.CityAdmin, f.ExamID, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// engineJSON runs the engine on the same files directly, as the command does.
func engineJSON(t *testing.T) map[string][]json.RawMessage {
	dir := t.TempDir()
	items, scores := filepath.Join(dir, "i.csv"), filepath.Join(dir, "s.csv")
	os.WriteFile(items, []byte(paperCSV), 0o644)
	os.WriteFile(scores, []byte(scoresCSV), 0o644)
	ex, err := analysis.ReadExam(items)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := analysis.ReadScores(scores, ex, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Analyze(ctx, ds, analysis.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc map[string][]json.RawMessage
	var raw map[string]json.RawMessage
	json.Unmarshal(buf.Bytes(), &raw)
	doc = map[string][]json.RawMessage{}
	for _, k := range []string{"groups", "items", "students"} {
		var recs []json.RawMessage
		json.Unmarshal(raw[k], &recs)
		doc[k] = recs
	}
	return doc
}

// The stored report's records equal, byte for byte, the engine's JSON for
// the same files: the round trip through the database loses nothing.
func TestStoredReportEqualsEngineJSON(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	want := engineJSON(t)
	var got []json.RawMessage
	for _, level := range []string{quality.GroupRegion, quality.GroupCounty, quality.GroupSchool, quality.GroupClass} {
		gs, err := f.Svc.FindGroups(ctx, f.CityAdmin, f.ExamID, level, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			got = append(got, g.Raw)
		}
	}
	if len(got) != len(want["groups"]) {
		t.Fatalf("%d stored groups, engine %d", len(got), len(want["groups"]))
	}
	for i := range got {
		if !bytes.Equal(got[i], want["groups"][i]) {
			t.Errorf("group %d:\n stored %s\n engine %s", i, got[i], want["groups"][i])
		}
	}
	items, err := f.Svc.FindItems(ctx, f.CityAdmin, f.ExamID, "数学")
	if err != nil || len(items) != 3 {
		t.Fatalf("items %v %v", len(items), err)
	}
	for i, it := range items {
		if !bytes.Equal(it.Raw, want["items"][i]) {
			t.Errorf("item %d: stored %s, engine %s", i, it.Raw, want["items"][i])
		}
	}
	if yw, _ := f.Svc.FindItems(ctx, f.CityAdmin, f.ExamID, "语文"); len(yw) != 0 {
		t.Errorf("语文 analysed from totals has %d item records", len(yw))
	}
}

func TestReimportOfASubjectIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	before := f.schoolScores(t, "语文")
	bad := "考号,县区,学校,班级,科目,成绩\nS1,鹿城区,鹿城区实验小学,1班,语文,100\nS2,鹿城区,鹿城区实验小学,1班,语文,151\n"
	_, err := f.Svc.ImportScores(ctx, f.CityAdmin, f.ExamID, "语文.csv", []byte(bad), nil)
	var e *app.Error
	if !errors.As(err, &e) || e.Row != 3 || !strings.Contains(e.Message, "超过本科满分150") {
		t.Fatalf("bad re-import: %v", err)
	}
	if got := f.schoolScores(t, "语文"); got != before {
		t.Errorf("a failed re-import changed the stored scores: %s, was %s", got, before)
	}
	good := "考号,县区,学校,班级,科目,成绩\nS1,鹿城区,鹿城区实验小学,1班,语文,100\nS2,鹿城区,鹿城区实验小学,1班,语文,150\n"
	out, err := f.Svc.ImportScores(ctx, f.CityAdmin, f.ExamID, "语文.csv", []byte(good), nil)
	if err != nil || len(out.Subjects) != 1 || out.Subjects[0].Students != 2 || strings.Join(out.Missing, "") != "数学" {
		t.Fatalf("re-import 语文: %+v %v", out, err)
	}
	if got := f.schoolScores(t, "语文"); got != "S1:100 S2:150" {
		t.Errorf("语文 after re-import = %s, want only the new file's two students", got)
	}
	if got := f.schoolScores(t, "数学"); got != "S1:2,2,6 S2:2,0,4 S3:0,2,4 S4:2,,2.5 S5:0,0,1 S6:-" {
		t.Errorf("数学 changed by a 语文 re-import: %s", got)
	}
}

// schoolScores reads the stored rows of one subject as "id:cells".
func (f *fixture) schoolScores(t *testing.T, subject string) string {
	var out []string
	err := f.DB.Read(ctx, func(tx *db.Tx) error {
		r, err := tx.Query(ctx, "SELECT student_id, absent, cells FROM quality_scores WHERE exam_id = ? AND subject = ? ORDER BY student_id", f.ExamID, subject)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var id, cells string
			var absent int
			r.Scan(&id, &absent, &cells)
			if absent == 1 {
				cells = "-"
			}
			out = append(out, id+":"+cells)
		}
		return r.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

func termOf(y, h int) dict.Term { return dict.Term{Year: y, Half: dict.Half(h)} }
