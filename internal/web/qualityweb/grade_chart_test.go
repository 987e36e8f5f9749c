package qualityweb

import (
	"encoding/json"
	"testing"

	"jiaoyan/internal/quality"
)

// 等级分布 splits the cumulative rates into bands: a school with 20% at
// 优秀, 50% at 良好 or better and 80% at 及格 or better has 20, 30, 30 and 20
// in 优秀, 良好, 及格 and 不及格, beside the region.
func TestGradeChartBandsFromCumulativeRates(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	region := quality.Group{Level: "region", N: 10, ExcellentRate: f(0.1), GoodRate: f(0.4), PassRate: f(0.9)}
	school := quality.Group{Level: "school", School: "实验小学", N: 5, ExcellentRate: f(0.2), GoodRate: f(0.5), PassRate: f(0.8)}
	var spec struct {
		Option struct {
			XAxis  struct{ Data []string } `json:"xAxis"`
			Series []struct {
				Name string
				Data []float64
			}
		}
	}
	if err := json.Unmarshal([]byte(gradeChart([]quality.Group{school}, &region)), &spec); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"优秀": {10, 20}, "良好": {30, 30}, "及格": {50, 30}, "不及格": {10, 20}}
	if len(spec.Option.Series) != 4 || len(spec.Option.XAxis.Data) != 2 || spec.Option.XAxis.Data[1] != "实验小学" {
		t.Fatalf("chart %+v", spec.Option)
	}
	for _, s := range spec.Option.Series {
		if w := want[s.Name]; len(s.Data) != 2 || s.Data[0] != w[0] || s.Data[1] != w[1] {
			t.Errorf("%s: %v, want %v", s.Name, s.Data, w)
		}
	}
	if gradeChart(nil, nil) != "" {
		t.Error("a chart without groups")
	}
}
