package exchange

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Run `go test ./internal/exchange -run TestGenerateMalformed -update-malformed`
// to rebuild testdata/malformed from the generators below.
var updateMalformed = flag.Bool("update-malformed", false, "rewrite testdata/malformed")

const malformedDir = "testdata/malformed"

// malformedFiles maps each committed file to the function that builds it.
var malformedFiles = map[string]func(testing.TB) []byte{
	"empty.xlsx":          func(testing.TB) []byte { return nil },
	"truncated.xlsx":      genTruncated,
	"zip_bomb.xlsx":       genZipBomb,
	"zip_bomb_lying.xlsx": genLyingBomb,
	"rows_2m.xlsx":        genTwoMillionRows,
	"wrong_sheet.xlsx":    genWrongSheet,
	"no_header.xlsx":      genNoHeader,
	"merged_headers.xlsx": genMergedHeaders,
	"numbers_as_id.xlsx":  genNumbersAsID,
	"gbk.csv":             genGBKCSV,
	"renamed_png.xlsx":    genRenamedPNG,
	"old.xls":             genOldXLS,
	"encrypted.xlsx":      genEncrypted,
	"word.xlsx":           genWordDoc,
}

func TestGenerateMalformed(t *testing.T) {
	if !*updateMalformed {
		t.Skip("pass -update-malformed to rebuild testdata/malformed")
	}
	for name, gen := range malformedFiles {
		if err := os.WriteFile(filepath.Join(malformedDir, name), gen(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rawXLSX builds a minimal workbook by hand, so tests control the exact
// worksheet XML (number cells as Excel writes them, no dimension, ...).
func rawXLSX(t testing.TB, sheets ...func(io.Writer)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	var overrides, sheetList, rels strings.Builder
	for i := range sheets {
		fmt.Fprintf(&overrides, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&sheetList, `<sheet name="Sheet%d" sheetId="%d" r:id="rId%d"/>`, i+1, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + overrides.String() + `</Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheetList.String() + `</sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		w, _ := zw.Create(name)
		io.WriteString(w, parts[name])
	}
	for i, write := range sheets {
		w, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		write(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xmlRow writes one row of inline-string cells (a "#" prefix makes a number cell).
func xmlRow(w io.Writer, cells ...string) {
	io.WriteString(w, "<row>")
	for _, c := range cells {
		if n, ok := strings.CutPrefix(c, "#"); ok {
			fmt.Fprintf(w, "<c><v>%s</v></c>", n)
		} else {
			fmt.Fprintf(w, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
		}
	}
	io.WriteString(w, "</row>")
}

func genTruncated(t testing.TB) []byte {
	full := oneSheet(t, []any{"姓名", "身份证号"}, []any{"张三", validID("44010619900101123")})
	return full[:len(full)/2]
}

// genZipBomb hides 250 MB of whitespace in a worksheet (about 250 KB on disk).
func genZipBomb(t testing.TB) []byte {
	return rawXLSX(t, func(w io.Writer) {
		xmlRow(w, "姓名", "身份证号")
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for range 250 {
			w.Write(chunk)
		}
	})
}

// genLyingBomb declares a 1 KB worksheet whose deflated data inflates to 50 MB.
func genLyingBomb(t testing.TB) []byte {
	var body bytes.Buffer
	body.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	body.Write(bytes.Repeat([]byte(" "), 50<<20))
	body.WriteString(`</sheetData></worksheet>`)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(body.Bytes())
	fw.Close()
	good := rawXLSX(t, func(w io.Writer) { xmlRow(w, "姓名") })
	zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body.Bytes()),
				CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1024})
			w.Write(comp.Bytes())
			continue
		}
		zw.Copy(f)
	}
	zw.Close()
	return out.Bytes()
}

// genTwoMillionRows writes a header and 2,000,000 short data rows (76 MB of
// XML, under the part limit, so the row count is what refuses it) and no
// <dimension>. Rows without an r attribute are how a sheet can exceed
// Excel's 1,048,576 rows at all.
func genTwoMillionRows(t testing.TB) []byte {
	return rawXLSX(t, func(w io.Writer) {
		xmlRow(w, "姓名", "身份证号")
		row := []byte(`<row><c><v>1</v></c><c><v>2</v></c></row>`)
		buf := bytes.Repeat(row, 10_000)
		for range 200 {
			w.Write(buf)
		}
	})
}

func genWrongSheet(t testing.TB) []byte {
	return xlsxOf(t, map[string][][]any{
		"填表说明": {{"请在“教师”工作表中填写"}, {"身份证号请设为文本格式"}},
		"教师":   {{"姓名", "身份证号"}, {"张三", validID("44010619900101123")}},
	}, "填表说明", "教师")
}

func genNoHeader(t testing.TB) []byte {
	return xlsxOf(t, map[string][][]any{
		"Sheet1": {{"名字", "电话"}, {"张三", "13800000000"}},
		"Sheet2": {{"备注"}},
	}, "Sheet1", "Sheet2")
}

// genMergedHeaders has a merged title, headers merged over two rows and a
// group header over two sub-headers.
func genMergedHeaders(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	f.SetCellStr(s, "A1", "2025年教师登记表")
	f.MergeCell(s, "A1", "D1")
	f.SetCellStr(s, "A2", "姓名")
	f.MergeCell(s, "A2", "A3")
	f.SetCellStr(s, "B2", "身份证号")
	f.MergeCell(s, "B2", "B3")
	f.SetCellStr(s, "C2", "任职信息")
	f.MergeCell(s, "C2", "D2")
	f.SetCellStr(s, "C3", "职称")
	f.SetCellStr(s, "D3", "工号")
	f.SetSheetRow(s, "A4", &[]any{"张三", validID("44010619900101123"), "一级教师", "T001"})
	var buf bytes.Buffer
	f.Write(&buf)
	return buf.Bytes()
}

// genNumbersAsID stores ID numbers as number cells, exactly as Excel does.
func genNumbersAsID(t testing.TB) []byte {
	return rawXLSX(t, func(w io.Writer) {
		xmlRow(w, "姓名", "身份证号")
		xmlRow(w, "张三", "#4.40106199001011E+17")
		xmlRow(w, "李四", "#440106199001011000")
		xmlRow(w, "王五", validID("44010619900101123"))
	})
}

func genGBKCSV(t testing.TB) []byte {
	text := "姓名,身份证号,出生日期\r\n张三," + validID("44010619900101123") + ",1990年1月1日\r\n"
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func genRenamedPNG(testing.TB) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 64)...)
}

// genOldXLS writes the start of an OLE compound file holding a "Workbook"
// stream, which is all the detection looks at.
func genOldXLS(testing.TB) []byte {
	b := make([]byte, 1536)
	copy(b, oleMagic)
	copy(b[1024:], []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00"))
	return b
}

func genEncrypted(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号"})
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: "123456"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func genWordDoc(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, `<w:document/>`)
	zw.Close()
	return buf.Bytes()
}
