package quality

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"jiaoyan/internal/db"
	"jiaoyan/internal/quality/analysis"
)

// readStoredScores hands the stored scores to the engine: writeScoresCSV
// writes them as a SCORES file into a pipe that the engine reads at the
// same time, so that neither waits for the other and no file is written.
func readStoredScores(ctx context.Context, tx *db.Tx, in analysisInput, pr *stepProgress) (*analysis.Dataset, error) {
	r, w := io.Pipe()
	type read struct {
		ds  *analysis.Dataset
		err error
	}
	done := make(chan read, 1)
	go func() {
		ds, err := analysis.ReadScoresStream(r, in.engine)
		r.CloseWithError(cmp.Or(err, io.ErrClosedPipe)) // a writer still writing stops
		done <- read{ds, err}
	}()
	werr := writeScoresCSV(ctx, tx, w, in, pr)
	w.CloseWithError(werr) // nil: the reader sees the end of the file
	got := <-done
	switch {
	case werr != nil && !errors.Is(werr, io.ErrClosedPipe):
		return nil, werr
	case got.err != nil:
		return nil, got.err
	}
	return got.ds, werr
}

// writeScoresCSV writes the stored scores as an engine SCORES file: the
// fixed columns, 成绩 for totals-only subjects, then one column per distinct
// item label.
func writeScoresCSV(ctx context.Context, tx *db.Tx, f io.Writer, in analysisInput, pr *stepProgress) error {
	sw := newScoresWriter(f, in)
	if err := sw.w.Write(sw.header); err != nil {
		return err
	}
	sw.w.Flush()
	rows, err := tx.Query(ctx, `SELECT subject, student_id, school_id, class_name, absent, cells FROM quality_scores
		WHERE exam_id = ? ORDER BY subject, student_id`, in.examID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var subjB, id, class, cells sql.RawBytes
	subj, seen := "", 0
	for rows.Next() {
		var sid int64
		var absent int
		if err := rows.Scan(&subjB, &id, &sid, &class, &absent, &cells); err != nil {
			return err
		}
		if string(subjB) != subj {
			subj = string(subjB)
			if i := slices.Index(pr.names, subj); i >= 0 {
				pr.at(pctRead*seen/max(1, len(pr.names)), fmt.Sprintf("正在读取成绩 %s（%d/%d）", subj, i+1, len(pr.names)))
				seen++
			}
		}
		if err := sw.row(subj, string(id), sid, string(class), absent == 1, cells); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := sw.w.Error(); err != nil {
		return err
	}
	return sw.bw.Flush()
}

// scoresWriter writes stored score rows as lines of an engine SCORES file.
type scoresWriter struct {
	in     analysisInput
	header []string
	colOf  map[string][]int // a subject's item columns, in paper order
	first  map[string]int   // a subject's first item column when its columns are adjacent and in order, else -1
	labels map[int64]string // schoolLabels of the participating schools
	bw     *bufio.Writer
	w      *csv.Writer
	rec    []string
	line   []byte
}

func newScoresWriter(f io.Writer, in analysisInput) *scoresWriter {
	sw := &scoresWriter{in: in, header: []string{"考号", "县区", "学校", "班级", "科目", "缺考", "成绩"},
		colOf: map[string][]int{}, first: map[string]int{}}
	keyCol := map[string]int{}
	for _, sub := range in.engine.Subjects {
		if in.totals[sub.Name] {
			continue
		}
		for _, it := range sub.Items {
			k := analysis.ItemKey(it.Name)
			c, ok := keyCol[k]
			if !ok {
				c = len(sw.header)
				keyCol[k] = c
				sw.header = append(sw.header, it.Name)
			}
			sw.colOf[sub.Name] = append(sw.colOf[sub.Name], c)
		}
	}
	for subj, cols := range sw.colOf {
		sw.first[subj] = cols[0]
		for j, c := range cols {
			if c != cols[0]+j {
				sw.first[subj] = -1
			}
		}
	}
	list := make([]school, 0, len(in.schools))
	for _, sc := range in.schools {
		list = append(list, sc)
	}
	sw.labels = schoolLabels(list)
	sw.bw = bufio.NewWriterSize(f, 1<<18)
	sw.w = csv.NewWriter(sw.bw)
	sw.rec = make([]string, len(sw.header))
	return sw
}

// row writes one stored row; a row of a subject no longer on the papers is
// skipped. A present row whose subject's item columns are adjacent gets its
// stored cells (already comma-joined numbers and letters) written as they
// are; any other row goes through encoding/csv.
func (sw *scoresWriter) row(subj, id string, sid int64, class string, absent bool, cells []byte) error {
	cols, ok := sw.colOf[subj]
	if !ok && !sw.in.totals[subj] {
		return nil // a subject whose paper was replaced after its scores
	}
	if c0 := sw.first[subj]; ok && !absent && c0 >= 0 && bytes.Count(cells, []byte{','})+1 == len(cols) {
		return sw.fastRow(subj, id, sid, class, c0, len(cols), cells)
	}
	return sw.csvRow(subj, id, sid, class, absent, cols, cells)
}

// fastRow writes a row whose n item cells go, as stored, in the adjacent
// columns from c0.
func (sw *scoresWriter) fastRow(subj, id string, sid int64, class string, c0, n int, cells []byte) error {
	line := appendField(sw.line[:0], id)
	for _, f := range []string{sw.in.schools[sid].County, sw.labels[sid], class, subj} {
		line = appendField(append(line, ','), f)
	}
	for c := 5; c < c0; c++ {
		line = append(line, ',')
	}
	line = append(append(line, ','), cells...)
	for c := c0 + n; c < len(sw.header); c++ {
		line = append(line, ',')
	}
	sw.line = append(line, '\n')
	_, err := sw.bw.Write(sw.line)
	return err
}

// csvRow writes any row through encoding/csv: absent, a totals score, or
// item cells spread over their columns cols.
func (sw *scoresWriter) csvRow(subj, id string, sid int64, class string, absent bool, cols []int, cells []byte) error {
	rec := sw.rec
	clear(rec)
	rec[0], rec[1], rec[2], rec[3], rec[4] = id, sw.in.schools[sid].County, sw.labels[sid], class, subj
	switch {
	case absent:
		rec[5] = "1"
	case sw.in.totals[subj]:
		rec[6] = string(cells)
	default:
		for j, c := range strings.Split(string(cells), ",") {
			if j < len(cols) {
				rec[cols[j]] = c
			}
		}
	}
	if err := sw.w.Write(rec); err != nil {
		return err
	}
	sw.w.Flush()
	return nil
}

// appendField appends s as encoding/csv writes a field: quoted when it
// holds a comma, a quote or a line break, or begins with a space.
func appendField(b []byte, s string) []byte {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[0] != '\t' && s != `\.` {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}
