package exchange

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

const (
	optionSheet     = "选项"      // hidden sheet holding long dropdown lists
	templateLastRow = 1_048_576 // validations and formats cover the whole column
	inlineListMax   = 250       // Excel allows 255 UTF-16 units in an inline list
)

// Template writes an import template for spec: an instruction row, a bold
// frozen header (required columns marked "*" in red, help as a note),
// text format for ID, code and text columns so Excel keeps leading zeros and
// all 18 digits, a date format for date columns, and dropdowns for enum and
// bool columns (long lists on a hidden sheet "选项"). The file it writes is
// read back by Open with the same spec.
func Template(w io.Writer, spec Spec) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := spec.Name
	if sheet == "" {
		sheet = "导入模板"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	t := &templateWriter{f: f, sheet: sheet, spec: spec}
	for _, step := range []func() error{t.columns, t.note, t.header, t.freeze} {
		if err := step(); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

type templateWriter struct {
	f       *excelize.File
	sheet   string
	spec    Spec
	options int // columns used on the option sheet
}

// note writes the instruction row across all columns.
func (t *templateWriter) note() error {
	text := "填写说明：带 * 的列必须填写；日期写成 2024-09-01；有下拉箭头的列请从列表中选择；请勿修改表头和列的顺序，从第 3 行开始填写。"
	if t.spec.Note != "" {
		text = "填写说明：" + t.spec.Note + "\n" + strings.TrimPrefix(text, "填写说明：")
	}
	last, _ := excelize.CoordinatesToCellName(max(1, len(t.spec.Columns)), 1)
	style, err := t.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Color: "595959", Size: 10},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	if err != nil {
		return err
	}
	if err := t.f.MergeCell(t.sheet, "A1", last); err != nil {
		return err
	}
	if err := t.f.SetCellStr(t.sheet, "A1", text); err != nil {
		return err
	}
	if err := t.f.SetCellStyle(t.sheet, "A1", last, style); err != nil {
		return err
	}
	return t.f.SetRowHeight(t.sheet, 1, 48)
}

// header writes row 2; required headers end with "*".
func (t *templateWriter) header() error {
	plain, err := t.headerStyle("000000")
	if err != nil {
		return err
	}
	red, err := t.headerStyle("C00000")
	if err != nil {
		return err
	}
	for i, c := range t.spec.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		text, style := c.Header, plain
		if c.Required {
			text, style = c.Header+"*", red
		}
		if err := t.f.SetCellStr(t.sheet, cell, text); err != nil {
			return err
		}
		if err := t.f.SetCellStyle(t.sheet, cell, cell, style); err != nil {
			return err
		}
		if err := t.help(cell, c); err != nil {
			return err
		}
	}
	return t.f.SetRowHeight(t.sheet, 2, 22)
}

func (t *templateWriter) headerStyle(color string) (int, error) {
	return t.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: color},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "9BC2E6", Style: 1}},
	})
}

// help attaches the column's help text as a note on its header cell.
func (t *templateWriter) help(cell string, c Column) error {
	if c.Help == "" {
		return nil
	}
	return t.f.AddComment(t.sheet, excelize.Comment{Cell: cell, Author: "说明", Text: c.Help})
}

func (t *templateWriter) freeze() error {
	return t.f.SetPanes(t.sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
}

// columns sets width, number format and dropdown of every column.
func (t *templateWriter) columns() error {
	text, err := t.f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	date, err := t.f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return err
	}
	for i, c := range t.spec.Columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := t.f.SetColWidth(t.sheet, name, name, c.width()); err != nil {
			return err
		}
		if err := t.columnStyle(name, c, text, date); err != nil {
			return err
		}
		if err := t.dropdown(name, c); err != nil {
			return err
		}
	}
	return nil
}

// columnStyle formats the data cells of a column (rows 3 onwards keep the
// format even though the column style is set for the whole column, because
// rows 1-2 carry their own cell styles).
func (t *templateWriter) columnStyle(name string, c Column, text, date int) error {
	switch {
	case c.textFormatted():
		return t.f.SetColStyle(t.sheet, name, text)
	case c.Kind == KindDate:
		return t.f.SetColStyle(t.sheet, name, date)
	}
	return nil
}

// dropdown adds a list validation to enum and bool columns.
func (t *templateWriter) dropdown(name string, c Column) error {
	items := c.Options
	if c.Kind == KindBool {
		items = []string{"是", "否"}
	}
	if len(items) == 0 || (c.Kind != KindEnum && c.Kind != KindBool) {
		return nil
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s3:%s%d", name, name, templateLastRow)
	style := excelize.DataValidationErrorStyleStop
	if c.Resolve != nil { // other names are understood on import: warn, do not refuse
		style = excelize.DataValidationErrorStyleWarning
	}
	dv.SetError(style, "输入有误", "请从下拉列表中选择"+c.Header)
	if fitsInline(items) {
		if err := dv.SetDropList(items); err != nil {
			return err
		}
	} else {
		ref, err := t.optionList(items)
		if err != nil {
			return err
		}
		dv.SetSqrefDropList(ref)
	}
	return t.f.AddDataValidation(t.sheet, dv)
}

func fitsInline(items []string) bool {
	n := 0
	for _, s := range items {
		if strings.ContainsAny(s, `,"`) {
			return false
		}
		n += len([]rune(s)) + 1
	}
	return n <= inlineListMax
}

// optionList writes items into the next column of the hidden option sheet
// and returns an absolute reference to them.
func (t *templateWriter) optionList(items []string) (string, error) {
	if t.options == 0 {
		if _, err := t.f.NewSheet(optionSheet); err != nil {
			return "", err
		}
		if err := t.f.SetSheetVisible(optionSheet, false); err != nil {
			return "", err
		}
	}
	t.options++
	col, _ := excelize.ColumnNumberToName(t.options)
	for i, s := range items {
		if err := t.f.SetCellStr(optionSheet, fmt.Sprintf("%s%d", col, i+1), s); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("'%s'!$%s$1:$%s$%d", optionSheet, col, col, len(items)), nil
}

func ptr[T any](v T) *T { return &v }
