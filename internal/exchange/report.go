package exchange

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// reportColumn is the header of the column ErrorReport adds.
const reportColumn = "错误说明"

// ErrorReport writes the user's rows back as an .xlsx so they can fix them
// and upload again: the header as they wrote it, their columns in their
// order, every bad cell filled light red with the message as a note, and an
// extra last column "错误说明" listing the row's problems. Cells hold what
// the user typed (as text, so long numbers keep their digits), except valid
// dates, written as 2024-09-01. lay comes from Reader.Layout; rows are the rows to write (normally
// all of them); errs refer to rows by Row.Num and to columns by Column.Key
// (an error with an unknown or empty Column only appears in "错误说明").
func ErrorReport(w io.Writer, lay Layout, rows []Row, errs []RowError) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := lay.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rw, err := newReportWriter(f, sheet, lay)
	if err != nil {
		return err
	}
	if err := rw.header(); err != nil {
		return err
	}
	byRow := map[int][]RowError{}
	for _, e := range errs {
		byRow[e.Row] = append(byRow[e.Row], e)
	}
	for i, r := range rows {
		if err := rw.row(i+2, r, byRow[r.Num]); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

type reportWriter struct {
	f                    *excelize.File
	sheet                string
	lay                  Layout
	keyAt                map[int]string // column position → Column.Key
	text, bad, head, msg int
}

func newReportWriter(f *excelize.File, sheet string, lay Layout) (*reportWriter, error) {
	rw := &reportWriter{f: f, sheet: sheet, lay: lay, keyAt: map[int]string{}}
	for k, i := range lay.Index {
		rw.keyAt[i] = k
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

// header writes the user's header plus the message column and freezes it.
func (rw *reportWriter) header() error {
	head := make([]any, 0, len(rw.lay.Header)+1)
	for _, h := range rw.lay.Header {
		head = append(head, h)
	}
	head = append(head, reportColumn)
	if err := rw.f.SetSheetRow(rw.sheet, "A1", &head); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := rw.f.SetCellStyle(rw.sheet, "A1", last, rw.head); err != nil {
		return err
	}
	col, _ := excelize.ColumnNumberToName(len(head))
	if err := rw.f.SetColWidth(rw.sheet, col, col, 50); err != nil {
		return err
	}
	return rw.f.SetPanes(rw.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// row writes one user row at sheet row n and marks its errors.
func (rw *reportWriter) row(n int, r Row, errs []RowError) error {
	bad := map[string][]string{}
	for _, e := range errs {
		bad[e.Column] = append(bad[e.Column], e.Message)
	}
	for i := range rw.lay.Header {
		cell, _ := excelize.CoordinatesToCellName(i+1, n)
		if err := rw.cell(cell, rw.value(r, i), bad[rw.keyAt[i]]); err != nil {
			return err
		}
	}
	if len(errs) == 0 {
		return nil
	}
	cell, _ := excelize.CoordinatesToCellName(len(rw.lay.Header)+1, n)
	if err := rw.f.SetCellStr(rw.sheet, cell, rw.summary(errs)); err != nil {
		return err
	}
	return rw.f.SetCellStyle(rw.sheet, cell, cell, rw.msg)
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

func (rw *reportWriter) cell(cell, value string, msgs []string) error {
	if err := rw.f.SetCellStr(rw.sheet, cell, value); err != nil {
		return err
	}
	if len(msgs) == 0 {
		return rw.f.SetCellStyle(rw.sheet, cell, cell, rw.text)
	}
	if err := rw.f.SetCellStyle(rw.sheet, cell, cell, rw.bad); err != nil {
		return err
	}
	return rw.f.AddComment(rw.sheet, excelize.Comment{Cell: cell, Author: "导入检查", Text: strings.Join(msgs, "；")})
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
