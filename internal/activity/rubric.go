package activity

import (
	"fmt"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
)

// Level is a score level of a rubric (等级): its name and the share of an
// indicator's points it earns (优秀 1, 良好 0.8 …).
type Level struct {
	Name  string
	Ratio float64
}

// Indicator is one 指标 of a dimension with its points (权重/分值).
type Indicator struct {
	Dimension string
	Name      string
	Points    float64
}

// RubricBody is one version of a 评课量表: its levels and its indicators
// grouped by dimension (维度), in order.
type RubricBody struct {
	Levels     []Level
	Indicators []Indicator
}

// MaxScore is the sum of the indicators' points.
func (b RubricBody) MaxScore() float64 {
	var s float64
	for _, in := range b.Indicators {
		s += in.Points
	}
	return s
}

// Rubric is a 评课量表 of a region and subject, owned by an office or school,
// at its current version.
type Rubric struct {
	ID             int64
	RegionCode     string
	OrgID          int64
	Subject        string
	Name           string
	CurrentVersion int
	VersionID      int64 // id of the current version
	Body           RubricBody
	Version        int
}

// ParseRubric reads a rubric as its editor writes it: a first line of
// levels "等级：优秀=1，良好=0.8，合格=0.6，待改进=0.4", then one indicator a
// line "维度|指标|分值". Errors name the line.
func ParseRubric(text string) (RubricBody, error) {
	var b RubricBody
	lines := strings.Split(strings.ReplaceAll(text, "\r", ""), "\n")
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if rest, ok := cutLevels(line); ok {
			levels, err := parseLevels(rest, i+1)
			if err != nil {
				return b, err
			}
			b.Levels = levels
			continue
		}
		in, err := parseIndicator(line, i+1)
		if err != nil {
			return b, err
		}
		b.Indicators = append(b.Indicators, in)
	}
	switch {
	case len(b.Levels) < 2:
		return b, app.Invalid("body", "请在第一行写出至少两个等级，如：等级：优秀=1，良好=0.8，合格=0.6")
	case len(b.Indicators) == 0:
		return b, app.Invalid("body", "请至少写一条指标，格式为：维度|指标|分值")
	}
	return b, nil
}

func cutLevels(line string) (string, bool) {
	for _, p := range []string{"等级：", "等级:"} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			return rest, true
		}
	}
	return "", false
}

func parseLevels(s string, line int) ([]Level, error) {
	var out []Level
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		name, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		r, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || err != nil || r < 0 || r > 1 || strings.TrimSpace(name) == "" {
			return nil, app.Invalid("body", "第 %d 行：等级应写成「名称=比例」，比例在 0 到 1 之间，如 良好=0.8", line)
		}
		out = append(out, Level{Name: strings.TrimSpace(name), Ratio: r})
	}
	return out, nil
}

func parseIndicator(line string, n int) (Indicator, error) {
	f := strings.Split(strings.ReplaceAll(line, "｜", "|"), "|")
	if len(f) != 3 {
		return Indicator{}, app.Invalid("body", "第 %d 行：指标应写成「维度|指标|分值」", n)
	}
	p, err := strconv.ParseFloat(strings.TrimSpace(f[2]), 64)
	if err != nil || p <= 0 || p > 100 {
		return Indicator{}, app.Invalid("body", "第 %d 行：分值应为 0 到 100 之间的数", n)
	}
	in := Indicator{Dimension: strings.TrimSpace(f[0]), Name: strings.TrimSpace(f[1]), Points: p}
	if in.Dimension == "" || in.Name == "" {
		return in, app.Invalid("body", "第 %d 行：维度和指标都不能为空", n)
	}
	return in, nil
}

// Text is b in the editor's format, so an edit starts from the version.
func (b RubricBody) Text() string {
	var sb strings.Builder
	sb.WriteString("等级：")
	for i, l := range b.Levels {
		if i > 0 {
			sb.WriteString("，")
		}
		fmt.Fprintf(&sb, "%s=%s", l.Name, strconv.FormatFloat(l.Ratio, 'f', -1, 64))
	}
	for _, in := range b.Indicators {
		fmt.Fprintf(&sb, "\n%s|%s|%s", in.Dimension, in.Name, strconv.FormatFloat(in.Points, 'f', -1, 64))
	}
	return sb.String()
}

// Score is one indicator's score in an observation: the level chosen (its
// index, -1 for none), the points it earned and the comment (诊断、建议).
type Score struct {
	Level   int
	Points  float64
	Comment string
}

// Grade scores levels (one per indicator, -1 unscored) by b and returns
// the scores and their total. A level out of range is an error at the
// indicator's field.
func (b RubricBody) Grade(levels []int, comments []string) ([]Score, float64, error) {
	out := make([]Score, len(b.Indicators))
	var total float64
	for i, in := range b.Indicators {
		lv := -1
		if i < len(levels) {
			lv = levels[i]
		}
		if lv < -1 || lv >= len(b.Levels) {
			return nil, 0, app.Invalid(fmt.Sprintf("score_%d", i), "「%s」的等级无效", in.Name)
		}
		out[i].Level = lv
		if lv >= 0 {
			out[i].Points = in.Points * b.Levels[lv].Ratio
			total += out[i].Points
		}
		if i < len(comments) {
			out[i].Comment = strings.TrimSpace(comments[i])
		}
	}
	return out, total, nil
}
