package analysis

import (
	"io"
	"math"

	"jiaoyan/internal/app"
)

// ReadScores reads a scores file (CSV in UTF-8 or GB18030, or xlsx) with one
// row per student per subject against exam. Item columns are matched to the
// exam's items by label ("第1题" matches item "1"). It returns EINVALID naming
// the row and column of the first bad cell; nothing is returned on error.
func ReadScores(path string, exam *Exam, progress Progress) (*Dataset, error) {
	src, err := openTable(path, progress)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return parseScores(src, exam)
}

// scoreLayout maps the header of a scores file.
type scoreLayout struct {
	header  []string
	id      int
	county  int
	school  int
	class   int
	subject int
	absent  int
	itemCol [][]int // per subject, per item: column index
}

func readLayout(header [][]byte, exam *Exam) (*scoreLayout, error) {
	cols := mapColumns(header, []string{"student_id", "county", "school", "class", "subject", "absent"})
	for _, need := range []string{"student_id", "county", "school", "class", "subject"} {
		if cols[need] < 0 {
			return nil, &app.Error{Code: app.EINVALID, Row: 1, Field: columnNamesZh[need], Message: "成绩表缺少“" + columnNamesZh[need] + "”列"}
		}
	}
	lay := &scoreLayout{id: cols["student_id"], county: cols["county"], school: cols["school"],
		class: cols["class"], subject: cols["subject"], absent: cols["absent"]}
	keys := make([]string, len(header))
	for i, h := range header {
		lay.header = append(lay.header, string(h))
		keys[i] = itemKey(string(h))
	}
	for _, s := range exam.Subjects {
		ic := make([]int, len(s.Items))
		for j, it := range s.Items {
			ic[j] = indexOf(keys, itemKey(it.Name))
			if ic[j] < 0 {
				return nil, &app.Error{Code: app.EINVALID, Row: 1, Field: it.Name,
					Message: "成绩表缺少科目“" + s.Name + "”第" + it.Name + "题的列"}
			}
		}
		lay.itemCol = append(lay.itemCol, ic)
	}
	return lay, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func parseScores(src rowSource, exam *Exam) (*Dataset, error) {
	header, err := src.Next()
	if err == io.EOF {
		return nil, app.Errorf(app.EINVALID, "成绩表是空的")
	}
	if err != nil {
		return nil, err
	}
	if len(exam.Subjects) > 64 {
		return nil, app.Errorf(app.EINVALID, "科目数不能超过64")
	}
	lay, err := readLayout(header, exam)
	if err != nil {
		return nil, err
	}
	b := newBuilder(exam)
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := b.addRow(lay, rec, src.Record()); err != nil {
			return nil, err
		}
	}
	if len(b.ds.Students) == 0 {
		return nil, app.Errorf(app.EINVALID, "成绩表没有任何考生")
	}
	return b.finish(), nil
}

// addRow validates one scores row and stores it.
func (b *builder) addRow(lay *scoreLayout, rec [][]byte, row int) error {
	subj := b.subjectOf(field(rec, lay.subject))
	if subj < 0 {
		return rowErr(row, lay.header[lay.subject], "科目“%s”不在题目表中", string(field(rec, lay.subject)))
	}
	st, err := b.student(lay, rec, row)
	if err != nil {
		return err
	}
	sd := &b.ds.Subjects[subj]
	if b.seen(subj, st) {
		return rowErr(row, lay.header[lay.id], "考号“%s”的%s成绩重复", b.ds.Students[st].ID, b.ds.Exam.Subjects[subj].Name)
	}
	if lay.absent >= 0 && truthy(field(rec, lay.absent)) {
		sd.Absent = append(sd.Absent, st)
		return nil
	}
	return b.addCells(lay, rec, row, subj, st)
}

// addCells parses the item cells of one present student's row.
func (b *builder) addCells(lay *scoreLayout, rec [][]byte, row, subj int, st int32) error {
	sd := &b.ds.Subjects[subj]
	items := b.ds.Exam.Subjects[subj].Items
	sd.Rows = append(sd.Rows, st)
	n := len(sd.Cells)
	sd.Cells = growInt16(sd.Cells, len(items))
	cells := sd.Cells[n : n+len(items)]
	var answers []uint8
	if len(sd.Keyed) > 0 {
		a := len(sd.Answers)
		sd.Answers = append(sd.Answers, make([]uint8, len(sd.Keyed))...)
		answers = sd.Answers[a:]
	}
	for j, c := range lay.itemCol[subj] {
		v, ans, err := b.scoreCell(field(rec, c), &items[j], row, lay.header[c])
		if err != nil {
			return err
		}
		cells[j] = v
		if ans != 0 {
			answers[b.keyedPos[subj][j]] = ans
		}
	}
	return nil
}

// scoreCell parses one item cell: blank (-1), a score in half-points, or for a
// keyed objective item the chosen option letters, scored full only when they
// equal the key exactly.
func (b *builder) scoreCell(c []byte, it *Item, row int, col string) (int16, uint8, error) {
	if len(c) == 0 {
		return -1, 0, nil
	}
	if c[0] >= '0' && c[0] <= '9' {
		v, ok := parseHalf(c)
		if ok && v <= it.Full {
			return int16(v), 0, nil
		}
		if ok {
			return 0, 0, rowErr(row, col, "得分%s超过本题满分%s", halfString(v), halfString(it.Full))
		}
		return 0, 0, rowErr(row, col, "得分“%s”应为0.5分的整数倍", string(c))
	}
	c = trimSpace(c)
	if len(c) == 0 {
		return -1, 0, nil
	}
	if it.Key == "" {
		return 0, 0, rowErr(row, col, "得分“%s”不是有效的分数", string(c))
	}
	m, ok := optionMask(c, it.Options)
	if !ok {
		return 0, 0, rowErr(row, col, "作答“%s”不是本题的选项（%s）", string(c), it.Options)
	}
	if m == keyMask(it) {
		return int16(it.Full), m, nil
	}
	return 0, m, nil
}

func keyMask(it *Item) uint8 {
	m, _ := optionMask([]byte(it.Key), it.Options)
	return m
}

func field(rec [][]byte, i int) []byte {
	if i < 0 || i >= len(rec) {
		return nil
	}
	return rec[i]
}

func growInt16(s []int16, n int) []int16 {
	if cap(s)-len(s) < n {
		ns := make([]int16, len(s), 2*cap(s)+n+1024)
		copy(ns, s)
		s = ns
	}
	return s[:len(s)+n]
}

// nanSlice returns n NaNs.
func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
