package analysis

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The hand-computed exam used by most tests.
//
// 数学: item 1 objective 2 points (代数, 了解), item 2 objective 2 points (几何,
// 理解), item 3 subjective 6 points (代数 and 几何, 应用); full 10.
// 语文: one subjective item of 10 points.
//
//	student county school class 数学 items  数学 total  语文
//	S1      甲县   一中   1班   2,2,6        10          8
//	S2      甲县   一中   1班   2,0,4         6          9
//	S3      甲县   一中   2班   0,2,4         6          6
//	S4      甲县   二中   1班   2,blank,2.5   4.5        5     (a class of one)
//	S5      乙县   三中   1班   0,0,1         1          7.5
//	S6      乙县   三中   1班   absent        -          3
const fixtureItems = "科目,题号,满分,题型,知识点,能力层级\n" +
	"数学,1,2,客观,代数,了解\n" +
	"数学,2,2,客观,几何,理解\n" +
	"数学,3,6,主观,代数；几何,应用\n" +
	"语文,1,10,主观,,\n"

const fixtureScores = "考号,县区,学校,班级,科目,缺考,第1题,第2题,第3题\n" +
	"S1,甲县,一中,1班,数学,,2,2,6\n" +
	"S2,甲县,一中,1班,数学,,2,0,4\n" +
	"S3,甲县,一中,2班,数学,,0,2,4\n" +
	"S4,甲县,二中,1班,数学,,2,,2.5\n" +
	"S5,乙县,三中,1班,数学,,0,0,1\n" +
	"S6,乙县,三中,1班,数学,1,,,\n" +
	"S1,甲县,一中,1班,语文,,8,,\n" +
	"S2,甲县,一中,1班,语文,,9,,\n" +
	"S3,甲县,一中,2班,语文,,6,,\n" +
	"S4,甲县,二中,1班,语文,,5,,\n" +
	"S5,乙县,三中,1班,语文,,7.5,,\n" +
	"S6,乙县,三中,1班,语文,,3,,\n"

// writeFiles writes name -> content into a temp dir and returns the paths.
func writeFiles(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		out[name] = p
	}
	return out
}

// analyzeCSV reads items and scores from strings and analyzes them.
func analyzeCSV(t *testing.T, items, scores string, set Settings) *Report {
	t.Helper()
	p := writeFiles(t, map[string]string{"items.csv": items, "scores.csv": scores})
	return analyzePaths(t, p["items.csv"], p["scores.csv"], "", set)
}

func analyzePaths(t *testing.T, items, scores, prior string, set Settings) *Report {
	t.Helper()
	ex, err := ReadExam(items)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := ReadScores(scores, ex, nil)
	if err != nil {
		t.Fatal(err)
	}
	if prior != "" {
		if err := ReadPrior(prior, ds, nil); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Analyze(context.Background(), ds, set)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func fixtureSettings() Settings {
	s := DefaultSettings()
	s.BandWidth, s.CriticalBand = 5, 2
	return s
}

// find returns the statistics of the named group and subject.
func (r *Report) find(t *testing.T, l Level, county, school, class, subject string) *GroupStat {
	t.Helper()
	for i := range r.Groups {
		gs := &r.Groups[i]
		c, s, k := r.Data.groupNames(gs.Level, gs.Group)
		if gs.Level == l && c == county && s == school && k == class && r.Names[gs.V] == subject {
			return gs
		}
	}
	t.Fatalf("no group %v %s/%s/%s %s", l, county, school, class, subject)
	return nil
}

// studentIndex returns the index of the student with the given id.
func (r *Report) studentIndex(t *testing.T, id string) int {
	t.Helper()
	for i, s := range r.Data.Students {
		if s.ID == id {
			return i
		}
	}
	t.Fatalf("no student %s", id)
	return -1
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) != math.IsNaN(got) || (!math.IsNaN(want) && math.Abs(got-want) > tol) {
		t.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}
