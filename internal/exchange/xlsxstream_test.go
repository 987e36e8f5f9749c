package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
)

// streamAll reads every row of a sheet with the streaming reader into a
// grid indexed by row number - 1, trailing empty rows dropped.
func streamAll(t testing.TB, data []byte, sheet string) ([][]string, error) {
	t.Helper()
	x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		return nil, err
	}
	defer x.Close()
	if sheet == "" {
		sheet = x.Sheets()[0].Name
	}
	rows, err := x.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var grid [][]string
	for {
		num, cells, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		for len(grid) < num {
			grid = append(grid, nil)
		}
		row := make([]string, len(cells))
		for i, c := range cells {
			row[i] = string(c)
		}
		grid[num-1] = row
	}
	return trimGrid(grid), nil
}

// trimGrid drops trailing empty cells of each row and trailing empty rows,
// the form excelize's GetRows returns.
func trimGrid(g [][]string) [][]string {
	for i := range g {
		n := len(g[i])
		for n > 0 && g[i][n-1] == "" {
			n--
		}
		g[i] = g[i][:n]
		if n == 0 {
			g[i] = nil
		}
	}
	for len(g) > 0 && len(g[len(g)-1]) == 0 {
		g = g[:len(g)-1]
	}
	return g
}

// excelizeAll reads a sheet with excelize (raw values) in the same form.
func excelizeAll(t testing.TB, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return trimGrid(rows)
}

// randomWorkbook writes a workbook with excelize: two sheets of random cells
// (text with spaces, line breaks, entities and _x escapes, Chinese, numbers,
// booleans, rich text, formulas with results), with gaps between cells and
// rows.
func randomWorkbook(t testing.TB, rng *rand.Rand) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.NewSheet("成绩")
	texts := []string{"张三", " 前后空格 ", "a<b & c>\"d'", "line1\nline2", "tab\there", "_x000D_字面", "０１２３", "1.50", "", "x", "Ω≈ç√", "一中\u00a0初二(3)班"}
	for _, sheet := range []string{"Sheet1", "成绩"} {
		nrows, ncols := 1+rng.IntN(40), 1+rng.IntN(30)
		for r := 1; r <= nrows; r++ {
			if rng.IntN(6) == 0 {
				continue // a gap row
			}
			for c := 1; c <= ncols; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				var err error
				switch rng.IntN(10) {
				case 0, 1:
					continue // a gap cell
				case 2, 3:
					err = f.SetCellValue(sheet, cell, texts[rng.IntN(len(texts))])
				case 4:
					err = f.SetCellValue(sheet, cell, rng.Float64()*1000-500)
				case 5:
					err = f.SetCellValue(sheet, cell, rng.IntN(151))
				case 6:
					err = f.SetCellValue(sheet, cell, rng.IntN(2) == 0)
				case 7:
					err = f.SetCellRichText(sheet, cell, []excelize.RichTextRun{
						{Text: "粗体", Font: &excelize.Font{Bold: true}}, {Text: " 与 "}, {Text: texts[rng.IntN(len(texts))]}})
				case 8:
					err = f.SetCellFormula(sheet, cell, "1+1")
					if err == nil {
						err = f.SetCellValue(sheet, cell, 2)
					}
				case 9:
					err = f.SetCellValue(sheet, cell, fmt.Sprintf("S%06d", rng.IntN(1e6)))
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStreamMatchesExcelize is a property test: on random workbooks written
// by excelize, the streaming reader yields the same cells as excelize.
func TestStreamMatchesExcelize(t *testing.T) {
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 14))
		data := randomWorkbook(t, rng)
		if seed < 10 {
			checkFastPaths(t, data)
		}
		for _, sheet := range []string{"Sheet1", "成绩"} {
			got, err := streamAll(t, data, sheet)
			if err != nil {
				t.Fatalf("seed %d sheet %s: %v", seed, sheet, err)
			}
			want := excelizeAll(t, data, sheet)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("seed %d sheet %s:\n got %q\nwant %q", seed, sheet, got, want)
			}
		}
	}
}

// TestStreamStreamWriter checks a workbook written by excelize's stream
// writer (inline strings in some versions, shared strings in others).
func TestStreamStreamWriter(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 500; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("学生%d", r), r, float64(r) / 2, nil, "  尾  "}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := streamAll(t, buf.Bytes(), "Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if want := excelizeAll(t, buf.Bytes(), "Sheet1"); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("got %q\nwant %q", got[:3], want[:3])
	}
	if got[9][0] != "学生10" || got[9][2] != "5" || got[9][3] != "" || got[9][4] != "  尾  " {
		t.Errorf("row 10 = %q", got[9])
	}
}

// workbookOf builds a minimal workbook by hand around the given sheet XML
// and shared strings XML ("" for none), to test what excelize never writes.
func workbookOf(t testing.TB, sheetXML, sstXML string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="隐藏" sheetId="2" state="hidden" r:id="rId9"/><x:sheet name="数据" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`)
	add("xl/worksheets/data.xml", sheetXML)
	add("xl/worksheets/sheet9.xml", `<worksheet><sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData></worksheet>`)
	if sstXML != "" {
		add("xl/strings.xml", sstXML)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStreamHandWritten covers what other writers (WPS, Excel, exports of
// other systems) put in files: namespace prefixes, rows and cells without
// references, cell gaps, inline strings with runs, rich text and phonetic
// runs in shared strings, xml:space, CDATA, character references, CRLF,
// booleans, errors, formulas, absolute references, relationship targets
// given as absolute paths, and hidden sheets.
func TestStreamHandWritten(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>姓名</t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">王 </t></r><r><t>小明</t></r><rPh sb="0" eb="1"><t>おう</t></rPh><phoneticPr fontId="1"/></si>
<si><t xml:space="preserve">  两端空格  </t></si>
<si><t>a&amp;b&#x4E2D;&#25991;_x000D__x005F_x</t></si>
</sst>`
	sheet := `<?xml version="1.0"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:E4"/>
<x:sheetData>
<x:row r="1" spans="1:5"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v> 1 </x:v></x:c><x:c r="$E$1" t="s"><x:v>2</x:v></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>分</x:t></x:r><x:r><x:t xml:space="preserve"> 段</x:t></x:r></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>姓名x</x:v></x:c></x:row>
<!-- a comment between rows -->
<x:row r="4"><x:c r="B4" s="3"/><x:c r="C4"><x:v>45536</x:v></x:c><x:c r="D4" t="inlineStr"><x:is><x:t><![CDATA[<原样>]]></x:t></x:is></x:c><x:c r="E4" t="s"><x:v>3</x:v></x:c><x:c r="F4" t="inlineStr"><x:is><x:t>甲&#13;&#10;乙` + "\r\n丙\r丁" + `</x:t></x:is></x:c></x:row>
<x:row r="6" customHeight="1"/>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`
	data := workbookOf(t, sheet, sst)
	x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if s := x.Sheets(); len(s) != 2 || s[0].Name != "隐藏" || !s[0].Hidden || s[1].Name != "数据" || s[1].Hidden || !x.Date1904() {
		t.Errorf("sheets %+v date1904 %v", s, x.Date1904())
	}
	got, err := streamAll(t, data, "数据")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"姓名", "", "王 小明", "", "  两端空格  "},
		{"内联", "分 段", "1", "#N/A", "姓名x"},
		nil,
		{"", "", "45536", "<原样>", "a&b中文\r_x", "甲\r\n乙\n丙\n丁"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	hidden, err := streamAll(t, data, "隐藏")
	if err != nil || len(hidden) != 1 || hidden[0][0] != "9" {
		t.Errorf("hidden sheet = %q, %v", hidden, err)
	}
	if _, err := x.Rows("没有"); err == nil || !strings.Contains(err.Error(), "没有名为“没有”的工作表") {
		t.Errorf("missing sheet: %v", err)
	}
}

// TestStreamRefusesBrokenSheets: broken XML, a shared-string index out of
// range, rows going backwards and absurd references are the corrupt-file
// error, never a panic or a wrong row.
func TestStreamRefusesBrokenSheets(t *testing.T) {
	sst := `<sst><si><t>a</t></si></sst>`
	for name, body := range map[string]string{
		"truncated":     `<worksheet><sheetData><row r="1"><c r="A1"><v>1`,
		"sst range":     `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>`,
		"sst not num":   `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>x</v></c></row></sheetData></worksheet>`,
		"rows backward": `<worksheet><sheetData><row r="3"/><row r="2"/></sheetData></worksheet>`,
		"row zero":      `<worksheet><sheetData><row r="0"/></sheetData></worksheet>`,
		"huge column":   `<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`,
		"bad entity":    `<worksheet><sheetData><row r="1"><c r="A1"><v>&bogus;</v></c></row></sheetData></worksheet>`,
		"bad ref":       `<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>`,
		"unclosed v":    `<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData></worksheet>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := streamAll(t, workbookOf(t, body, sst), "数据")
			var ae *app.Error
			if !errors.As(err, &ae) || ae.Code != app.EINVALID || !strings.Contains(ae.Message, "文件不完整或已损坏") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// TestStreamRefusesZipBombs: a part declaring more than the limit is refused
// before it is inflated, and a part inflating to more than it declares is
// refused while read, both with a Chinese ETOOLARGE message.
func TestStreamRefusesZipBombs(t *testing.T) {
	big := "<worksheet><sheetData>" + strings.Repeat(`<row><c><v>1</v></c></row>`, 200_000) + "</sheetData></worksheet>"
	data := workbookOf(t, big, "")
	lim := Limits{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 1 << 20}
	_, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), lim)
	if code, msg := errCode(err); code != app.ETOOLARGE || !strings.Contains(msg, "文件解压后单个部件超过 1 MB") {
		t.Errorf("declared too big: %s %q", code, msg)
	}
	// The same file, its directory rewritten to declare 1 KB for the sheet.
	lying := lieAboutSize(t, data, "xl/worksheets/data.xml", 1024)
	x, err := OpenXLSX(bytes.NewReader(lying), int64(len(lying)), lim)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.Rows("数据")
	if err != nil {
		t.Fatal(err)
	}
	for err == nil {
		_, _, err = rows.Next()
	}
	if code, msg := errCode(err); code != app.ETOOLARGE || !strings.Contains(msg, "实际大小超过了文件内声明的大小") {
		t.Errorf("lying sizes: %s %q", code, msg)
	}
}

func errCode(err error) (string, string) {
	var ae *app.Error
	if errors.As(err, &ae) {
		return ae.Code, ae.Message
	}
	return "", fmt.Sprint(err)
}

// lieAboutSize rewrites the declared uncompressed size of one entry in both
// the local header and the central directory.
func lieAboutSize(t testing.TB, data []byte, name string, size uint32) []byte {
	t.Helper()
	out := bytes.Clone(data)
	put := func(at int) {
		out[at], out[at+1], out[at+2], out[at+3] = byte(size), byte(size>>8), byte(size>>16), byte(size>>24)
	}
	n := 0
	for i := 0; i+46 < len(out); i++ {
		switch {
		case bytes.HasPrefix(out[i:], []byte("PK\x03\x04")) && bytes.HasPrefix(out[i+30:], []byte(name)):
			put(i + 22)
			n++
		case bytes.HasPrefix(out[i:], []byte("PK\x01\x02")) && bytes.HasPrefix(out[i+46:], []byte(name)):
			put(i + 24)
			n++
		}
	}
	if n == 0 {
		t.Fatal("entry not found")
	}
	return out
}

// TestStreamDates: a date-styled number stays the serial Excel stores unless
// DatesAsText is asked for; then built-in and custom (Chinese) date formats
// give the date, time formats the date and time, and number formats,
// including ones with quoted letters, keep the number.
func TestStreamDates(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	yyyy := "yyyy\"年\"m\"月\"d\"日\""
	quoted := "0.0\" days\""
	styles := []int{style(excelize.Style{NumFmt: 14}), style(excelize.Style{CustomNumFmt: &yyyy}),
		style(excelize.Style{NumFmt: 22}), style(excelize.Style{NumFmt: 2}), style(excelize.Style{CustomNumFmt: &quoted}), 0}
	values := []any{45536, 45536, 45536.75, 45536, 45536, 45536}
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("Sheet1", cell, v)
		f.SetCellStyle("Sheet1", cell, cell, styles[i])
	}
	f.SetCellValue("Sheet1", "A2", "2024-09-01") // text stays text
	f.SetCellStyle("Sheet1", "A2", "A2", styles[0])
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	read := func(opts ...RowsOption) [][]string {
		x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.Rows("Sheet1", opts...)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]string
		for {
			_, cells, err := rows.Next()
			if err != nil {
				return out
			}
			var row []string
			for _, c := range cells {
				row = append(row, string(c))
			}
			out = append(out, row)
		}
	}
	if got := read(); got[0][0] != "45536" || got[0][2] != "45536.75" {
		t.Errorf("raw = %q", got)
	}
	got := read(DatesAsText)
	want := []string{"2024-09-01", "2024-09-01", "2024-09-01 18:00:00", "45536", "45536", "45536"}
	if !slices.Equal(got[0], want) || got[1][0] != "2024-09-01" {
		t.Errorf("DatesAsText = %q, want %q", got, want)
	}
}

// TestStreamRefusesSparseSheets: a few bytes per row with a value in column
// XFD would make 16384 cells per row; past a budget tied to the bytes read
// the sheet is refused instead.
func TestStreamRefusesSparseSheets(t *testing.T) {
	body := "<worksheet><sheetData>" + strings.Repeat(`<row><c r="XFD1"><v>1</v></c></row>`, 2000) + "</sheetData></worksheet>"
	_, err := streamAll(t, workbookOf(t, body, ""), "数据")
	if code, msg := errCode(err); code != app.ETOOLARGE || !strings.Contains(msg, "过于分散") {
		t.Errorf("got %s %q", code, msg)
	}
	// A real sheet with one remark far right is fine.
	ok := "<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>2</v></c></row>" + strings.Repeat(`<row><c><v>1</v></c><c><v>2</v></c></row>`, 2000) + "</sheetData></worksheet>"
	if g, err := streamAll(t, workbookOf(t, ok, ""), "数据"); err != nil || len(g[0]) != maxColumns || len(g) != 2001 {
		t.Errorf("one far cell: %d rows, %v", len(g), err)
	}
}

// TestStreamLargeSharedStrings: a shared-string table of 300,000 entries
// (a roster where every name and id is distinct) is streamed into one arena
// and every index resolves, the last as well as the first.
func TestStreamLargeSharedStrings(t *testing.T) {
	const n = 300_000
	var sst, sheet strings.Builder
	sst.WriteString(`<sst uniqueCount="300000">`)
	sheet.WriteString(`<worksheet><sheetData>`)
	row := 0
	for i := range n {
		fmt.Fprintf(&sst, "<si><t>考生%06d</t></si>", i)
		if i%1000 == 0 || i == n-1 {
			row++
			fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c></row>`, row, row, i, row, n-1-i)
		}
	}
	sst.WriteString(`</sst>`)
	sheet.WriteString(`</sheetData></worksheet>`)
	got, err := streamAll(t, workbookOf(t, sheet.String(), sst.String()), "数据")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 301 || got[0][0] != "考生000000" || got[0][1] != "考生299999" || got[300][0] != "考生299999" || got[150][1] != "考生149999" {
		t.Errorf("rows %d: %q %q %q", len(got), got[0], got[150], got[300])
	}
}

// checkFastPaths reads every sheet with and without the fast paths and
// requires the same rows.
func checkFastPaths(t *testing.T, data []byte) {
	t.Helper()
	x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range x.Sheets() {
		var got [2]string
		for k, slow := range []bool{false, true} {
			rows, err := x.Rows(s.Name)
			if err != nil {
				t.Fatal(err)
			}
			rows.slow = slow
			for {
				num, cells, err := rows.Next()
				if err != nil {
					break
				}
				got[k] += fmt.Sprintf("%d:%q\n", num, cells)
			}
			rows.Close()
		}
		if got[0] != got[1] {
			t.Fatalf("sheet %s: fast paths give\n%s\ngeneral path\n%s", s.Name, got[0], got[1])
		}
		total += len(got[0])
	}
	if total == 0 {
		t.Fatal("no rows read")
	}
}
