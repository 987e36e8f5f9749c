package analysis

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality/analysis/gen"
)

type jsonReport struct {
	Meta     map[string]any   `json:"meta"`
	Subjects []map[string]any `json:"subjects"`
	Groups   []map[string]any `json:"groups"`
	Students []struct {
		ID         string     `json:"student_id"`
		Score      []*float64 `json:"score"`
		RankRegion []*int     `json:"rank_region"`
		RankClass  []*int     `json:"rank_class"`
		PR         []*float64 `json:"pr"`
		T          []*float64 `json:"t"`
	} `json:"students"`
	Items      []map[string]any `json:"items"`
	ValueAdded []map[string]any `json:"value_added"`
}

func runAnalyzeCLI(t *testing.T, args ...string) (jsonReport, string) {
	t.Helper()
	p := writeFiles(t, map[string]string{"items.csv": fixtureItems, "scores.csv": fixtureScores,
		"prior.csv": "考号,科目,成绩\nS1,数学,9\nS2,数学,5\nS3,数学,7\nS4,数学,4\nS5,数学,2\nX9,数学,3\n"})
	out := filepath.Join(filepath.Dir(p["items.csv"]), "report.json")
	var stdout, stderr bytes.Buffer
	all := append([]string{"analyze", "--items", p["items.csv"], "--scores", p["scores.csv"],
		"--prior", p["prior.csv"], "--out", out, "--band", "5", "--min-va", "1"}, args...)
	if err := RunCLI(context.Background(), all, &stdout, &stderr); err != nil {
		t.Fatalf("RunCLI: %v (%s)", err, stderr.String())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep jsonReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatalf("report is not valid JSON: %v", err)
	}
	return rep, stderr.String()
}

func TestCLIWritesDocumentedJSON(t *testing.T) {
	rep, stderr := runAnalyzeCLI(t)
	if !strings.Contains(stderr, "有 1 行的考号不在本次考试中") {
		t.Errorf("no warning about the unmatched prior row: %q", stderr)
	}
	if !strings.Contains(stderr, "读取成绩") {
		t.Errorf("no progress on stderr: %q", stderr)
	}
	g := rep.Groups[0]
	for k, want := range map[string]any{"level": "region", "subject": "数学", "n": 5.0, "absent": 1.0,
		"mean": 5.5, "sd": 2.8983, "pass_rate": 0.6, "over_mean_rate": nil, "q1": 4.5} {
		if g[k] != want {
			t.Errorf("groups[0].%s = %v, want %v", k, g[k], want)
		}
	}
	for _, k := range []string{"good_rate", "excellent_rate", "low_rate", "median", "bands", "t_score", "item_rates", "knowledge_rates", "county", "school", "class"} {
		if _, ok := g[k]; !ok {
			t.Errorf("groups[0] lacks %s", k)
		}
	}
	s1 := rep.Students[0]
	if s1.ID != "S1" || *s1.Score[0] != 10 || *s1.RankRegion[0] != 1 || *s1.PR[0] != 90 || *s1.T[0] != 65.5265 {
		t.Errorf("students[0] = %+v", s1)
	}
	if s6 := rep.Students[5]; s6.Score[0] != nil || s6.RankClass[0] != nil || s6.Score[len(s6.Score)-1] != nil {
		t.Errorf("absent S6 has 数学 or total figures: %+v", s6)
	}
	it := rep.Items[2]
	if it["item"] != "3" || it["difficulty"] != 0.5833 || it["corrected_r"] != 0.9449 || it["discrimination"] != 0.8333 {
		t.Errorf("items[2] = %v", it)
	}
	if rep.Subjects[0]["alpha"] != 0.6571 || rep.Subjects[0]["split_half"] != 0.6287 {
		t.Errorf("subjects[0] = %v", rep.Subjects[0])
	}
	va := rep.ValueAdded[0]
	for _, k := range []string{"level", "county", "school", "class", "subject", "n", "residual_mean", "ci_low", "ci_high", "shrunken"} {
		if _, ok := va[k]; !ok {
			t.Errorf("value_added[0] lacks %s", k)
		}
	}
}

func TestCLIWritesXLSXWithValueAdded(t *testing.T) {
	dir := t.TempDir()
	x := filepath.Join(dir, "r.xlsx")
	runAnalyzeCLI(t, "--xlsx", x)
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("增值评价")
	if len(rows) < 3 || rows[1][6] != "增值(残差均值)" || rows[2][0] != "学校" {
		t.Errorf("增值评价 sheet = %q", rows)
	}
}

func TestCLIRejectsBadInputInChinese(t *testing.T) {
	var out, errb bytes.Buffer
	err := RunCLI(context.Background(), []string{"analyze", "--items", "x.csv"}, &out, &errb)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "--scores") {
		t.Errorf("missing flags: %v", err)
	}
	err = RunCLI(context.Background(), []string{"analyze", "--items", "a", "--scores", "b", "--out", "c", "--pass", "60"}, &out, &errb)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "及格线") {
		t.Errorf("pass 60: %v", err)
	}
	err = RunCLI(context.Background(), []string{"analyze", "--items", filepath.Join(t.TempDir(), "none.csv"), "--scores", "b", "--out", "c"}, &out, &errb)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "无法打开") {
		t.Errorf("missing file: %v", err)
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	sum := func(seed uint64) [3][32]byte {
		dir := t.TempDir()
		f, err := gen.WriteFiles(dir, gen.Sizes["small"], seed)
		if err != nil {
			t.Fatal(err)
		}
		var out [3][32]byte
		for i, p := range []string{f.Items, f.Scores, f.Prior} {
			b, _ := os.ReadFile(p)
			out[i] = sha256.Sum256(b)
		}
		return out
	}
	a, b, c := sum(1), sum(1), sum(2)
	if a != b || a[1] == c[1] {
		t.Error("same seed gave different files, or different seeds the same scores")
	}
}

func TestGeneratedExamAnalyzes(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := RunCLI(context.Background(), []string{"gen", "--size", "small", "--dir", dir}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	r := analyzePaths(t, filepath.Join(dir, "items.csv"), filepath.Join(dir, "scores.csv"), filepath.Join(dir, "prior.csv"), DefaultSettings())
	sz := gen.Sizes["small"]
	if len(r.Data.Students) != sz.Students || len(r.Data.Schools) != sz.Schools || len(r.Data.Classes) != sz.Schools*sz.ClassesPerSchool {
		t.Errorf("students %d schools %d classes %d", len(r.Data.Students), len(r.Data.Schools), len(r.Data.Classes))
	}
	if a := r.Subjects[0].Alpha; !(a > 0.7 && a < 0.99) {
		t.Errorf("alpha of a generated subject = %v, want a realistic 0.7-0.99", a)
	}
	if s := r.Subjects[0].VA.Slope; !(s > 0.5 && s < 1) {
		t.Errorf("value-added slope = %v", s)
	}
}
