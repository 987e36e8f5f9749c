package analysis

import (
	"io"
	"math"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
)

// ReadPrior reads earlier scores of the same students for value-added: the
// columns student_id and subject (考号, 科目), and either a score column
// (成绩/总分/score) or item columns (第1题 ...) that are summed. Subjects not
// in the current exam are ignored; students not in ds are counted in
// ds.PriorUnmatched. A marked absent row or a blank score leaves no prior.
func ReadPrior(path string, ds *Dataset, progress Progress) error {
	src, err := openTable(path, progress)
	if err != nil {
		return err
	}
	defer src.Close()
	return parsePrior(src, ds)
}

func parsePrior(src rowSource, ds *Dataset) error {
	header, cols, err := findHeader(src, "前测成绩表", []string{"student_id", "subject"},
		[]string{"student_id", "subject", "score", "absent"})
	if err != nil {
		return err
	}
	sumCols := priorScoreColumns(header, cols["score"])
	if len(sumCols) == 0 {
		return &app.Error{Code: app.EINVALID, Row: 1, Field: "成绩", Message: "前测成绩表缺少“成绩”列或小题列"}
	}
	ids := make(map[string]int32, len(ds.Students))
	for i, s := range ds.Students {
		ids[s.ID] = int32(i)
	}
	ds.Prior = make([][]float64, len(ds.Subjects))
	for s := range ds.Prior {
		ds.Prior[s] = nanSlice(len(ds.Students))
	}
	for {
		rec, err := src.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := ds.addPrior(rec, cols, sumCols, ids, header, src.Record()); err != nil {
			return err
		}
	}
}

// priorScoreColumns returns the score column, or else every column whose
// header is an item label with a number ("第3题", "3").
func priorScoreColumns(header [][]byte, score int) []int {
	if score >= 0 {
		return []int{score}
	}
	var out []int
	for i, h := range header {
		k := itemKey(string(h))
		if k != "" && strings.Trim(k, "0123456789") == "" {
			out = append(out, i)
		}
	}
	return out
}

func (ds *Dataset) addPrior(rec [][]byte, cols map[string]int, sumCols []int, ids map[string]int32, header [][]byte, row int) error {
	st, ok := ids[string(trimSpace(field(rec, cols["student_id"])))]
	if !ok {
		ds.PriorUnmatched++
		return nil
	}
	s := ds.Exam.SubjectIndex(strings.TrimSpace(string(field(rec, cols["subject"]))))
	if s < 0 || (cols["absent"] >= 0 && truthy(field(rec, cols["absent"]))) {
		return nil
	}
	var sum float64
	any := false
	for _, c := range sumCols {
		cell := trimSpace(field(rec, c))
		if len(cell) == 0 {
			continue
		}
		v, ok := parsePriorScore(cell)
		if !ok {
			return rowErr(row, string(header[c]), "前测成绩“%s”应为不小于0的数", string(cell))
		}
		sum += v
		any = true
	}
	if any {
		ds.Prior[s][st] = sum
	} else {
		ds.Prior[s][st] = math.NaN()
	}
	return nil
}

// parsePriorScore parses a prior score: any finite non-negative decimal
// number ("61.4", "88", "0.25"), since a prior is often a converted or 赋分
// total. Exponents, signs, hex and the like are refused.
func parsePriorScore(b []byte) (float64, bool) {
	digits := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || v < 0 {
		return 0, false
	}
	return v, true
}
