package qualityweb

import (
	"strconv"

	"jiaoyan/internal/quality"
)

// groupRow is one line of a report table, formatted for the page and the
// export alike (the same strings in both).
type groupRow struct {
	Name                                    string
	N, Absent                               int
	Mean, SD, Max, Min, Median, Q1, Q3      string
	Pass, Good, Excellent, Low, OverMean, T string
	CriticalPass, CriticalGood, CriticalExc int
	Change                                  string // 进步/退步 against the previous exam's 标准分, school level only
}

var groupHeaders = []string{"单位", "实考人数", "缺考人数", "平均分", "标准差", "最高分", "最低分", "中位数", "下四分位数", "上四分位数",
	"及格率", "良好率", "优秀率", "低分率", "超均率", "标准分", "及格临界生", "良好临界生", "优秀临界生", "与上次比"}

func (g groupRow) cells() []string {
	return []string{g.Name, strconv.Itoa(g.N), strconv.Itoa(g.Absent), g.Mean, g.SD, g.Max, g.Min, g.Median, g.Q1, g.Q3,
		g.Pass, g.Good, g.Excellent, g.Low, g.OverMean, g.T, strconv.Itoa(g.CriticalPass), strconv.Itoa(g.CriticalGood), strconv.Itoa(g.CriticalExc), dash(g.Change)}
}

// unitName is how a group is named in a table: 全区, the county, the
// school, or the school's class.
func unitName(g quality.Group) string {
	switch g.Level {
	case quality.GroupCounty:
		return g.County
	case quality.GroupSchool:
		return g.School
	case quality.GroupClass:
		return g.School + " " + g.Class
	}
	return "全区"
}

func rowOf(g quality.Group) groupRow {
	return groupRow{Name: unitName(g), N: g.N, Absent: g.Absent, Mean: num(g.Mean), SD: num(g.SD), Max: num(g.Max), Min: num(g.Min),
		Median: num(g.Median), Q1: num(g.Q1), Q3: num(g.Q3), Pass: pct(g.PassRate), Good: pct(g.GoodRate), Excellent: pct(g.ExcellentRate),
		Low: pct(g.LowRate), OverMean: pct(g.OverMeanRate), T: num(g.TScore), CriticalPass: g.CriticalPass, CriticalGood: g.CriticalGood,
		CriticalExc: g.CriticalExc}
}

// itemRow is one item of the item table.
type itemRow struct {
	Name, Kind, Full, Mean, Difficulty, Discrimination, PointBiserial, CorrectedR, Blank string
	Knowledge                                                                            string
	LowDiscrimination                                                                    bool
}

// lowDiscrimination is the discrimination below which an item is flagged to
// the paper setters (docs/quality-analysis.md: D < 0.2 is poor).
const lowDiscrimination = 0.2

func itemRowOf(it quality.Item) itemRow {
	kind := "主观题"
	if it.Kind == "objective" {
		kind = "客观题"
	}
	full := it.FullMarks
	k := ""
	for i, x := range it.Knowledge {
		if i > 0 {
			k += "、"
		}
		k += x
	}
	return itemRow{Name: it.Item, Kind: kind, Full: num(&full), Mean: num(it.Mean), Difficulty: fixed(it.Difficulty),
		Discrimination: fixed(it.Discrimination), PointBiserial: fixed(it.PointBiserial), CorrectedR: fixed(it.CorrectedR),
		Blank: pct(it.BlankRate), Knowledge: k, LowDiscrimination: it.Discrimination != nil && *it.Discrimination < lowDiscrimination}
}

// vaRow is one value-added line.
type vaRow struct {
	Name, Subject           string
	N                       int
	Suppressed              bool
	Mean, Low, High, Shrunk string
}

func vaRowOf(v quality.ValueAdded) vaRow {
	name := v.School
	if v.Level == quality.GroupClass {
		name += " " + v.Class
	}
	return vaRow{Name: name, Subject: v.Subject, N: v.N, Suppressed: v.Suppressed, Mean: fixed(v.ResidualMean), Low: fixed(v.CILow),
		High: fixed(v.CIHigh), Shrunk: fixed(v.Shrunken)}
}
