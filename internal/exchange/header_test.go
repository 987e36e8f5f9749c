package exchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"golang.org/x/text/encoding/unicode"

	"jiaoyan/internal/app"
)

func TestHeadersAreMatchedTolerantly(t *testing.T) {
	id := validID("44010619900101123")
	for _, head := range [][]any{
		{"姓名", "身份证号"},
		{" 姓 名 ", "身份证号码*"},
		{"姓名（必填）", "＊证件号码"},
		{"姓名\u00a0", "身份证号(必填)"},
		{"NAME", "ID_CARD"}, // the column key works as a header too
	} {
		_, rows := readAll(t, "h.xlsx", oneSheet(t, head, []any{"张三", id}), teacherSpec)
		if len(rows) != 1 || rows[0].Values["id_card"] != id {
			t.Errorf("header %q: rows %+v", head, rows)
		}
		if _, ok := rows[0].Values["birth"]; ok {
			t.Errorf("header %q: absent optional column has a value", head)
		}
	}
}

func TestHeaderProblems(t *testing.T) {
	cases := []struct {
		head []any
		msg  string
	}{
		{[]any{"姓名", "工号"}, "表格中缺少必填列：身份证号。"},
		{[]any{"姓名", "身份证号", "身份证号码"}, "表头“身份证号码”出现了不止一次"},
		{[]any{"随便", "什么"}, "表格中缺少必填列：姓名、身份证号"},
	}
	for _, c := range cases {
		code, msg := openErr(t, "h.xlsx", oneSheet(t, c.head, []any{"张三", "x"}), Limits{})
		if code != app.EINVALID || !strings.Contains(msg, c.msg) {
			t.Errorf("%v: got %s %q, want %q", c.head, code, msg, c.msg)
		}
	}
}

func TestRequiredBlankCellIsARowError(t *testing.T) {
	_, rows := readAll(t, "r.xlsx", oneSheet(t, []any{"姓名", "身份证号", "出生日期"}, []any{"张三", "", "2024.13.1"}), teacherSpec)
	errs := rows[0].Errors
	if len(errs) != 2 || errs[0].Message != "身份证号不能为空" || errs[1].Column != "birth" || errs[0].Row != 2 {
		t.Fatalf("errors = %+v", errs)
	}
	err := RowErrors(errs).Err(map[string]string{"id_card": "身份证号", "birth": "出生日期"})
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "文件中有 2 处错误，未导入任何数据；第2行“身份证号”：身份证号不能为空") {
		t.Errorf("Err() = %v", err)
	}
}

func TestCSVEncodingsAndDelimiters(t *testing.T) {
	id := validID("44010619900101123")
	text := "姓名,身份证号\r\n\"张三\"," + id + "\r\n\r\n李四,\"" + id + "\"\r\n"
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	cases := map[string][]byte{
		"plain.csv": []byte(text),
		"bom.csv":   []byte("\ufeff" + text),
		"utf16.csv": []byte(utf16),
		"tabs.txt":  []byte(strings.ReplaceAll(text, ",", "\t")),
		"gbk.csv":   genGBKCSV(t),
	}
	for name, data := range cases {
		_, rows := readAll(t, name, data, teacherSpec)
		if len(rows) == 0 || rows[0].Values["name"] != "张三" || rows[0].Values["id_card"] != id || rows[0].Num != 2 {
			t.Errorf("%s: rows %+v", name, rows)
		}
	}
}

func TestCSVProblems(t *testing.T) {
	cases := map[string]struct {
		data string
		msg  string
	}{
		"bad.csv":    {"姓名,身份证号\n\"张三,1\n李四,\"2\"x\n", ""},
		"binary.csv": {"PNG\x00\x00\x01", "不是文本表格"},
		"blank.csv":  {"  \r\n ", "文件是空的"},
		"notes.pdf":  {"%PDF-1.4", "只支持 .xlsx 和 .csv"},
		"export.xls": {"\ufeff<html><body><table><tr><td>姓名</td></tr></table>", "网页（HTML）格式的表格"},
		"2003.xls":   {`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`, "Excel 2003 XML"},
	}
	for name, c := range cases {
		rd, err := OpenBytes(name, []byte(c.data), teacherSpec, Limits{})
		if err == nil {
			_, _, err = rd.All()
			rd.Close()
		}
		if c.msg == "" { // lazy quotes: either read or a clear message, never a panic
			continue
		}
		if err == nil || !strings.Contains(app.ErrorMessage(err), c.msg) {
			t.Errorf("%s: %v, want %q", name, err, c.msg)
		}
	}
}

func TestHashIsTheFileSHA256(t *testing.T) {
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if h, err := Hash(strings.NewReader("abc")); err != nil || h != abc {
		t.Errorf("Hash(abc) = %q, %v", h, err)
	}
	data := []byte("姓名,身份证号\n")
	want, _ := Hash(strings.NewReader(string(data)))
	rd, err := OpenBytes("a.csv", data, teacherSpec, Limits{})
	if err != nil || rd.Hash() != want {
		t.Errorf("Reader.Hash = %v, %v; want %s", rd, err, want)
	}
}

func TestMergedDataCellsApplyToEveryRow(t *testing.T) {
	spec := Spec{Columns: []Column{{Key: "school", Header: "学校", Required: true}, {Key: "name", Header: "姓名", Required: true}}}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"学校", "姓名"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"第一中学", "张三"})
	f.SetSheetRow("Sheet1", "B3", &[]any{"李四"})
	f.SetSheetRow("Sheet1", "B4", &[]any{"王五"})
	f.SetSheetRow("Sheet1", "A5", &[]any{"第二中学", "赵六"})
	f.MergeCell("Sheet1", "A2", "A4")
	var buf bytes.Buffer
	f.Write(&buf)
	_, rows := readAll(t, "m.xlsx", buf.Bytes(), spec)
	var got []string
	for _, r := range rows {
		got = append(got, r.Values["school"]+"/"+r.Values["name"])
	}
	if strings.Join(got, " ") != "第一中学/张三 第一中学/李四 第一中学/王五 第二中学/赵六" {
		t.Errorf("rows = %v", got)
	}
}
