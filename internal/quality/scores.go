package quality

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/quality/analysis"
)

// maxRowErrors is how many bad rows one import reports.
const maxRowErrors = 200

// RowErrors is the validation report of a scores file: every bad row (up to
// 200), each naming its row and column. Nothing was written. It unwraps to
// the first, an EINVALID app.Error.
type RowErrors struct{ All []*app.Error }

func (e RowErrors) Error() string {
	return fmt.Sprintf("成绩表有 %d 处错误，未导入任何成绩；第一处：%s", len(e.All), e.All[0].Error())
}

// Unwrap is the first error.
func (e RowErrors) Unwrap() error { return e.All[0] }

// ScoresOutcome is what a scores import did.
type ScoresOutcome struct {
	Subjects []SubjectImport // the subjects replaced
	Missing  []string        // paper subjects the file did not hold (kept as they were)
}

// ImportScores reads a scores file (the engine's SCORES format, CSV or xlsx)
// against the exam's papers and, for every subject the file holds, replaces
// that subject's scores in one transaction: whole or not at all. Subjects of
// the papers the file lacks are left as they were and named in Missing. A
// bad cell is an EINVALID naming the row and column, and nothing is written.
func (s *Service) ImportScores(ctx context.Context, actor app.Actor, examID int64, name string, data []byte, p Progress) (ScoresOutcome, error) {
	p = progressOr(p)
	f, err := s.parseScores(ctx, actor, examID, name, data, scaled(p, 0, 50))
	if err != nil {
		return ScoresOutcome{}, err
	}
	return s.writeScores(ctx, actor, f, scaled(p, 50, 100))
}

// parsedScores is a scores file read and checked against the exam.
type parsedScores struct {
	examID  int64
	exam    Exam
	ds      *analysis.Dataset
	schools []school         // the exam's participating schools
	ids     []int64          // the participating school of each school of ds
	labels  map[int64]string // schoolLabels(schools), once place is called
	byID    map[int64]school
}

// parseScores reads a scores file against the exam's papers and schools,
// reporting its progress from 0 to 100.
func (s *Service) parseScores(ctx context.Context, actor app.Actor, examID int64, name string, data []byte, p Progress) (*parsedScores, error) {
	f := &parsedScores{examID: examID}
	var ex *analysis.Exam
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		f.exam = e
		if ex, err = loadPapers(ctx, tx, examID); err != nil {
			return err
		}
		f.schools, err = loadSchools(ctx, tx, examID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(ex.Subjects) == 0 {
		return nil, app.Errorf(app.EINVALID, "请先导入试卷（题目表），再导入成绩")
	}
	p.Report(0, 100, "正在读取成绩表")
	err = withTempFile(name, data, func(path string) error {
		var err error
		var rows []*app.Error
		f.ds, rows, err = analysis.ReadScoresAll(path, ex, func(done, total int64) {
			if total > 0 {
				p.Report(int(done*100/total), 100, "正在读取成绩表")
			}
		}, maxRowErrors)
		if len(rows) > 0 {
			return RowErrors{All: rows}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	f.ids, err = mapSchools(f.ds, newSchoolIndex(f.schools))
	return f, err
}

// writeScores replaces the scores of every subject of f in one
// transaction, reporting its progress from 0 to 100.
func (s *Service) writeScores(ctx context.Context, actor app.Actor, f *parsedScores, p Progress) (ScoresOutcome, error) {
	ds := f.ds
	out := ScoresOutcome{Missing: ds.Missing}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := manageExam(ctx, tx, actor, f.examID); err != nil {
			return err
		}
		defer bulkCache(ctx, tx)()
		out.Subjects = make([]SubjectImport, len(ds.Exam.Subjects))
		rows, done := 0, 0
		for _, sd := range ds.Subjects {
			rows += len(sd.Rows) + len(sd.Absent)
		}
		for _, si := range subjectsInKeyOrder(ds) {
			n := len(ds.Subjects[si].Rows) + len(ds.Subjects[si].Absent)
			imp, err := s.replaceScores(ctx, tx, actor, f.examID, ds, si, f.ids, scaled(p, done*100/max(1, rows), (done+n)*100/max(1, rows)))
			if err != nil {
				return err
			}
			done += n
			out.Subjects[si] = imp
		}
		var names []string
		for _, imp := range out.Subjects {
			names = append(names, imp.Subject+" "+strconv.Itoa(imp.Students)+"人")
		}
		return record(ctx, tx, actor, "exam.scores", "exam", f.examID, "导入成绩："+f.exam.Name+"（"+strings.Join(names, "、")+"）", nil, nil)
	})
	if err != nil {
		return ScoresOutcome{}, err
	}
	return out, nil
}

// mapSchools returns the participating school id of every school of ds.
func mapSchools(ds *analysis.Dataset, ix schoolIndex) ([]int64, error) {
	ids := make([]int64, len(ds.Schools))
	for i, u := range ds.Schools {
		sc, err := ix.find(ds.Counties[u.Parent].Name, u)
		if err != nil {
			return nil, err
		}
		ids[i] = sc.ID
	}
	return ids, nil
}

// scoreBatch is how many score rows one INSERT carries.
const scoreBatch = 200

// replaceScores deletes subject si's scores and inserts those of ds.
func (s *Service) replaceScores(ctx context.Context, tx *db.Tx, actor app.Actor, examID int64, ds *analysis.Dataset, si int,
	schoolIDs []int64, p Progress) (SubjectImport, error) {
	sub := ds.Exam.Subjects[si]
	sd := &ds.Subjects[si]
	imp := SubjectImport{Subject: sub.Name, TotalsOnly: sd.Totals != nil || len(sub.Items) == 0, Students: len(sd.Rows),
		Absent: len(sd.Absent), ImportedBy: actor.Username, ImportedAt: s.now().UnixMilli()}
	_, err := tx.Exec(ctx, "DELETE FROM quality_scores WHERE exam_id = ? AND subject = ?", examID, sub.Name)
	if err != nil {
		return imp, err
	}
	// the exam and subject, the same on every row, are literals: 5 values
	// bound a row, not 7; a subject name of anything but letters and digits
	// is bound, never quoted into the SQL
	lead, cols, bound := strconv.FormatInt(examID, 10), 5, []any(nil)
	if plainName(sub.Name) {
		lead += ", " + sqlText(sub.Name)
	} else {
		cols, bound = 6, []any{sub.Name}
	}
	ins := newBatchLead(tx, "INSERT INTO quality_scores (exam_id, subject, student_id, school_id, class_name, absent, cells) VALUES ",
		lead, cols, scoreBatch)
	var buf []byte
	for n, r := range rowsInKeyOrder(ds, sd) {
		if r < len(sd.Rows) {
			buf = cellsText(buf[:0], ds, si, r)
			err = ins.add(ctx, append(bound, scoreRow(ds, sd.Rows[r], schoolIDs, 0, string(buf))...)...)
		} else {
			err = ins.add(ctx, append(bound, scoreRow(ds, sd.Absent[r-len(sd.Rows)], schoolIDs, 1, "")...)...)
		}
		if err != nil {
			return imp, err
		}
		if n%8192 == 0 {
			p.Report(n, max(1, len(sd.Rows)+len(sd.Absent)), "正在写入"+sub.Name+"成绩")
		}
	}
	if err := ins.flush(ctx); err != nil {
		return imp, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO quality_exam_subjects (exam_id, subject, totals_only, students, absent, imported_by, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (exam_id, subject) DO UPDATE SET totals_only = excluded.totals_only,
		students = excluded.students, absent = excluded.absent, imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
		examID, sub.Name, boolInt(imp.TotalsOnly), imp.Students, imp.Absent, imp.ImportedBy, imp.ImportedAt)
	return imp, err
}

// subjectsInKeyOrder is the subjects of ds in the order of their names'
// bytes, the order of quality_scores' key, so that each subject's rows are
// appended after the last one's rather than split into the middle of the
// b-tree.
func subjectsInKeyOrder(ds *analysis.Dataset) []int {
	order := make([]int, len(ds.Exam.Subjects))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(ds.Exam.Subjects[a].Name, ds.Exam.Subjects[b].Name) })
	return order
}

// rowsInKeyOrder is subject sd's rows in student id order: r below
// len(sd.Rows) is present row r, above it absent student r-len(sd.Rows).
// Written in key order, each row lands on the b-tree's last page. The
// reader leaves ds's students sorted by id, so that order is the students'
// own: one pass over them, no sort of the ids.
func rowsInKeyOrder(ds *analysis.Dataset, sd *analysis.SubjectData) []int {
	n := len(sd.Rows)
	at := make([]int32, len(ds.Students)) // row+1 of each student, 0 when not in the subject
	for r, st := range sd.Rows {
		at[st] = int32(r + 1)
	}
	for a, st := range sd.Absent {
		at[st] = int32(n + a + 1)
	}
	order := make([]int, 0, n+len(sd.Absent))
	for _, r := range at {
		if r > 0 {
			order = append(order, int(r-1))
		}
	}
	return order
}

// scoreRow is the bound values of student st's score row.
func scoreRow(ds *analysis.Dataset, st int32, schoolIDs []int64, absent int, cells string) []any {
	stu := ds.Students[st]
	return []any{stu.ID, schoolIDs[stu.School], ds.Classes[stu.Class].Name, absent, cells}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cellsText appends the stored text of row r of subject si: the item cells
// joined by commas (blank for a blank, the chosen letters for a keyed
// objective item answered by letter), or the score of a totals subject.
func cellsText(b []byte, ds *analysis.Dataset, si, r int) []byte {
	sd := &ds.Subjects[si]
	if sd.Totals != nil {
		return appendHalf(b, int32(sd.Totals[r]))
	}
	var answers []uint8
	if len(sd.Keyed) > 0 {
		answers = sd.Answers[r*len(sd.Keyed) : (r+1)*len(sd.Keyed)]
	}
	k := 0
	for j, c := range sd.Cells(r) {
		if j > 0 {
			b = append(b, ',')
		}
		if k < len(sd.Keyed) && sd.Keyed[k] == j {
			if m := answers[k]; m != 0 {
				b = appendLetters(b, m)
				k++
				continue
			}
			k++
		}
		if c != analysis.Blank {
			b = appendHalf(b, int32(c))
		}
	}
	return b
}

func appendHalf(b []byte, v int32) []byte {
	b = strconv.AppendInt(b, int64(v/2), 10)
	if v%2 != 0 {
		b = append(b, ".5"...)
	}
	return b
}

func appendLetters(b []byte, m uint8) []byte {
	for i := 0; i < 8; i++ {
		if m&(1<<i) != 0 {
			b = append(b, byte('A'+i))
		}
	}
	return b
}
