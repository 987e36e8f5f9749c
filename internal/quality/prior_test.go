package quality_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/quality/analysis"
	"jiaoyan/internal/testutil"
)

// The second term's exam takes the first as its prior: its value-added
// records equal the engine's run on the same scores with the first exam's
// scores as the PRIOR file, written by hand.
func TestValueAddedAcrossExamsMatchesTheEngine(t *testing.T) {
	f := newFixture(t)
	p := &policy.Service{DB: f.DB, Now: func() time.Time { return time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC) }}
	f.Svc.Policy = p
	setLines(t, p, 2025, 60, 75, 85, 40)
	if err := p.SetValue(ctx, testutil.Root, "330300", policy.RuleQualityMinValueAddedGroup, 2, 2025, "", 0); err != nil {
		t.Fatal(err)
	}
	f.importAndAnalyze(t)
	second, err := f.Svc.CreateExam(ctx, f.CityAdmin, quality.Exam{OrgID: f.CityAdmin.OrgID, Name: "第二学期期末", Term: dict.Term{Year: 2025, Half: 2},
		Level: quality.LevelCity, Kind: quality.KindQuality, SchoolIDs: []int64{f.SchoolA, f.SchoolC, f.SchoolB}, PriorID: f.ExamID})
	if err != nil {
		t.Fatal(err)
	}
	scores := strings.NewReplacer(",,2,2,6", ",,2,0,6", "S3,鹿城区,鹿城区实验小学,2班,语文,,90", "S3,鹿城区,鹿城区实验小学,2班,语文,,110").Replace(scoresCSV)
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, second, "p.csv", []byte(paperCSV)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, second, "s.csv", []byte(scores), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.Analyze(ctx, f.CityAdmin, second, nil); err != nil {
		t.Fatal(err)
	}
	got, err := f.Svc.FindValueAdded(ctx, f.CityAdmin, second, "")
	if err != nil {
		t.Fatal(err)
	}
	prior := "考号,科目,成绩\nS1,数学,10\nS2,数学,6\nS3,数学,6\nS4,数学,4.5\nS5,数学,1\n" +
		"S1,语文,120\nS2,语文,135\nS3,语文,90\nS4,语文,75\nS5,语文,112.5\nS6,语文,45\n"
	want := engineValueAdded(t, scores, prior)
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d stored value-added records, engine %d", len(got), len(want))
	}
	for i, w := range want {
		g, _ := json.Marshal(got[i])
		var gm, wm map[string]any
		json.Unmarshal(g, &gm)
		json.Unmarshal(w, &wm)
		for _, k := range []string{"school", "class", "subject", "n", "suppressed", "residual_mean", "ci_low", "ci_high", "shrunken"} {
			if gs, ws := jsonOf(gm[k]), jsonOf(wm[k]); gs != ws {
				t.Errorf("record %d %s = %s, engine %s", i, k, gs, ws)
			}
		}
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

func engineValueAdded(t *testing.T, scores, prior string) []json.RawMessage {
	dir := t.TempDir()
	for n, c := range map[string]string{"i.csv": paperCSV, "s.csv": scores, "p.csv": prior} {
		os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644)
	}
	ex, err := analysis.ReadExam(filepath.Join(dir, "i.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := analysis.ReadScores(filepath.Join(dir, "s.csv"), ex, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := analysis.ReadPrior(filepath.Join(dir, "p.csv"), ds, nil); err != nil {
		t.Fatal(err)
	}
	set := analysis.DefaultSettings()
	set.MinGroupVA = 2
	rep, err := analysis.Analyze(ctx, ds, set)
	if err != nil {
		t.Fatal(err)
	}
	var out []json.RawMessage
	for i := 0; i < rep.Count(analysis.SectionValue); i++ {
		out = append(out, rep.AppendRecord(nil, analysis.SectionValue, i))
	}
	return out
}
