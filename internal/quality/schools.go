package quality

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/quality/analysis"
)

// school is a participating school with the names a scores file uses.
type school struct {
	ID           int64
	Name, County string // the school's name and its county (区域) name
	Code         string // 学校代码, "" when the school has none
	Path         string
	CountyPath   string // the region path of the county
}

// loadSchools returns the exam's participating schools.
func loadSchools(ctx context.Context, tx *db.Tx, examID int64) ([]school, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (school, error) {
		var s school
		return s, r.Scan(&s.ID, &s.Name, &s.County, &s.Code, &s.Path, &s.CountyPath)
	}, `SELECT o.id, o.name, r.name, COALESCE(o.school_code, ''), o.path, r.path FROM quality_exam_schools x JOIN orgs o ON o.id = x.school_id
		JOIN regions r ON r.code = o.region_code WHERE x.exam_id = ? ORDER BY o.id`, examID)
}

// schoolLabels names each participating school as the engine is given it:
// its name, or, where two participating schools of one county share a name,
// the name with its 学校代码 (or id), so that the two stay apart.
func schoolLabels(list []school) map[int64]string {
	n := map[[2]string]int{}
	for _, s := range list {
		n[[2]string{s.County, s.Name}]++
	}
	out := make(map[int64]string, len(list))
	for _, s := range list {
		out[s.ID] = s.Name
		if n[[2]string{s.County, s.Name}] > 1 {
			out[s.ID] = s.Name + "（" + s.codeText() + "）"
		}
	}
	return out
}

// codeText is the school's 学校代码 as shown to tell it apart.
func (s school) codeText() string {
	if s.Code != "" {
		return "学校代码 " + s.Code
	}
	return "编号 " + strconv.FormatInt(s.ID, 10)
}

// schoolIndex finds a participating school by the names (or the 学校代码)
// in a scores file.
type schoolIndex struct {
	byName map[string][]int
	byCode map[string]int
	list   []school
}

func newSchoolIndex(list []school) schoolIndex {
	ix := schoolIndex{byName: map[string][]int{}, byCode: map[string]int{}, list: list}
	for i, s := range list {
		ix.byName[s.Name] = append(ix.byName[s.Name], i)
		if s.Code != "" {
			ix.byCode[s.Code] = i
		}
	}
	return ix
}

// find returns the participating school of a scores file's school u in
// county. With a 学校代码 the code decides; with a name only, a name two
// participating schools of the county share is refused, naming the row and
// both schools.
func (ix schoolIndex) find(county string, u analysis.Unit) (school, error) {
	bad := func(field, format string, args ...any) error {
		e := app.Invalid(field, format, args...)
		e.Row = u.Row
		return e
	}
	if u.Code != "" {
		i, ok := ix.byCode[u.Code]
		if !ok {
			return school{}, bad("学校代码", "学校代码“%s”（%s）不是本次考试参加学校的代码", u.Code, u.Name)
		}
		return ix.list[i], nil
	}
	c := ix.byName[u.Name]
	if len(c) > 1 {
		var in []int
		for _, i := range c {
			if ix.list[i].County == county {
				in = append(in, i)
			}
		}
		c = in
	}
	switch len(c) {
	case 1:
		return ix.list[c[0]], nil
	case 0:
		return school{}, bad("学校", "学校“%s”（%s）不是本次考试的参加学校", u.Name, county)
	}
	var both []string
	for _, i := range c {
		both = append(both, ix.list[i].Name+"（"+ix.list[i].codeText()+"）")
	}
	return school{}, bad("学校", "%s有%d所参加学校都叫“%s”：%s，无法确定是哪一所；请在成绩表中加“学校代码”列", county, len(c), u.Name, strings.Join(both, "、"))
}
