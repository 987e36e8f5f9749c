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
	total   int       // a 总分/成绩 column, read only for an absence written as text
	itemCol [][]int   // per subject, per item: column index
	first   []int     // per subject: first item column when the items are adjacent in order, else -1
	fulls   [][]int32 // per subject, per item: full marks
}

// readLayout maps the item columns of every subject; headerRow is the row
// number of the header, for the error about a missing item column.
func readLayout(header [][]byte, cols map[string]int, exam *Exam, headerRow int) (*scoreLayout, error) {
	lay := &scoreLayout{id: cols["student_id"], county: cols["county"], school: cols["school"],
		class: cols["class"], subject: cols["subject"], absent: cols["absent"], total: cols["score"]}
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
				return nil, &app.Error{Code: app.EINVALID, Row: headerRow, Field: it.Name,
					Message: "成绩表缺少科目“" + s.Name + "”第" + it.Name + "题的列"}
			}
		}
		lay.itemCol = append(lay.itemCol, ic)
		lay.first = append(lay.first, adjacent(ic))
		fl := make([]int32, len(s.Items))
		for j := range s.Items {
			fl[j] = s.Items[j].Full
		}
		lay.fulls = append(lay.fulls, fl)
	}
	return lay, nil
}

// adjacent returns cols[0] when cols are consecutive column indices, else -1.
func adjacent(cols []int) int {
	for j, c := range cols {
		if c != cols[0]+j {
			return -1
		}
	}
	return cols[0]
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
	if len(exam.Subjects) > 64 {
		return nil, app.Errorf(app.EINVALID, "科目数不能超过64")
	}
	header, cols, err := findHeader(src, "成绩表", []string{"student_id", "county", "school", "class", "subject"},
		[]string{"student_id", "county", "school", "class", "subject", "absent", "score"})
	if err != nil {
		return nil, err
	}
	lay, err := readLayout(header, cols, exam, src.Record())
	if err != nil {
		return nil, err
	}
	b := newBuilder(exam)
	if cs, ok := src.(*csvScanner); ok && lay.prefixLen() > 0 {
		if err := b.readFast(cs, lay); err != nil {
			return nil, err
		}
		return b.done()
	}
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
	return b.done()
}

func (b *builder) done() (*Dataset, error) {
	if len(b.ds.Students) == 0 {
		return nil, app.Errorf(app.EINVALID, "成绩表没有任何考生")
	}
	return b.finish(), nil
}

// addRow validates one scores row and stores it.
func (b *builder) addRow(lay *scoreLayout, rec [][]byte, row int) error {
	subj, st, present, err := b.rowHead(lay, rec, row)
	if !present {
		return err
	}
	return b.addCells(lay, rec, row, subj, b.ds.Subjects[subj].newRow(st))
}

// rowHead validates the student and subject of a row and records an absent
// student. present is true when the row's item cells are to be stored.
func (b *builder) rowHead(lay *scoreLayout, rec [][]byte, row int) (subj int, st int32, present bool, err error) {
	subj = b.subjectOf(field(rec, lay.subject))
	if subj < 0 {
		return 0, 0, false, rowErr(row, lay.header[lay.subject], "科目“%s”不在题目表中", string(field(rec, lay.subject)))
	}
	st, err = b.student(lay, rec, row)
	if err != nil {
		return 0, 0, false, err
	}
	sd := &b.ds.Subjects[subj]
	if b.seen(subj, st) {
		return 0, 0, false, rowErr(row, lay.header[lay.id], "考号“%s”的%s成绩重复", b.ds.Students[st].ID, b.ds.Exam.Subjects[subj].Name)
	}
	if lay.absent >= 0 && truthy(field(rec, lay.absent)) || lay.total >= 0 && absentText(field(rec, lay.total)) {
		sd.Absent = append(sd.Absent, st)
		return subj, st, false, nil
	}
	return subj, st, true, nil
}

// addCells parses the item cells of one present student's row into cells,
// the row last added to the subject.
func (b *builder) addCells(lay *scoreLayout, rec [][]byte, row, subj int, cells []uint8) error {
	sd := &b.ds.Subjects[subj]
	items := b.ds.Exam.Subjects[subj].Items
	var answers []uint8
	if len(sd.Keyed) > 0 {
		answers = sd.Answers[len(sd.Answers)-len(sd.Keyed):]
	}
	if c0 := lay.first[subj]; c0 >= 0 && c0+len(cells) <= len(rec) && fastCells(rec[c0:c0+len(cells)], cells, lay.fulls[subj]) {
		return nil
	}
	for j, c := range lay.itemCol[subj] {
		var cl []byte
		if c < len(rec) {
			cl = rec[c]
		}
		if v, ok := smallScore(cl); ok && (v <= items[j].Full || v == Blank) {
			cells[j] = uint8(v)
			continue
		}
		v, ans, err := b.scoreCell(cl, &items[j], row, lay.header[c])
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
func (b *builder) scoreCell(c []byte, it *Item, row int, col string) (uint8, uint8, error) {
	c = trimSpace(c)
	if len(c) == 0 {
		return Blank, 0, nil
	}
	if c[0] >= '0' && c[0] <= '9' {
		v, ok := parseHalf(c)
		if ok && v <= it.Full {
			return uint8(v), 0, nil
		}
		if ok {
			return 0, 0, rowErr(row, col, "得分%s超过本题满分%s", halfString(v), halfString(it.Full))
		}
		return 0, 0, rowErr(row, col, "得分“%s”应为0.5分的整数倍", string(c))
	}
	if it.Key == "" {
		return 0, 0, rowErr(row, col, "得分“%s”不是有效的分数", string(c))
	}
	m, ok := optionMask(c, it.Options)
	if !ok {
		return 0, 0, rowErr(row, col, "作答“%s”不是本题的选项（%s）", string(c), it.Options)
	}
	if m == keyMask(it) {
		return uint8(it.Full), m, nil
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

// fastCells fills cells from adjacent fields when every field takes the fast
// path; on false the caller parses the row again cell by cell.
func fastCells(fields [][]byte, cells []uint8, fulls []int32) bool {
	fulls = fulls[:len(cells)]
	fields = fields[:len(cells)]
	for j, f := range fields {
		v, ok := smallScore(f)
		if !ok || (v > fulls[j] && v != Blank) {
			return false
		}
		cells[j] = uint8(v)
	}
	return true
}

// smallScore is the fast path for the common cells: blank (-1), one or two
// digits, optionally followed by ".5".
func smallScore(c []byte) (int32, bool) {
	switch len(c) {
	case 0:
		return Blank, true
	case 1:
		if d := c[0] - '0'; d <= 9 {
			return 2 * int32(d), true
		}
	case 2:
		if d, e := c[0]-'0', c[1]-'0'; d <= 9 && e <= 9 {
			return 20*int32(d) + 2*int32(e), true
		}
	case 3:
		if d := c[0] - '0'; d <= 9 && c[1] == '.' && c[2] == '5' {
			return 2*int32(d) + 1, true
		}
	}
	return 0, false
}

// nanSlice returns n NaNs.
func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
