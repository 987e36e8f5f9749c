package analysis

import (
	"io"
	"strings"

	"jiaoyan/internal/app"

	"golang.org/x/text/width"
)

// normalize folds full-width characters, trims spaces and lower-cases, so
// "考　号", "Student_ID " and "student_id" compare equal to their aliases.
func normalize(s string) string {
	s = width.Fold.String(s)
	s = strings.TrimSpace(strings.Trim(s, "\ufeff"))
	return strings.ToLower(s)
}

// itemKey reduces an item label to its bare name: "第12题", "12", "Q12" and
// "t12" all become "12"; a label that is not of that shape is only normalized.
func itemKey(s string) string {
	s = normalize(s)
	s = strings.TrimPrefix(s, "第")
	s = strings.TrimSuffix(s, "题")
	for _, p := range []string{"item", "q", "t"} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return rest
		}
	}
	return s
}

// columnAliases maps each logical column to the headers accepted for it.
var columnAliases = map[string][]string{
	"student_id":       {"student_id", "考号", "学号", "准考证号", "id", "考生号"},
	"county":           {"county", "县区", "区县", "县(市、区)", "县(市,区)", "县", "区"},
	"school":           {"school", "学校", "学校名称"},
	"school_code":      {"school_code", "学校代码", "学校编号", "学校标识码"},
	"class":            {"class", "班级"},
	"subject":          {"subject", "科目", "学科"},
	"absent":           {"absent", "缺考", "缺考标记", "考试状态", "考生状态"},
	"score":            {"score", "成绩", "总分", "分数", "得分"},
	"item":             {"item", "题号", "小题", "题目"},
	"full_marks":       {"full_marks", "满分", "分值"},
	"kind":             {"kind", "题型", "类型"},
	"knowledge_points": {"knowledge_points", "知识点"},
	"ability":          {"ability", "能力层级", "能力"},
	"key":              {"key", "答案", "标准答案"},
	"options":          {"options", "选项"},
	"setters":          {"setters", "命题人", "命题教师"},
}

// columnNamesZh gives the Chinese name of a logical column for error messages.
var columnNamesZh = map[string]string{
	"student_id": "考号", "county": "县区", "school": "学校", "class": "班级",
	"subject": "科目", "absent": "缺考", "score": "成绩", "item": "题号",
	"full_marks": "满分", "kind": "题型", "knowledge_points": "知识点",
	"ability": "能力层级", "key": "答案", "options": "选项",
	"school_code": "学校代码", "setters": "命题人",
}

// mapColumns returns, for each logical column in want, the index of the
// header that names it, or -1.
func mapColumns(header [][]byte, want []string) map[string]int {
	idx := make(map[string]int, len(want))
	for _, w := range want {
		idx[w] = -1
	}
	for i, h := range header {
		n := normalize(string(h))
		for _, w := range want {
			if idx[w] >= 0 {
				continue
			}
			for _, a := range columnAliases[w] {
				if n == a {
					idx[w] = i
				}
			}
		}
	}
	return idx
}

// absentText reports whether a total-score cell says the student was absent
// ("缺考", "缺"), as many exports write instead of a separate flag column.
func absentText(b []byte) bool {
	if len(b) == 0 || b[0] < 0x80 {
		return false
	}
	switch normalize(string(b)) {
	case "缺考", "缺", "缺席":
		return true
	}
	return false
}

// truthy reports whether an absent-flag cell marks the student absent.
func truthy(b []byte) bool {
	switch len(b) {
	case 0:
		return false
	case 1:
		if b[0] == '0' {
			return false
		}
	}
	switch normalize(string(b)) {
	case "1", "是", "缺考", "缺", "y", "yes", "true", "t", "x", "√":
		return true
	}
	return false
}

// maxTitleRows is how many rows (a title, a date line) may precede the header.
const maxTitleRows = 5

// findHeader reads the header: the first of the first few rows that names
// every column in need. Rows above it are skipped. The returned header is a
// copy. When no row qualifies, the EINVALID error names the first column the
// first row lacks, as 〈table〉缺少“列”.
func findHeader(src rowSource, table string, need, want []string) ([][]byte, map[string]int, error) {
	first := ""
	for i := 0; i <= maxTitleRows; i++ {
		rec, err := src.Next()
		if err == io.EOF && i == 0 {
			return nil, nil, app.Errorf(app.EINVALID, "%s是空的", table)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		cols := mapColumns(rec, want)
		missing := ""
		for _, n := range need {
			if cols[n] < 0 {
				missing = n
				break
			}
		}
		if missing == "" {
			return copyRecord(rec), cols, nil
		}
		if i == 0 {
			first = missing
		}
	}
	name := columnNamesZh[first]
	return nil, nil, &app.Error{Code: app.EINVALID, Row: 1, Field: name, Message: table + "缺少“" + name + "”列"}
}

func copyRecord(rec [][]byte) [][]byte {
	out := make([][]byte, len(rec))
	for i, f := range rec {
		out[i] = append([]byte(nil), f...)
	}
	return out
}
