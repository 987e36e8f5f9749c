package web

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/exchange"
)

var xlsxTestCols = []exchange.ExportColumn{
	{Header: "姓名"}, {Header: "身份证号", Kind: exchange.KindID}, {Header: "从教年份", Kind: exchange.KindInt},
	{Header: "备注", Width: 30},
}

// writeTestXLSX writes rows in xlsxTestCols and opens the file with
// excelize, as Excel-compatible readers see it.
func writeTestXLSX(t *testing.T, rows [][]string) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "人员名单", xlsxTestCols, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("excelize cannot open the file: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestStreamedExportReadsBackAsWritten: every cell of a streamed export
// reads back as written in excelize, with the header first, the sheet
// named, text escaped, formulas neutralised and blanks blank.
func TestStreamedExportReadsBackAsWritten(t *testing.T) {
	rows := [][]string{
		{"张三", "330302198001011234", "2001", "a & b <c> \"d\""},
		{"", "", "", "=1+1"},
		{"李四\x01", "", "12.5", " 前后空格 "},
	}
	f := writeTestXLSX(t, rows)
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "人员名单" {
		t.Fatalf("sheets %q", got)
	}
	got, err := f.GetRows("人员名单")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"姓名", "身份证号", "从教年份", "备注"}, {"张三", "330302198001011234", "2001", "a & b <c> \"d\""},
		{"", "", "", "'=1+1"}, {"李四", "", "12.5", " 前后空格 "}}
	if len(got) != len(want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	for i := range want {
		for len(got[i]) < len(want[i]) {
			got[i] = append(got[i], "")
		}
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, got[i], want[i])
		}
	}
}

// TestStreamedExportKeepsTheLayout: the header is bold and frozen, 身份证号
// cells (blank ones too) are text, so an 18-digit number keeps its digits,
// a number column holds numbers a sheet can sum, and widths are set.
func TestStreamedExportKeepsTheLayout(t *testing.T) {
	f := writeTestXLSX(t, [][]string{{"张三", "330302198001011234", "2001", ""}, {"李四", "", "x", ""}})
	const sh = "人员名单"
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := style("A1"); s.Font == nil || !s.Font.Bold {
		t.Errorf("header is not bold: %+v", s)
	}
	for _, c := range []string{"B2", "B3"} {
		if s := style(c); s.NumFmt != 49 {
			t.Errorf("身份证号 cell %s is not text: numFmt %d", c, s.NumFmt)
		}
	}
	if typ, _ := f.GetCellType(sh, "C2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("从教年份 2001 is stored as text")
	}
	if v, _ := f.GetCellValue(sh, "C3"); v != "x" {
		t.Errorf("a non-number in a number column reads %q", v)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth(sh, "D"); w != 30 {
		t.Errorf("备注 width %v, want 30", w)
	}
	if w, _ := f.GetColWidth(sh, "B"); w != 22 {
		t.Errorf("身份证号 width %v, want 22", w)
	}
}

// TestStreamedExportImportsBack: the project's own import reader finds the
// header and every row of a streamed export.
func TestStreamedExportImportsBack(t *testing.T) {
	spec := exchange.Spec{Name: "人员名单", Columns: []exchange.Column{{Key: "name", Header: "姓名", Required: true},
		{Key: "id", Header: "身份证号", Kind: exchange.KindCode}, {Key: "year", Header: "从教年份", Kind: exchange.KindInt},
		{Key: "note", Header: "备注"}}}
	var buf bytes.Buffer
	rows := [][]string{{"张三", "0123", "2001", "甲"}, {"李四", "", "", ""}}
	if err := WriteXLSX(&buf, "人员名单", xlsxTestCols, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	rd, err := exchange.OpenBytes("导出.xlsx", buf.Bytes(), spec, exchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	got, errs, err := rd.All()
	if err != nil || len(errs) > 0 {
		t.Fatalf("read back: %v %v", err, errs)
	}
	if len(got) != 2 || got[0].Values["name"] != "张三" || got[0].Values["id"] != "0123" || got[0].Values["year"] != "2001" ||
		got[1].Values["name"] != "李四" {
		t.Fatalf("rows read back: %+v", got)
	}
}

func TestCellRefNamesColumnsPastZ(t *testing.T) {
	for col, want := range map[int]string{0: "A1", 25: "Z1", 26: "AA1", 51: "AZ1", 701: "ZZ1", 702: "AAA1"} {
		if got := string(cellRef(nil, col, 1)); got != want {
			t.Errorf("column %d: %s, want %s", col, got, want)
		}
	}
	if s := sheetName(strings.Repeat("名", 40) + "/"); len([]rune(s)) != 31 {
		t.Errorf("sheet name %q is not cut to 31 characters", s)
	}
}
