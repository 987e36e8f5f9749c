package exchange

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
)

// teacherSpec is the spec most tests import against.
var teacherSpec = Spec{
	Name: "教师名单",
	Note: "带 * 的列必填；身份证号请填写 18 位",
	Columns: []Column{
		{Key: "name", Header: "姓名", Required: true},
		{Key: "id_card", Header: "身份证号", Aliases: []string{"身份证号码", "证件号码"}, Kind: KindID, Required: true},
		{Key: "birth", Header: "出生日期", Kind: KindDate},
		{Key: "title", Header: "职称", Kind: KindEnum, Options: []string{"三级教师", "二级教师", "一级教师", "高级教师", "正高级教师"}},
		{Key: "staff_no", Header: "工号", Kind: KindCode},
		{Key: "backbone", Header: "是否骨干", Kind: KindBool},
		{Key: "hours", Header: "学时", Kind: KindDecimal},
	},
}

// xlsxOf builds a workbook whose sheets hold the given rows; each value is
// written with its Go type, so numbers become number cells.
func xlsxOf(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oneSheet builds a one-sheet workbook named "Sheet1".
func oneSheet(t testing.TB, rows ...[]any) []byte {
	return xlsxOf(t, map[string][][]any{"Sheet1": rows}, "Sheet1")
}

// readAll opens data and returns its rows, failing the test on file errors.
func readAll(t testing.TB, name string, data []byte, spec Spec) (*Reader, []Row) {
	t.Helper()
	rd, err := OpenBytes(name, data, spec, Limits{})
	if err != nil {
		t.Fatalf("Open(%s): %v", name, err)
	}
	t.Cleanup(func() { rd.Close() })
	rows, _, err := rd.All()
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	return rd, rows
}

// openErr opens data expecting a file error, and returns its code and message.
func openErr(t testing.TB, name string, data []byte, lim Limits) (string, string) {
	t.Helper()
	rd, err := OpenBytes(name, data, teacherSpec, lim)
	if err == nil {
		defer rd.Close()
		_, _, err = rd.All()
	}
	if err == nil {
		t.Fatalf("%s: no error", name)
	}
	var ae *app.Error
	if !errors.As(err, &ae) {
		t.Fatalf("%s: not an app.Error: %v", name, err)
	}
	return ae.Code, ae.Message
}

// validID returns an 18-digit ID number with a correct check digit.
func validID(first17 string) string {
	return first17 + string(idCheckDigit(first17))
}

var _ = io.EOF
