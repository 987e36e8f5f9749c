package qualityweb

import (
	"encoding/json"
	"slices"
	"strconv"

	"jiaoyan/internal/quality"
)

// The charts are full ECharts options in the element's data-chart
// attribute ({"option": ...}); the kit's script draws them.

type chartSpec struct {
	Option map[string]any `json:"option"`
}

func chartJSON(opt map[string]any) string {
	b, _ := json.Marshal(chartSpec{Option: opt}) // errcheck: maps of strings, numbers and slices of them always marshal
	return string(b)
}

func val(p *float64) any {
	if p == nil {
		return nil
	}
	return round(*p, 4)
}

func title(t string) map[string]any {
	return map[string]any{"text": t, "left": "center", "textStyle": map[string]any{"fontSize": 14}}
}

// bandLabels names the score bands of width w (points) up to full marks.
func bandLabels(n int, w, full float64) []string {
	out := make([]string, n)
	for k := range out {
		hi := min(float64(k+1)*w, full)
		out[k] = strconv.FormatFloat(float64(k)*w, 'f', -1, 64) + "–" + strconv.FormatFloat(hi, 'f', -1, 64)
	}
	return out
}

// distributionChart is 分数段分布: the share of students in each band for
// the shown groups (at most five) and the region.
func distributionChart(groups []quality.Group, region *quality.Group, w, full float64) string {
	shown := groups
	if len(shown) > 5 {
		shown = shown[:5]
	}
	if region != nil {
		shown = append([]quality.Group{*region}, shown...)
	}
	if len(shown) == 0 || len(shown[0].Bands) == 0 {
		return ""
	}
	var series []any
	var names []string
	for _, g := range shown {
		var data []any
		for _, c := range g.Bands {
			if g.N == 0 {
				data = append(data, nil)
				continue
			}
			data = append(data, round(100*float64(c)/float64(g.N), 1))
		}
		names = append(names, unitName(g))
		series = append(series, map[string]any{"type": "bar", "name": unitName(g), "data": data})
	}
	return chartJSON(map[string]any{"title": title("分数段分布（占实考人数%）"), "tooltip": map[string]any{"trigger": "axis"},
		"legend": map[string]any{"top": 24, "data": names}, "grid": map[string]any{"top": 60, "containLabel": true, "left": 8, "right": 16, "bottom": 8},
		"xAxis": map[string]any{"type": "category", "data": bandLabels(len(shown[0].Bands), w, full)},
		"yAxis": map[string]any{"type": "value"}, "series": series})
}

// boxChart is the box plot of the shown groups: min, Q1, median, Q3, max.
func boxChart(groups []quality.Group) string {
	if len(groups) < 2 {
		return ""
	}
	var names []string
	var data []any
	for _, g := range groups {
		if g.N == 0 {
			continue
		}
		names = append(names, unitName(g))
		data = append(data, []any{val(g.Min), val(g.Q1), val(g.Median), val(g.Q3), val(g.Max)})
	}
	return chartJSON(map[string]any{"title": title("成绩箱线图"), "tooltip": map[string]any{"trigger": "item"},
		"grid":  map[string]any{"top": 40, "containLabel": true, "left": 8, "right": 16, "bottom": 8},
		"xAxis": map[string]any{"type": "category", "data": names, "axisLabel": map[string]any{"rotate": 40, "interval": 0}},
		"yAxis": map[string]any{"type": "value"}, "series": []any{map[string]any{"type": "boxplot", "data": data}}})
}

// gradeChart is 等级分布: for the region and the shown groups (at most
// ten), the shares of 优秀, 良好 (below 优秀), 及格 (below 良好) and 不及格,
// from the cumulative rates (each counts those at or above its line).
func gradeChart(groups []quality.Group, region *quality.Group) string {
	shown := groups
	if len(shown) > 10 {
		shown = shown[:10]
	}
	if region != nil {
		shown = append([]quality.Group{*region}, shown...)
	}
	var names []string
	bands := [4][]any{}
	for _, g := range shown {
		if g.N == 0 || g.PassRate == nil || g.GoodRate == nil || g.ExcellentRate == nil {
			continue
		}
		names = append(names, unitName(g))
		exc, good, pass := *g.ExcellentRate, *g.GoodRate, *g.PassRate
		for i, v := range []float64{exc, good - exc, pass - good, 1 - pass} {
			bands[i] = append(bands[i], round(max(v, 0)*100, 1))
		}
	}
	if len(names) == 0 {
		return ""
	}
	var series []any
	for i, n := range []string{"优秀", "良好", "及格", "不及格"} {
		series = append(series, map[string]any{"name": n, "type": "bar", "stack": "grade", "data": bands[i]})
	}
	return chartJSON(map[string]any{"title": title("等级分布（%）"), "tooltip": map[string]any{"trigger": "axis"},
		"legend": map[string]any{"top": 24}, "grid": map[string]any{"top": 60, "containLabel": true, "left": 8, "right": 16, "bottom": 8},
		"xAxis": map[string]any{"type": "category", "data": names, "axisLabel": map[string]any{"rotate": 40, "interval": 0}},
		"yAxis": map[string]any{"type": "value", "max": 100}, "series": series})
}

// itemChart plots each item's difficulty against its discrimination, with
// the 0.2 line under which items are flagged.
func itemChart(items []quality.Item) string {
	if len(items) == 0 {
		return ""
	}
	var data []any
	for _, it := range items {
		data = append(data, map[string]any{"name": "第" + it.Item + "题", "value": []any{val(it.Difficulty), val(it.Discrimination)}})
	}
	return chartJSON(map[string]any{"title": title("小题难度与区分度"), "tooltip": map[string]any{"trigger": "item"},
		"grid":  map[string]any{"top": 40, "containLabel": true, "left": 8, "right": 24, "bottom": 8},
		"xAxis": map[string]any{"type": "value", "name": "难度", "min": 0, "max": 1},
		"yAxis": map[string]any{"type": "value", "name": "区分度"},
		"series": []any{map[string]any{"type": "scatter", "data": data, "symbolSize": 10,
			"markLine": map[string]any{"silent": true, "data": []any{map[string]any{"yAxis": lowDiscrimination}}}}}})
}

// radarChart compares the knowledge-point score rates of a group with the
// region's.
func radarChart(focus, region *quality.Group) string {
	if region == nil || len(region.KnowledgeRates) < 3 {
		return ""
	}
	var names []string
	for k := range region.KnowledgeRates {
		names = append(names, k)
	}
	slices.Sort(names)
	var ind []any
	series := []any{}
	add := func(g *quality.Group) {
		var v []any
		for _, n := range names {
			v = append(v, val(g.KnowledgeRates[n]))
		}
		series = append(series, map[string]any{"name": unitName(*g), "value": v})
	}
	for _, n := range names {
		ind = append(ind, map[string]any{"name": n, "max": 1})
	}
	add(region)
	if focus != nil && focus != region {
		add(focus)
	}
	return chartJSON(map[string]any{"title": title("知识点得分率"), "tooltip": map[string]any{}, "legend": map[string]any{"bottom": 0},
		"radar": map[string]any{"indicator": ind}, "series": []any{map[string]any{"type": "radar", "data": series}}})
}
