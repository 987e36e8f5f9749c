package exchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestNumbersAsIDAreRejectedWithTheReason(t *testing.T) {
	data := oneSheet(t,
		[]any{"姓名", "身份证号"},
		[]any{"张三", 440106199001011234.0},
		[]any{"李四", "4.40106199001011E+17"},
		[]any{"王五", "440106199001011000"},
		[]any{"赵六", validID("44010619900101123")},
	)
	_, rows := readAll(t, "ids.xlsx", data, teacherSpec)
	for _, r := range rows[:3] {
		if len(r.Errors) != 1 || r.Errors[0].Message != msgIDAsNumber || r.Errors[0].Column != "id_card" {
			t.Errorf("row %d (%q): errors %v, want the number-stored-ID message", r.Num, r.Cells[1], r.Errors)
		}
	}
	if len(rows[3].Errors) != 0 {
		t.Errorf("valid ID rejected: %v", rows[3].Errors)
	}
}

func TestErrorReportMarksBadCells(t *testing.T) {
	data := oneSheet(t,
		[]any{"教师名单"},
		[]any{"工号", "姓名", "身份证号", "出生日期", "备注"},
		[]any{"T01", "张三", "4.40106199001011E+17", "2024.9.1", "a"},
		[]any{"T02", "", validID("44010619900101123"), "下周", "b"},
		[]any{"T03", "王五", validID("44010619900101124"), "20240901", "c"},
	)
	rd, rows := readAll(t, "in.xlsx", data, teacherSpec)
	var errs RowErrors
	for _, r := range rows {
		errs = append(errs, r.Errors...)
	}
	errs.Add(5, "staff_no", "工号与第3行重复") // a caller's own check
	var buf bytes.Buffer
	if err := ErrorReport(&buf, rd.Layout(), rows, errs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, _ := f.GetRows("Sheet1")
	if len(all) != 5 || len(all[0]) != 0 {
		t.Fatalf("report rows = %v, want the header at row 2 as in the file and row 1 empty", all)
	}
	got := all[1:]
	if strings.Join(got[0], "|") != "工号|姓名|身份证号|出生日期|备注|错误说明" {
		t.Fatalf("header = %v", got[0])
	}
	if got[1][3] != "2024-09-01" || got[1][2] != "4.40106199001011E+17" {
		t.Errorf("row 3 = %v", got[1])
	}
	wantMsg := []string{"身份证号：" + msgIDAsNumber, "姓名：姓名不能为空；出生日期：日期格式无法识别", "工号：工号与第3行重复"}
	for i, w := range wantMsg {
		if len(got[i+1]) < 6 || !strings.HasPrefix(got[i+1][5], w) {
			t.Errorf("row %d 错误说明 = %v, want prefix %q", i+3, got[i+1], w)
		}
	}
	fill := func(cell string) string {
		id, _ := f.GetCellStyle("Sheet1", cell)
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) == 0 {
			return ""
		}
		return st.Fill.Color[0]
	}
	if fill("C3") != "FFC7CE" || fill("B4") != "FFC7CE" || fill("A3") != "" || fill("A5") != "FFC7CE" {
		t.Errorf("fills C3=%q B4=%q A3=%q A5=%q", fill("C3"), fill("B4"), fill("A3"), fill("A5"))
	}
	comments, _ := f.GetComments("Sheet1")
	if len(comments) != 4 {
		t.Errorf("got %d notes, want 4: %+v", len(comments), comments)
	}
}

func TestErrorReportCanBeUploadedAgain(t *testing.T) {
	data := oneSheet(t, []any{"姓名", "身份证号"}, []any{"张三", "123"})
	rd, rows := readAll(t, "in.xlsx", data, teacherSpec)
	var buf bytes.Buffer
	if err := ErrorReport(&buf, rd.Layout(), rows, rows[0].Errors); err != nil {
		t.Fatal(err)
	}
	_, again := readAll(t, "report.xlsx", buf.Bytes(), teacherSpec)
	if len(again) != 1 || again[0].Values["name"] != "张三" || len(again[0].Errors) != 1 {
		t.Fatalf("re-read = %+v", again)
	}
}
