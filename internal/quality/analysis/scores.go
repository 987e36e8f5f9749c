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
	header     []string
	id         int
	county     int
	school     int
	schoolCode int // a 学校代码 column, or -1
	class      int
	subject    int
	absent     int
	total      int       // a 总分/成绩 column, read only for an absence written as text
	itemCol    [][]int   // per subject, per item: column index
	first      []int     // per subject: first item column when the items are adjacent in order, else -1
	fulls      [][]int32 // per subject, per item: full marks
	mode       []subjectMode
	totCol     []int   // per subject read as totals: the column holding its score
	noCols     []error // per subject whose columns are missing: the error a row of it gets
}

// subjectMode says how a subject's scores are read from the file.
type subjectMode uint8

const (
	byItems  subjectMode = iota // one column per item
	byTotal                     // one score per student (成绩 column, or the single item of more than 127 points)
	noColumn                    // neither: a row of the subject is an error
)

// readLayout maps the item columns of every subject; headerRow is the row
// number of the header, for the error about a missing item column. A subject
// whose item columns are not all present is read from the 成绩 column when
// there is one (totals only: group figures without item figures); so is a
// subject with an item above MaxItemHalf. Without either, the subject's first
// row is an error, so a file may hold only some of the exam's subjects.
func readLayout(header [][]byte, cols map[string]int, exam *Exam, headerRow int) (*scoreLayout, error) {
	lay := &scoreLayout{id: cols["student_id"], county: cols["county"], school: cols["school"],
		class: cols["class"], subject: cols["subject"], absent: cols["absent"], total: cols["score"], schoolCode: cols["school_code"]}
	keys := make([]string, len(header))
	for i, h := range header {
		lay.header = append(lay.header, string(h))
		keys[i] = itemKey(string(h))
	}
	for _, s := range exam.Subjects {
		ic := make([]int, len(s.Items))
		fl := make([]int32, len(s.Items))
		missing, wide := -1, false
		for j, it := range s.Items {
			ic[j] = indexOf(keys, itemKey(it.Name))
			if ic[j] < 0 && missing < 0 {
				missing = j
			}
			fl[j] = it.Full
			wide = wide || it.Full > MaxItemHalf
		}
		mode, tc, noCol := byItems, -1, error(nil)
		switch {
		case wide && len(ic) == 1 && ic[0] >= 0:
			mode, tc = byTotal, ic[0]
		case (wide || missing >= 0) && lay.total >= 0:
			mode, tc = byTotal, lay.total
		case wide:
			mode, noCol = noColumn, &app.Error{Code: app.EINVALID, Row: headerRow, Field: "成绩",
				Message: "科目“" + s.Name + "”有超过127分的小题，只能按成绩（总分）分析，成绩表缺少“成绩”列"}
		case missing >= 0:
			mode, noCol = noColumn, &app.Error{Code: app.EINVALID, Row: headerRow, Field: s.Items[missing].Name,
				Message: "成绩表缺少科目“" + s.Name + "”第" + s.Items[missing].Name + "题的列"}
		}
		first := -1
		if mode == byItems {
			first = adjacent(ic)
		}
		lay.itemCol = append(lay.itemCol, ic)
		lay.first = append(lay.first, first)
		lay.fulls = append(lay.fulls, fl)
		lay.mode = append(lay.mode, mode)
		lay.totCol = append(lay.totCol, tc)
		lay.noCols = append(lay.noCols, noCol)
	}
	return lay, nil
}

// dataExam returns the exam as the dataset describes it: a subject read as
// totals keeps its name and full marks but has no items.
func (lay *scoreLayout) dataExam(exam *Exam) *Exam {
	out := &Exam{Subjects: append([]Subject(nil), exam.Subjects...)}
	for s, m := range lay.mode {
		if m == byTotal {
			out.Subjects[s].Items = nil
		}
	}
	return out
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
	return parseScoresWith(src, exam, nil, nil)
}

// parseScoresWith is parseScores with the builder set up by setup and its
// collected row errors left in errs.
func parseScoresWith(src rowSource, exam *Exam, setup func(*builder), errs *[]*app.Error) (ds *Dataset, err error) {
	if len(exam.Subjects) > 64 {
		return nil, app.Errorf(app.EINVALID, "科目数不能超过64")
	}
	header, cols, err := findHeader(src, "成绩表", []string{"student_id", "county", "school", "class", "subject"},
		[]string{"student_id", "county", "school", "class", "subject", "absent", "score", "school_code"})
	if err != nil {
		return nil, err
	}
	lay, err := readLayout(header, cols, exam, src.Record())
	if err != nil {
		return nil, err
	}
	b := newBuilder(lay.dataExam(exam))
	if setup != nil {
		setup(b)
		defer func() {
			*errs = b.errs
			if len(b.errs) > 0 {
				ds, err = nil, b.errs[0]
			}
		}()
	}
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
		if err := b.addRow(lay, rec, src.Record()); err != nil && !b.keep(err) {
			return nil, err
		}
	}
	return b.done()
}

// keep records a row error when the builder collects them (ReadScoresAll)
// and reports whether reading goes on; a full list stops it.
func (b *builder) keep(err error) bool {
	e, ok := err.(*app.Error)
	if !ok || e.Row == 0 || b.maxErrs == 0 {
		return false
	}
	b.errs = append(b.errs, e)
	return len(b.errs) < b.maxErrs
}

// ReadScoresAll is ReadScores that goes on past bad rows and returns up to
// max row errors (each naming its row and column), for a validation report
// per row; the dataset is nil when there is any. A file-level problem (a
// missing column, an unreadable file) is the error.
func ReadScoresAll(path string, exam *Exam, progress Progress, max int) (*Dataset, []*app.Error, error) {
	src, err := openTable(path, progress)
	if err != nil {
		return nil, nil, err
	}
	defer src.Close()
	var errs []*app.Error
	ds, err := parseScoresWith(src, exam, func(b *builder) { b.maxErrs = max }, &errs)
	if len(errs) > 0 {
		return nil, errs, nil
	}
	return ds, nil, err
}

func (b *builder) done() (*Dataset, error) {
	if len(b.ds.Students) == 0 {
		return nil, app.Errorf(app.EINVALID, "成绩表没有任何考生")
	}
	return b.dropMissing(b.finish()), nil
}

// dropMissing removes the subjects of which the file has no row at all and
// names them in ds.Missing; the report covers the subjects present.
func (b *builder) dropMissing(ds *Dataset) *Dataset {
	ex := &Exam{}
	subs := ds.Subjects[:0]
	for s := range ds.Subjects {
		if len(ds.Subjects[s].Rows) == 0 && len(ds.Subjects[s].Absent) == 0 {
			ds.Missing = append(ds.Missing, ds.Exam.Subjects[s].Name)
			continue
		}
		ex.Subjects = append(ex.Subjects, ds.Exam.Subjects[s])
		subs = append(subs, ds.Subjects[s])
	}
	if len(ds.Missing) > 0 {
		ds.Exam, ds.Subjects = ex, subs
	}
	return ds
}

// addRow validates one scores row and stores it.
func (b *builder) addRow(lay *scoreLayout, rec [][]byte, row int) error {
	subj, st, present, err := b.rowHead(lay, rec, row)
	if !present {
		return err
	}
	if lay.mode[subj] == byTotal {
		return b.addTotal(lay, rec, row, subj, st)
	}
	return b.addCells(lay, rec, row, subj, b.ds.Subjects[subj].newRow(st))
}

// addTotal stores the score of a subject read as totals. A blank score counts
// the student absent, as files received from elsewhere leave it blank.
func (b *builder) addTotal(lay *scoreLayout, rec [][]byte, row, subj int, st int32) error {
	sd := &b.ds.Subjects[subj]
	c := lay.totCol[subj]
	cl := trimSpace(field(rec, c))
	if len(cl) == 0 {
		sd.Absent = append(sd.Absent, st)
		return nil
	}
	full := b.ds.Exam.Subjects[subj].Full
	v, ok := parseHalf(cl)
	if !ok {
		return rowErr(row, lay.header[c], "成绩“%s”应为0.5分的整数倍", string(cl))
	}
	if v > full {
		return rowErr(row, lay.header[c], "成绩%s超过本科满分%s", halfString(v), halfString(full))
	}
	sd.newRow(st)
	sd.Totals = append(sd.Totals, v)
	return nil
}

// rowHead validates the student and subject of a row and records an absent
// student. present is true when the row's item cells are to be stored.
func (b *builder) rowHead(lay *scoreLayout, rec [][]byte, row int) (subj int, st int32, present bool, err error) {
	subj = b.subjectOf(field(rec, lay.subject))
	if subj < 0 {
		return 0, 0, false, rowErr(row, lay.header[lay.subject], "科目“%s”不在题目表中", string(field(rec, lay.subject)))
	}
	if lay.noCols[subj] != nil {
		return 0, 0, false, lay.noCols[subj]
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

// ReadScoresStream is ReadScores over a UTF-8 CSV stream, such as the one
// the platform writes from its stored scores, read while it is written.
func ReadScoresStream(r io.Reader, exam *Exam) (*Dataset, error) {
	return parseScores(newCSVScanner(r, nil), exam)
}
