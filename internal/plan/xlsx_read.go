package plan

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
)

// Limits for reading an xlsx file: a problem workbook is small, so anything
// that unzips to more is refused before it is parsed.
const (
	xlsxUnzipLimit    = 256 << 20
	xlsxUnzipXMLLimit = 64 << 20
	maxSheetRows      = maxItems + 1
)

// decodeXLSX reads a problem workbook into v (a pointer to a problem struct).
// Every list field is one sheet (named by its Chinese label or JSON name) with
// a header row; scalar and nested settings are rows of the 参数 sheet
// (name in column A, value in column B). Errors name the sheet, row and column.
func decodeXLSX(r io.Reader, v any) error {
	f, err := excelize.OpenReader(io.LimitReader(r, maxInputBytes), excelize.Options{
		UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return app.Errorf(app.EINVALID, "无法打开 Excel 文件，请确认是 .xlsx 格式：%v", err)
	}
	defer f.Close()
	root := reflect.ValueOf(v).Elem()
	t := root.Type()
	for i := range t.NumField() {
		name := jsonName(t.Field(i))
		fv := root.Field(i)
		if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct {
			if err := readSheet(f, name, fv); err != nil {
				return err
			}
		}
	}
	return readParams(f, root)
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

func findSheet(f *excelize.File, name string) string {
	for _, s := range f.GetSheetList() {
		if matchesName(s, name) {
			return s
		}
	}
	return ""
}

func readSheet(f *excelize.File, name string, list reflect.Value) error {
	sheet := findSheet(f, name)
	if sheet == "" {
		return nil
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return app.Errorf(app.EINVALID, "工作表“%s”无法读取：%v", sheet, err)
	}
	if len(rows) > maxSheetRows {
		return app.Errorf(app.ETOOLARGE, "工作表“%s”超过%d行", sheet, maxSheetRows)
	}
	if len(rows) == 0 {
		return nil
	}
	cols, err := headerColumns(sheet, rows[0], list.Type().Elem())
	if err != nil {
		return err
	}
	for r, row := range rows[1:] {
		if blank(row) {
			continue
		}
		elem := reflect.New(list.Type().Elem()).Elem()
		for c, cell := range row {
			if c < len(cols) && cols[c] >= 0 {
				if err := setCell(elem.Field(cols[c]), cell); err != nil {
					return &app.Error{Code: app.EINVALID, Row: r + 2, Field: sheet + "." + rows[0][c],
						Message: fmt.Sprintf("工作表“%s”“%s”列：%s", sheet, rows[0][c], err.Error())}
				}
			}
		}
		list.Set(reflect.Append(list, elem))
	}
	return nil
}

// headerColumns maps each column to a struct field index, or -1 for a column
// the struct does not have (refused, so a typo is not silently dropped).
func headerColumns(sheet string, header []string, t reflect.Type) ([]int, error) {
	cols := make([]int, len(header))
	for c, h := range header {
		cols[c] = -1
		if strings.TrimSpace(h) == "" {
			continue
		}
		for i := range t.NumField() {
			if matchesName(h, jsonName(t.Field(i))) {
				cols[c] = i
			}
		}
		if cols[c] < 0 {
			return nil, &app.Error{Code: app.EINVALID, Row: 1, Field: sheet,
				Message: fmt.Sprintf("工作表“%s”的列名“%s”无法识别", sheet, h)}
		}
	}
	return cols, nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readParams fills the scalar and nested-struct fields from the 参数 sheet.
func readParams(f *excelize.File, root reflect.Value) error {
	sheet := findSheet(f, paramSheet)
	if sheet == "" {
		sheet = findSheet(f, "params")
	}
	if sheet == "" {
		return nil
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return app.Errorf(app.EINVALID, "工作表“%s”无法读取：%v", sheet, err)
	}
	for r, row := range rows {
		if len(row) == 0 || strings.TrimSpace(row[0]) == "" || (r == 0 && matchesName(row[0], "name")) {
			continue
		}
		fv, ok := paramField(root, row[0])
		if !ok {
			return &app.Error{Code: app.EINVALID, Row: r + 1, Field: sheet, Message: fmt.Sprintf("工作表“%s”的参数“%s”无法识别", sheet, row[0])}
		}
		value := ""
		if len(row) > 1 {
			value = row[1]
		}
		if err := setCell(fv, value); err != nil {
			return &app.Error{Code: app.EINVALID, Row: r + 1, Field: sheet + "." + row[0], Message: fmt.Sprintf("参数“%s”：%s", row[0], err.Error())}
		}
	}
	return nil
}

// paramField finds a scalar field by name at the top level or one level down
// in a nested struct (options, weights).
func paramField(root reflect.Value, key string) (reflect.Value, bool) {
	t := root.Type()
	for i := range t.NumField() {
		fv, ft := root.Field(i), t.Field(i)
		if fv.Kind() == reflect.Struct {
			if v, ok := paramField(fv, key); ok {
				return v, true
			}
			continue
		}
		if isParam(fv) && matchesName(key, jsonName(ft)) {
			return fv, true
		}
	}
	return reflect.Value{}, false
}

func isParam(v reflect.Value) bool {
	return !(v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct)
}

// setCell parses one cell into a field of kind string, int, bool, float,
// pointer to those, or list of strings (separated by 、 , ， ; ；).
func setCell(v reflect.Value, cell string) error {
	cell = strings.TrimSpace(cell)
	switch v.Kind() {
	case reflect.String:
		v.SetString(cell)
	case reflect.Int:
		return setInt(v, cell)
	case reflect.Bool:
		return setBool(v, cell)
	case reflect.Float64:
		x, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return fmt.Errorf("“%s”不是数字", cell)
		}
		v.SetFloat(x)
	case reflect.Pointer:
		if cell == "" {
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := setCell(p.Elem(), cell); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return fmt.Errorf("不能从表格读取")
		}
		v.Set(reflect.ValueOf(splitList(cell)))
	}
	return nil
}

func setInt(v reflect.Value, cell string) error {
	if cell == "" {
		return nil
	}
	x, err := strconv.Atoi(cell)
	if err != nil {
		f, ferr := strconv.ParseFloat(cell, 64)
		if ferr != nil || f != float64(int(f)) || f > 1e9 || f < -1e9 {
			return fmt.Errorf("“%s”不是整数", cell)
		}
		x = int(f)
	}
	v.SetInt(int64(x))
	return nil
}

func setBool(v reflect.Value, cell string) error {
	switch strings.ToLower(cell) {
	case "", "否", "false", "0", "n", "no", "×":
		v.SetBool(false)
	case "是", "true", "1", "y", "yes", "√":
		v.SetBool(true)
	default:
		return fmt.Errorf("“%s”应填 是 或 否", cell)
	}
	return nil
}

func splitList(cell string) []string {
	parts := strings.FieldsFunc(cell, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n'
	})
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
