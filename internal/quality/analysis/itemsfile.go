package analysis

import (
	"io"
	"slices"
	"strings"

	"jiaoyan/internal/app"
)

// ReadExam reads an ITEMS file (CSV or xlsx) with the columns subject, item,
// full_marks and optionally kind (blank or missing = 主观), knowledge_points, ability, key, options (or
// their Chinese aliases 科目, 题号, 满分, 题型, 知识点, 能力层级, 答案, 选项).
// It returns EINVALID naming the row and column of the first bad cell.
func ReadExam(path string) (*Exam, error) {
	src, err := openTable(path, nil)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return parseExam(src)
}

func parseExam(src rowSource) (*Exam, error) {
	_, cols, err := findHeader(src, "题目表", []string{"subject", "item", "full_marks"},
		[]string{"subject", "item", "full_marks", "kind", "knowledge_points", "ability", "key", "options", "setters"})
	if err != nil {
		return nil, err
	}
	ex := &Exam{}
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := addItem(ex, rec, cols, src.Record()); err != nil {
			return nil, err
		}
	}
	if len(ex.Subjects) == 0 {
		return nil, app.Errorf(app.EINVALID, "题目表没有任何小题")
	}
	return ex, nil
}

func cell(rec [][]byte, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(string(rec[i]))
}

func rowErr(row int, field, format string, args ...any) *app.Error {
	e := app.Errorf(app.EINVALID, format, args...)
	e.Row, e.Field = row, field
	return e
}

// addItem validates one ITEMS row and appends the item to its subject.
func addItem(ex *Exam, rec [][]byte, cols map[string]int, row int) error {
	subj := cell(rec, cols["subject"])
	if subj == "" {
		return rowErr(row, "科目", "科目不能为空")
	}
	it := Item{Name: cell(rec, cols["item"])}
	if it.Name == "" {
		return rowErr(row, "题号", "题号不能为空")
	}
	full, ok := parseHalf([]byte(cell(rec, cols["full_marks"])))
	if !ok || full <= 0 || full > MaxFullHalf {
		return rowErr(row, "满分", "满分“%s”应为大于0、不超过1000的0.5分的整数倍", cell(rec, cols["full_marks"]))
	}
	it.Full = full
	switch normalize(cell(rec, cols["kind"])) {
	case "objective", "客观", "客观题", "选择题", "选择":
		it.Kind = Objective
	case "subjective", "主观", "主观题", "":
		it.Kind = Subjective
	default:
		return rowErr(row, "题型", "题型“%s”应为“客观”或“主观”", cell(rec, cols["kind"]))
	}
	it.Knowledge = splitList(cell(rec, cols["knowledge_points"]))
	it.Ability = cell(rec, cols["ability"])
	if err := setKey(&it, cell(rec, cols["key"]), cell(rec, cols["options"]), row); err != nil {
		return err
	}
	if err := appendItem(ex, subj, it, row); err != nil {
		return err
	}
	addSetters(&ex.Subjects[ex.SubjectIndex(subj)], cell(rec, cols["setters"]), row)
	return nil
}

// addSetters adds the 命题人 of a row's cell (names separated as knowledge
// points are) to the subject, each once.
func addSetters(s *Subject, names string, row int) {
	for _, n := range splitList(names) {
		if !slices.ContainsFunc(s.Setters, func(x SetterRef) bool { return x.Name == n }) {
			s.Setters = append(s.Setters, SetterRef{Name: n, Row: row})
		}
	}
}

// setKey validates the answer key and option letters of an objective item.
func setKey(it *Item, key, options string, row int) error {
	key, options = strings.ToUpper(normalize(key)), strings.ToUpper(normalize(options))
	if key == "" {
		return nil
	}
	if it.Kind != Objective {
		return rowErr(row, "答案", "只有客观题可以填写答案")
	}
	if options == "" {
		options = "ABCD"
	}
	if _, ok := optionMask([]byte(options), "ABCDEFGH"); !ok {
		return rowErr(row, "选项", "选项“%s”只能由A到H的字母组成", options)
	}
	if _, ok := optionMask([]byte(key), options); !ok {
		return rowErr(row, "答案", "答案“%s”不在选项%s之中", key, options)
	}
	it.Key, it.Options = key, options
	return nil
}

func appendItem(ex *Exam, subj string, it Item, row int) error {
	si := ex.SubjectIndex(subj)
	if si < 0 {
		ex.Subjects = append(ex.Subjects, Subject{Name: subj})
		si = len(ex.Subjects) - 1
	}
	s := &ex.Subjects[si]
	for _, o := range s.Items {
		if itemKey(o.Name) == itemKey(it.Name) {
			return rowErr(row, "题号", "科目“%s”的题号“%s”重复", subj, it.Name)
		}
	}
	s.Items = append(s.Items, it)
	s.Full += it.Full
	return nil
}

// splitList splits a knowledge-point cell at ; ； 、 , ， or |.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == '；' || r == '、' || r == ',' || r == '，' || r == '|'
	})
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
