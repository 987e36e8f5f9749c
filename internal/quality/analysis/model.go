// Package analysis is the 质量分析 engine: it reads an exam definition and its
// scores, and computes the regional metric set (group statistics at region,
// county, school and class level, per-student standing, item statistics,
// reliability, knowledge-point rates and value-added). It has no database; the
// definitions of every figure are in docs/quality-analysis.md.
//
// Scores are held as half-points in small integers so that every order
// statistic can be computed with counting sorts; floats appear only in the
// final figures.
package analysis

import "jiaoyan/internal/app"

// ItemKind 题型: objective (客观题) or subjective (主观题).
type ItemKind uint8

// Item kinds.
const (
	Subjective ItemKind = iota
	Objective
)

// Item 小题: one scored question of a subject's paper.
type Item struct {
	Name      string   // as written in the ITEMS file, e.g. "1" or "第1题"
	Full      int32    // full marks in half-points
	Kind      ItemKind // 客观/主观
	Knowledge []string // 知识点, may be empty; an item counts fully toward each
	Ability   string   // 能力层级, may be empty
	Key       string   // 答案 for objective items, e.g. "A" or "AC"; empty if not given
	Options   string   // 选项 letters offered, e.g. "ABCD"; empty means A-D
}

// Subject 科目 and its items in paper order.
type Subject struct {
	Name    string
	Items   []Item
	Full    int32       // sum of item full marks, half-points
	Setters []SetterRef // 命题人 named in the ITEMS file, in order of first mention; not analysed
}

// SetterRef is a 命题人 named in an ITEMS file and the row that first names them.
type SetterRef struct {
	Name string
	Row  int
}

// Exam 考试: the subjects in the order of the ITEMS file.
type Exam struct {
	Subjects []Subject
}

// SubjectIndex returns the index of the subject called name (exactly, else
// after full-width folding and lower-casing), or -1.
func (e *Exam) SubjectIndex(name string) int {
	for i := range e.Subjects {
		if e.Subjects[i].Name == name {
			return i
		}
	}
	n := normalize(name)
	for i := range e.Subjects {
		if normalize(e.Subjects[i].Name) == n {
			return i
		}
	}
	return -1
}

// Settings 分析设置. Shares are fractions of full marks; widths are points.
type Settings struct {
	PassShare      float64 // 及格线, default 0.60
	GoodShare      float64 // 良好线, default 0.75
	ExcellentShare float64 // 优秀线, default 0.85
	LowShare       float64 // 低分线, default 0.40
	BandWidth      float64 // 分数段宽度 in points, default 10
	CriticalBand   float64 // 临界生 band below each line in points, default 5
	MinGroupVA     int     // 增值评价 suppression threshold, default 10
}

// DefaultSettings returns the defaults stated in the documentation.
func DefaultSettings() Settings {
	return Settings{
		PassShare: 0.60, GoodShare: 0.75, ExcellentShare: 0.85, LowShare: 0.40,
		BandWidth: 10, CriticalBand: 5, MinGroupVA: 10,
	}
}

// Validate checks that shares lie in (0,1] and widths are positive.
func (s Settings) Validate() error {
	for _, v := range []struct {
		name string
		x    float64
	}{{"及格线", s.PassShare}, {"良好线", s.GoodShare}, {"优秀线", s.ExcellentShare}, {"低分线", s.LowShare}} {
		if !(v.x > 0 && v.x <= 1) {
			return app.Invalid(v.name, "%s应在0到1之间（占满分的比例）", v.name)
		}
	}
	if !(s.BandWidth >= 0.5) || !(s.CriticalBand >= 0) {
		return app.Invalid("分数段", "分数段宽度至少0.5分，临界生分数带不能为负数")
	}
	if s.MinGroupVA < 1 {
		return app.Invalid("增值评价最少人数", "增值评价最少人数至少为1")
	}
	return nil
}

// Level of a group in the region tree.
type Level uint8

// Levels, top down.
const (
	Region Level = iota
	County
	School
	Class
	numLevels
)

var levelNames = [numLevels]string{"region", "county", "school", "class"}
var levelNamesZh = [numLevels]string{"全区", "县区", "学校", "班级"}

// String returns the JSON name of the level.
func (l Level) String() string { return levelNames[l] }
