package exchange

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"jiaoyan/internal/app"
)

func TestStreamingReaderStopsAfterMaxRows(t *testing.T) {
	rows := [][]any{{"姓名", "身份证号"}}
	for i := range 300 {
		rows = append(rows, []any{fmt.Sprint("教师", i), validID("44010619900101123")})
	}
	code, msg := openErr(t, "many.xlsx", oneSheet(t, rows...), Limits{MaxRows: 100})
	if code != app.ETOOLARGE || !strings.Contains(msg, "超过 100 行的上限") {
		t.Errorf("got %s %q", code, msg)
	}
	rd, err := OpenBytes("many.xlsx", oneSheet(t, rows...), teacherSpec, Limits{MaxRows: 300})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if got, _, err := rd.All(); err != nil || len(got) != 300 {
		t.Errorf("exactly MaxRows rows: %d rows, err %v", len(got), err)
	}
}

func TestOtherLimits(t *testing.T) {
	data := oneSheet(t, []any{"姓名", "身份证号", "a", "b", "c"})
	cases := []struct {
		name string
		lim  Limits
		msg  string
	}{
		{"file size", Limits{MaxFileBytes: 1000}, "超过 0 MB 的上限"},
		{"columns", Limits{MaxCols: 3}, "表头有 5 列，超过 3 列的上限"},
		{"unzipped total", Limits{UnzipSizeLimit: 4000, UnzipXMLSizeLimit: 4000}, "文件解压后"},
	}
	for _, c := range cases {
		code, msg := openErr(t, "x.xlsx", data, c.lim)
		if code != app.ETOOLARGE || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: got %s %q, want %q", c.name, code, msg, c.msg)
		}
	}
	big := strings.Repeat("姓名,身份证号\n", 10)
	if _, err := Open("big.csv", strings.NewReader(big), int64(len(big)), teacherSpec, Limits{MaxFileBytes: 50}); app.ErrorCode(err) != app.ETOOLARGE {
		t.Errorf("Open over MaxFileBytes: %v", err)
	}
}

// The figures of these benchmarks go into the closing note:
// go test ./internal/exchange -run '^$' -bench Reject -benchtime 20x
func BenchmarkRejectZipBomb(b *testing.B)      { benchReject(b, "zip_bomb.xlsx") }
func BenchmarkRejectLyingZipBomb(b *testing.B) { benchReject(b, "zip_bomb_lying.xlsx") }
func BenchmarkReject2MRows(b *testing.B)       { benchReject(b, "rows_2m.xlsx") }

func benchReject(b *testing.B, name string) {
	data := readMalformed(b, name)
	for b.Loop() {
		rd, err := Open(name, bytes.NewReader(data), int64(len(data)), teacherSpec, Limits{})
		if err == nil {
			_, _, err = rd.All()
			rd.Close()
		}
		if err == nil {
			b.Fatal("not rejected")
		}
	}
}

// BenchmarkRead20kRows reads a 20,000-row teacher list end to end.
func BenchmarkRead20kRows(b *testing.B) {
	rows := [][]any{{"姓名", "身份证号", "出生日期", "职称", "工号", "是否骨干", "学时"}}
	id := validID("44010619900101123")
	for i := range 20_000 {
		rows = append(rows, []any{fmt.Sprint("教师", i), id, 32874 + i%3000, "一级教师", fmt.Sprintf("T%05d", i), "是", "12.5"})
	}
	data := oneSheet(b, rows...)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rd, err := OpenBytes("big.xlsx", data, teacherSpec, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		got, errs, err := rd.All()
		rd.Close()
		if err != nil || len(got) != 20_000 || len(errs) != 0 {
			b.Fatalf("%d rows, %v, %v", len(got), errs, err)
		}
	}
}

// Formulas are never evaluated: the reader takes the value Excel cached when
// it saved the file, and nothing when there is none.
func TestFormulasAreNotEvaluated(t *testing.T) {
	data := rawXLSX(t, func(w io.Writer) {
		xmlRow(w, "姓名", "身份证号", "学时")
		io.WriteString(w, `<row><c t="str"><f>"张"&amp;"三"</f><v>张三</v></c><c t="inlineStr"><is><t>`+validID("44010619900101123")+`</t></is></c><c><f>1+1</f></c></row>`)
	})
	_, rows := readAll(t, "f.xlsx", data, teacherSpec)
	if len(rows) != 1 || rows[0].Values["name"] != "张三" || rows[0].Values["hours"] != "" {
		t.Fatalf("rows = %+v", rows)
	}
}
