package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
)

// Value-added standardises the prior, so an affine change of the prior scores
// (here 0.7x + 26.4, giving 61.4, 75.4, 75.4, 89.4) must give exactly the
// figures of vaFixture, derived by hand in TestValueAddedByHand.
func TestDecimalPriorsGiveTheHandDerivedValueAdded(t *testing.T) {
	items := "科目,题号,满分,题型\n数学,1,100,主观\n"
	scores := "考号,县区,学校,班级,科目,1\n" +
		"A1,县,甲,1班,数学,60\nA2,县,甲,1班,数学,80\nB1,县,乙,1班,数学,70\nB2,县,乙,1班,数学,90\n"
	prior := "考号,科目,成绩\nA1,数学,61.4\nA2,数学,75.4\nB1,数学,75.4\nB2,数学,89.40\n"
	p := writeFiles(t, map[string]string{"i.csv": items, "s.csv": scores, "p.csv": prior})
	set := DefaultSettings()
	set.MinGroupVA = 2
	r := analyzePaths(t, p["i.csv"], p["s.csv"], p["p.csv"], set)
	if got := r.Data.Prior[0][0]; got != 61.4 {
		t.Errorf("prior of A1 = %v, want 61.4", got)
	}
	m := r.Subjects[0].VA
	near(t, "slope", m.Slope, 0.9486832981, 1e-9)
	near(t, "residual sd", m.ResidualSD, 0.4472135955, 1e-9)
	for _, v := range r.Value {
		if _, name, _ := r.Data.groupNames(v.Level, v.Group); v.Level == School && name == "甲" {
			near(t, "甲 residual mean", v.ResidualMean, 0.2236067977, 1e-9)
			near(t, "甲 shrunken", v.Shrunken, 0.1118033989, 1e-9)
		}
	}
}

func TestPriorRefusesNegativeAndNonNumbers(t *testing.T) {
	for _, bad := range []string{"-1", "1e3", "abc", "1.2.3", "."} {
		if _, ok := parsePriorScore([]byte(bad)); ok {
			t.Errorf("prior %q accepted", bad)
		}
	}
	for s, want := range map[string]float64{"61.4": 61.4, "0": 0, "0.25": 0.25, "150": 150, ".5": 0.5} {
		if v, ok := parsePriorScore([]byte(s)); !ok || v != want {
			t.Errorf("prior %q = %v %v, want %v", s, v, ok, want)
		}
	}
}

// 语文 150 analysed as one score, 150 120 90 89.5 30, both from an item column
// and from a 成绩 column. By hand: mean 95.9, population variance 7926.2/5,
// median 90, Q1 89.5, Q3 120; pass (>= 90) 3/5, good (>= 112.5) 2/5,
// excellent (>= 127.5) 1/5, low (< 60) 1/5; 15 bands of 10, 150 in the top one.
func TestTotalsAbove127Points(t *testing.T) {
	items := "科目,题号,满分\n语文,1,150\n"
	byItem := "考号,县区,学校,班级,科目,1\nA,县,校,1班,语文,150\nB,县,校,1班,语文,120\nC,县,校,1班,语文,90\nD,县,校,1班,语文,89.5\nE,县,校,1班,语文,30\n"
	byScore := strings.ReplaceAll(byItem, "科目,1\n", "科目,成绩\n")
	for name, scores := range map[string]string{"item column": byItem, "成绩 column": byScore} {
		r := analyzeCSV(t, items, scores, DefaultSettings())
		g := r.find(t, Region, "", "", "", "语文")
		if g.N != 5 {
			t.Fatalf("%s: n = %d", name, g.N)
		}
		near(t, name+" mean", g.Mean, 95.9, 1e-9)
		near(t, name+" sd", g.SD, math.Sqrt(7926.2/5), 1e-9)
		near(t, name+" max", g.Max, 150, 0)
		near(t, name+" median", g.Median, 90, 0)
		near(t, name+" q1", g.Q1, 89.5, 0)
		near(t, name+" q3", g.Q3, 120, 0)
		near(t, name+" pass", g.PassRate, 0.6, 1e-12)
		near(t, name+" good", g.GoodRate, 0.4, 1e-12)
		near(t, name+" excellent", g.ExcellentRate, 0.2, 1e-12)
		near(t, name+" low", g.LowRate, 0.2, 1e-12)
		want := make([]int32, 15)
		want[3], want[8], want[9], want[12], want[14] = 1, 1, 1, 1, 1
		if !slices.Equal(g.Bands, want) {
			t.Errorf("%s bands = %v, want %v", name, g.Bands, want)
		}
		if tot := r.find(t, Region, "", "", "", TotalName); tot.Mean != g.Mean || r.Full[1] != 300 {
			t.Errorf("%s: total mean %v full %v", name, tot.Mean, r.Full[1])
		}
	}
	over := "考号,县区,学校,班级,科目,成绩\nA,县,校,1班,语文,150.5\n"
	p := writeFiles(t, map[string]string{"i.csv": items, "s.csv": over})
	ex, _ := ReadExam(p["i.csv"])
	if _, err := ReadScores(p["s.csv"], ex, nil); err == nil || !strings.Contains(err.Error(), "超过本科满分150") {
		t.Errorf("150.5 of 150: %v", err)
	}
}

// The fixture's students with only a 成绩 per subject: every group figure
// equals the item-level analysis of the same students; item figures are absent.
func TestTotalsOnlyExamGetsEveryGroupMetric(t *testing.T) {
	scores := "考号,县区,学校,班级,科目,成绩\n" +
		"S1,甲县,一中,1班,数学,10\nS2,甲县,一中,1班,数学,6\nS3,甲县,一中,2班,数学,6\n" +
		"S4,甲县,二中,1班,数学,4.5\nS5,乙县,三中,1班,数学,1\nS6,乙县,三中,1班,数学,缺考\n" +
		"S1,甲县,一中,1班,语文,8\nS2,甲县,一中,1班,语文,9\nS3,甲县,一中,2班,语文,6\n" +
		"S4,甲县,二中,1班,语文,5\nS5,乙县,三中,1班,语文,7.5\nS6,乙县,三中,1班,语文,3\n"
	want := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	got := analyzeCSV(t, fixtureItems, scores, fixtureSettings())
	if len(got.Groups) != len(want.Groups) {
		t.Fatalf("groups %d, want %d", len(got.Groups), len(want.Groups))
	}
	for i := range want.Groups {
		w, g := want.Groups[i], got.Groups[i]
		same := w.N == g.N && w.Absent == g.Absent && slices.Equal(w.Bands, g.Bands) && w.Critical == g.Critical
		for _, p := range [][2]float64{{w.Mean, g.Mean}, {w.SD, g.SD}, {w.Min, g.Min}, {w.Max, g.Max}, {w.Median, g.Median},
			{w.Q1, g.Q1}, {w.Q3, g.Q3}, {w.PassRate, g.PassRate}, {w.GoodRate, g.GoodRate}, {w.ExcellentRate, g.ExcellentRate},
			{w.LowRate, g.LowRate}, {w.OverMeanRate, g.OverMeanRate}, {w.TScore, g.TScore}} {
			same = same && (p[0] == p[1] || math.IsNaN(p[0]) && math.IsNaN(p[1]))
		}
		if !same {
			t.Errorf("group %d (%v %s): totals-only %+v, want %+v", i, w.Level, want.Names[w.V], g, w)
		}
	}
	for s := range got.Items {
		if len(got.Items[s]) != 0 || !math.IsNaN(got.Subjects[s].Alpha) || got.Knowledge[s] != nil {
			t.Errorf("subject %s has item figures from totals: %d items, alpha %v", got.Names[s], len(got.Items[s]), got.Subjects[s].Alpha)
		}
	}
	var buf bytes.Buffer
	if err := got.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items  []json.RawMessage `json:"items"`
		Groups []json.RawMessage `json:"groups"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != 0 || len(doc.Groups) != len(want.Groups) {
		t.Errorf("JSON: %d items, %d groups", len(doc.Items), len(doc.Groups))
	}
	if err := got.WriteXLSX(&bytes.Buffer{}); err != nil {
		t.Errorf("xlsx report of a totals-only exam: %v", err)
	}
}

// A scores file holding only 语文 (and so only the one item column 语文 needs)
// is analysed for 语文, and 数学 is named as missing.
func TestScoresFileWithSomeSubjects(t *testing.T) {
	var b strings.Builder
	b.WriteString("考号,县区,学校,班级,科目,第1题\n")
	for _, line := range strings.Split(fixtureScores, "\n") {
		if strings.Contains(line, ",语文,") {
			f := strings.Split(line, ",")
			b.WriteString(strings.Join(f[:7], ",") + "\n")
		}
	}
	r := analyzeCSV(t, fixtureItems, strings.ReplaceAll(b.String(), ",,", ","), fixtureSettings())
	if !slices.Equal(r.Data.Missing, []string{"数学"}) || !slices.Equal(r.Names, []string{"语文", TotalName}) {
		t.Fatalf("missing %v names %v", r.Data.Missing, r.Names)
	}
	full := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	w, g := full.find(t, Region, "", "", "", "语文"), r.find(t, Region, "", "", "", "语文")
	if w.N != g.N || w.Mean != g.Mean || w.SD != g.SD || w.PassRate != g.PassRate {
		t.Errorf("语文 alone %+v, want %+v", g, w)
	}
	tot := r.find(t, Region, "", "", "", TotalName)
	if tot.N != 6 || tot.Mean != g.Mean {
		t.Errorf("total over the one subject present: n %d mean %v", tot.N, tot.Mean)
	}
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil || !strings.Contains(buf.String(), `"missing_subjects":["数学"]`) {
		t.Errorf("JSON meta does not name the missing subject: %v", err)
	}
}

func TestKindColumnMayBeMissing(t *testing.T) {
	p := writeFiles(t, map[string]string{"i.csv": "科目,题号,满分\n数学,1,2\n数学,2,3\n"})
	ex, err := ReadExam(p["i.csv"])
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range ex.Subjects[0].Items {
		if it.Kind != Subjective {
			t.Errorf("item %s kind %v, want 主观", it.Name, it.Kind)
		}
	}
}

// The stored records are byte for byte the records of the JSON report.
func TestRecordsEqualTheJSONReport(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, sec := range []string{SectionGroups, SectionItems, SectionStudents, SectionValue} {
		var recs []json.RawMessage
		if err := json.Unmarshal(doc[sec], &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != r.Count(sec) {
			t.Fatalf("%s: %d records, Count %d", sec, len(recs), r.Count(sec))
		}
		for i, want := range recs {
			if got := r.AppendRecord(nil, sec, i); !bytes.Equal(got, want) {
				t.Errorf("%s[%d] = %s, want %s", sec, i, got, want)
			}
		}
	}
	if !bytes.Equal(r.AppendMeta(nil), doc["meta"]) {
		t.Errorf("meta differs")
	}
}

// ReadScoresAll reports every bad row of a file, each with its row and
// column, and no dataset.
func TestReadScoresAllReportsEveryBadRow(t *testing.T) {
	scores := "考号,县区,学校,班级,科目,第1题,第2题,第3题\n" +
		"S1,县,校,班,数学,3,0,0\nS2,县,校,班,数学,1,0,0\nS3,县,校,班,数学,1,x,0\nS4,县,校,班,物理,1,0,0\n"
	p := writeFiles(t, map[string]string{"i.csv": fixtureItems, "s.csv": scores})
	ex, err := ReadExam(p["i.csv"])
	if err != nil {
		t.Fatal(err)
	}
	ds, errs, err := ReadScoresAll(p["s.csv"], ex, nil, 100)
	if err != nil || ds != nil || len(errs) != 3 {
		t.Fatalf("ds %v, %d errors, %v", ds != nil, len(errs), err)
	}
	for i, want := range []struct {
		row   int
		field string
	}{{2, "第1题"}, {4, "第2题"}, {5, "科目"}} {
		if errs[i].Row != want.row || errs[i].Field != want.field {
			t.Errorf("error %d at row %d %s, want row %d %s: %s", i, errs[i].Row, errs[i].Field, want.row, want.field, errs[i].Message)
		}
	}
	if _, errs, _ := ReadScoresAll(p["s.csv"], ex, nil, 2); len(errs) != 2 {
		t.Errorf("max 2 gave %d errors", len(errs))
	}
}
