package plan

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// termTable lets a plan write one sheet its own way (the rotation table, one
// column per term) instead of one column per struct field.
type termTable interface {
	termTable() (field string, header []string, rows [][]any)
}

// encodeXLSX writes v (a problem or plan struct pointer) as a workbook: scalar
// settings on the first sheet (first, e.g. 概要 or 参数) as name/value rows,
// then one sheet per list field with a 标签（json_name） header row. A problem
// written this way reads back with decodeXLSX.
func encodeXLSX(w io.Writer, v any, first string) error {
	f := excelize.NewFile()
	defer f.Close()
	root := reflect.ValueOf(v).Elem()
	if err := writeParams(f, first, root); err != nil {
		return err
	}
	custom := ""
	if tt, ok := v.(termTable); ok {
		name, header, rows := tt.termTable()
		custom = name
		if err := writeRows(f, sheetNameOf(name), header, rows); err != nil {
			return err
		}
	}
	t := root.Type()
	for i := range t.NumField() {
		fv, name := root.Field(i), jsonName(t.Field(i))
		if isParam(fv) || name == custom {
			continue
		}
		header, rows := structRows(fv)
		if err := writeRows(f, sheetNameOf(name), header, rows); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

func writeParams(f *excelize.File, sheet string, root reflect.Value) error {
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	var rows [][]any
	var walk func(reflect.Value)
	walk = func(s reflect.Value) {
		for i := range s.NumField() {
			fv := s.Field(i)
			switch {
			case fv.Kind() == reflect.Struct:
				walk(fv)
			case isParam(fv):
				rows = append(rows, []any{labelOf(jsonName(s.Type().Field(i))), cellValue(fv)})
			}
		}
	}
	walk(root)
	return setRows(f, sheet, append([][]any{{"参数（name）", "值（value）"}}, rows...))
}

func structRows(list reflect.Value) ([]string, [][]any) {
	t := list.Type().Elem()
	var header []string
	for i := range t.NumField() {
		header = append(header, labelOf(jsonName(t.Field(i))))
	}
	rows := make([][]any, list.Len())
	for r := range rows {
		for i := range t.NumField() {
			rows[r] = append(rows[r], cellValue(list.Index(r).Field(i)))
		}
	}
	return header, rows
}

func writeRows(f *excelize.File, sheet string, header []string, rows [][]any) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = h
	}
	return setRows(f, sheet, append([][]any{head}, rows...))
}

func setRows(f *excelize.File, sheet string, rows [][]any) error {
	for r, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return nil
}

// cellValue renders a field for a cell: numbers stay numbers, booleans are
// 是/否, lists are joined with 、, nil pointers are empty.
func cellValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return cellValue(v.Elem())
	case reflect.Bool:
		if v.Bool() {
			return "是"
		}
		return "否"
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = fmt.Sprint(v.Index(i).Interface())
		}
		return strings.Join(parts, "、")
	case reflect.Int, reflect.Int64:
		return v.Int()
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return v.Interface()
}

// termTable writes the rotation as 教研员 × 学期.
func (p *RotationPlan) termTable() (string, []string, [][]any) {
	header := append([]string{labelOf("researcher")}, p.Terms...)
	rows := make([][]any, len(p.Table))
	for r, row := range p.Table {
		rows[r] = []any{row.Researcher}
		for _, s := range row.Schools {
			rows[r] = append(rows[r], s)
		}
	}
	return "table", header, rows
}
