package exchange

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiaoyan/internal/app"
)

// TestMalformedFiles opens every file of testdata/malformed and checks the
// message the user gets.
func TestMalformedFiles(t *testing.T) {
	cases := []struct {
		file, code, msg string
	}{
		{"empty.xlsx", app.EINVALID, "文件是空的"},
		{"truncated.xlsx", app.EINVALID, "文件不完整或已损坏"},
		{"zip_bomb.xlsx", app.ETOOLARGE, "文件解压后单个部件超过 100 MB"},
		// The sheet inflates past the 1 KB its directory declares: refused while read.
		{"zip_bomb_lying.xlsx", app.ETOOLARGE, "实际大小超过了文件内声明的大小"},
		{"rows_2m.xlsx", app.ETOOLARGE, "表格超过 200000 行的上限"},
		{"no_header.xlsx", app.EINVALID, "表格中缺少必填列：姓名、身份证号（已查看工作表：Sheet1、Sheet2）"},
		{"renamed_png.xlsx", app.EINVALID, "文件内容不是 Excel 表格"},
		{"old.xls", app.EINVALID, "旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx"},
		{"encrypted.xlsx", app.EINVALID, "文件设置了打开密码"},
		{"word.xlsx", app.EINVALID, "这是 Word 文档"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			code, msg := openErr(t, c.file, readMalformed(t, c.file), Limits{})
			if code != c.code || !strings.Contains(msg, c.msg) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, c.code, c.msg)
			}
		})
	}
}

func readMalformed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(malformedDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMalformedButReadable(t *testing.T) {
	id := validID("44010619900101123")
	t.Run("wrong_sheet", func(t *testing.T) {
		rd, rows := readAll(t, "wrong_sheet.xlsx", readMalformed(t, "wrong_sheet.xlsx"), teacherSpec)
		if rd.Sheet() != "教师" || !strings.Contains(rd.Note(), "已读取工作表“教师”") {
			t.Errorf("sheet %q note %q", rd.Sheet(), rd.Note())
		}
		if len(rows) != 1 || rows[0].Values["id_card"] != id {
			t.Errorf("rows = %+v", rows)
		}
	})
	t.Run("merged_headers", func(t *testing.T) {
		rd, rows := readAll(t, "merged_headers.xlsx", readMalformed(t, "merged_headers.xlsx"), teacherSpec)
		if len(rows) != 1 || rows[0].Num != 4 {
			t.Fatalf("rows = %+v (header row %d)", rows, rd.Layout().HeaderRow)
		}
		v := rows[0].Values
		if v["name"] != "张三" || v["id_card"] != id || v["title"] != "一级教师" || v["staff_no"] != "T001" {
			t.Errorf("values = %v", v)
		}
	})
	t.Run("numbers_as_id", func(t *testing.T) {
		_, rows := readAll(t, "numbers_as_id.xlsx", readMalformed(t, "numbers_as_id.xlsx"), teacherSpec)
		if len(rows) != 3 {
			t.Fatalf("rows = %+v", rows)
		}
		for _, r := range rows[:2] {
			if len(r.Errors) != 1 || r.Errors[0].Message != msgIDAsNumber {
				t.Errorf("row %d errors %v", r.Num, r.Errors)
			}
		}
		if len(rows[2].Errors) != 0 {
			t.Errorf("row 4 errors %v", rows[2].Errors)
		}
	})
	t.Run("gbk.csv", func(t *testing.T) {
		_, rows := readAll(t, "gbk.csv", readMalformed(t, "gbk.csv"), teacherSpec)
		if len(rows) != 1 || rows[0].Values["name"] != "张三" || rows[0].Values["birth"] != "1990-01-01" {
			t.Errorf("rows = %+v", rows)
		}
	})
}
