package exchange

import (
	"errors"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// reportColumn is the header of the column ErrorReport adds.
const reportColumn = "错误说明"

// ErrorReport writes the user's rows back as an .xlsx so they can fix them
// and upload again: the header as they wrote it, their columns in their
// order, every row at the row number it has in their file (so "第5行" is row
// 5 of the report), every bad cell filled light red with the message as a
// note, and an extra last column "错误说明" listing the row's problems. Cells
// hold what the user typed (as text, so long numbers keep their digits),
// except valid dates, written as 2024-09-01. lay comes from Reader.Layout;
// rows are the rows to write (normally all of them); errs refer to rows by
// Row.Num and to columns by Column.Key (an error with an unknown or empty
// Column only appears in "错误说明"). The work is linear in the cells written
// plus the errors; callers cap errs (Limits.MaxErrors) since every error
// becomes a note.
func ErrorReport(w io.Writer, lay Layout, rows []Row, errs []RowError) error {
	i := 0
	return ErrorReportFunc(w, lay, func() (Row, error) {
		if i == len(rows) {
			return Row{}, io.EOF
		}
		i++
		return rows[i-1], nil
	}, errs)
}

// ErrorReportFunc is ErrorReport reading the rows from next until it returns
// io.EOF, e.g. Reader.Next of a second Reader over the same file, so that
// the rows need not be held in memory. Rows must come in increasing Row.Num.
func ErrorReportFunc(w io.Writer, lay Layout, next func() (Row, error), errs []RowError) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := lay.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rw, err := newReportWriter(f, sheet, lay, errs)
	if err != nil {
		return err
	}
	if err := rw.notes(); err != nil {
		return err
	}
	if err := rw.start(); err != nil {
		return err
	}
	if err := rw.rows(next); err != nil {
		return err
	}
	if err := rw.sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

type reportWriter struct {
	f                    *excelize.File
	sw                   *excelize.StreamWriter
	sheet                string
	lay                  Layout
	keyAt                map[int]string // column position → Column.Key
	byRow                map[int][]RowError
	headerRow            int
	text, bad, head, msg int
}

func newReportWriter(f *excelize.File, sheet string, lay Layout, errs []RowError) (*reportWriter, error) {
	rw := &reportWriter{f: f, sheet: sheet, lay: lay, keyAt: map[int]string{}, byRow: map[int][]RowError{},
		headerRow: max(1, lay.HeaderRow)}
	for k, i := range lay.Index {
		rw.keyAt[i] = k
	}
	for _, e := range errs {
		rw.byRow[e.Row] = append(rw.byRow[e.Row], e)
	}
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&rw.text, excelize.Style{NumFmt: 49}},
		{&rw.bad, excelize.Style{NumFmt: 49, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}}},
		{&rw.head, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&rw.msg, excelize.Style{Font: &excelize.Font{Color: "C00000"}, Alignment: &excelize.Alignment{WrapText: true}}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.s)
		if err != nil {
			return nil, err
		}
		*s.id = id
	}
	return rw, nil
}

// notes adds one note per bad cell. It runs before the stream writer
// starts: excelize keeps the notes' drawing link in the worksheet the
// stream writer then writes out.
func (rw *reportWriter) notes() error {
	for row, errs := range rw.byRow {
		if row <= rw.headerRow {
			continue
		}
		for i, msgs := range rw.badCells(errs) {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			err := rw.f.AddComment(rw.sheet, excelize.Comment{Cell: cell, Author: "导入检查", Text: strings.Join(msgs, "；")})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// badCells groups one row's messages by the position of their column.
func (rw *reportWriter) badCells(errs []RowError) map[int][]string {
	out := map[int][]string{}
	for _, e := range errs {
		if i, ok := rw.lay.Index[e.Column]; ok && i < len(rw.lay.Header) {
			out[i] = append(out[i], e.Message)
		}
	}
	return out
}

// start opens the stream writer and writes the user's header plus the
// message column, frozen, at the row where the user's header was.
func (rw *reportWriter) start() error {
	sw, err := rw.f.NewStreamWriter(rw.sheet)
	if err != nil {
		return err
	}
	rw.sw = sw
	n := len(rw.lay.Header) + 1
	if err := sw.SetColWidth(n, n, 50); err != nil {
		return err
	}
	top, _ := excelize.CoordinatesToCellName(1, rw.headerRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: rw.headerRow, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, 0, n)
	for _, h := range rw.lay.Header {
		head = append(head, excelize.Cell{StyleID: rw.head, Value: h})
	}
	head = append(head, excelize.Cell{StyleID: rw.head, Value: reportColumn})
	cell, _ := excelize.CoordinatesToCellName(1, rw.headerRow)
	return sw.SetRow(cell, head)
}

// rows writes every row from next below the header.
func (rw *reportWriter) rows(next func() (Row, error)) error {
	last := rw.headerRow
	for {
		r, err := next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if r.Num <= last {
			continue
		}
		last = r.Num
		if err := rw.row(r); err != nil {
			return err
		}
	}
}

// row writes one user row at its own row number and marks its errors.
func (rw *reportWriter) row(r Row) error {
	errs := rw.byRow[r.Num]
	bad := rw.badCells(errs)
	out := make([]any, 0, len(rw.lay.Header)+1)
	for i := range rw.lay.Header {
		style := rw.text
		if len(bad[i]) > 0 {
			style = rw.bad
		}
		out = append(out, excelize.Cell{StyleID: style, Value: rw.value(r, i)})
	}
	if len(errs) > 0 {
		out = append(out, excelize.Cell{StyleID: rw.msg, Value: rw.summary(errs)})
	}
	cell, _ := excelize.CoordinatesToCellName(1, r.Num)
	return rw.sw.SetRow(cell, out)
}

// value is what the user typed, except that a valid date is written as
// 2024-09-01 rather than as the Excel serial number it was read as.
func (rw *reportWriter) value(r Row, i int) string {
	if key, ok := rw.keyAt[i]; ok && rw.lay.Kinds[key] == KindDate {
		if v := r.Values[key]; v != "" {
			return v
		}
	}
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

// summary lists the row's problems as "列名：说明；…".
func (rw *reportWriter) summary(errs []RowError) string {
	parts := make([]string, 0, len(errs))
	for _, e := range errs {
		name := ""
		if i, ok := rw.lay.Index[e.Column]; ok && i < len(rw.lay.Header) {
			name = rw.lay.Header[i] + "："
		} else if t := rw.lay.Titles[e.Column]; t != "" {
			name = t + "："
		}
		parts = append(parts, name+e.Message)
	}
	return strings.Join(parts, "；")
}
