package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"jiaoyan/internal/app"
)

// readStream opens data with the streaming reader and reads every sheet to
// the end, checking that it fails only with a user-facing error, that row
// numbers go strictly up within Excel's limits, and that no row is wider
// than Excel allows.
func readStream(t *testing.T, data []byte) {
	x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), fuzzLimits)
	if err != nil {
		checkFileError(t, err)
		return
	}
	defer x.Close()
	for _, s := range x.Sheets() {
		rows, err := x.Rows(s.Name)
		if err != nil {
			checkFileError(t, err)
			continue
		}
		last := 0
		for {
			num, cells, err := rows.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				checkFileError(t, err)
				break
			}
			if num <= last || num > maxRowNum || len(cells) > maxColumns {
				t.Fatalf("row %d after %d with %d cells", num, last, len(cells))
			}
			if len(cells) > 0 && len(cells[len(cells)-1]) == 0 {
				t.Fatalf("row %d ends with an empty cell", num)
			}
			last = num
		}
		rows.Close()
	}
}

// FuzzXLSXStream feeds whole files: workbooks written by excelize, the
// malformed test files, and mutations of them.
func FuzzXLSXStream(f *testing.F) {
	addSeeds(f, ".xlsx")
	for seed := range uint64(4) {
		f.Add(randomWorkbook(f, rand.New(rand.NewPCG(seed, 1))))
	}
	f.Fuzz(func(t *testing.T, data []byte) { readStream(t, data) })
}

// FuzzXLSXSheetXML feeds the XML of a worksheet and of its shared-string
// table, stored uncompressed-equivalent in a valid zip, so that mutations
// reach the scanner instead of failing the zip checksum.
func FuzzXLSXSheetXML(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.5</v></c></row><row><c t="inlineStr"><is><r><t xml:space="preserve"> a </t></r></is></c><c t="b"><v>1</v></c></row></sheetData></worksheet>`,
		`<sst count="1" uniqueCount="1"><si><r><rPr><b/></rPr><t>粗</t></r><r><t>体&amp;_x000D_</t></r><rPh><t>x</t></rPh></si></sst>`)
	f.Add(`<x:worksheet xmlns:x="m"><x:sheetData><x:row r="2"><x:c r="$B$2" t="str"><x:f>A1</x:f><x:v><![CDATA[<v>]]></x:v></x:c></x:row><!-- c --></x:sheetData></x:worksheet>`, ``)
	f.Add(`<worksheet><sheetData><row><c r="A1" t="s" t="n"><v>0</v></c><c r="B1" r="C1"><v>2</v></c><c r="D1" s="1"/><c r="E1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`, `<sst><si><t>s</t></si></sst>`)
	f.Add(`<worksheet><sheetData><row r="3" spans="1:2"><c r="A3" s="1"/><c r="B3"><v>&#x4E2D;&#20013;&lt;</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, `<sst/>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		if len(sheet)+len(sst) > 1<<16 {
			return
		}
		data := workbookOf(t, sheet, sst)
		readStream(t, data)
		fast, errFast := rowsOf(t, data, false)
		slow, errSlow := rowsOf(t, data, true)
		if (errFast == nil) != (errSlow == nil) || fast != slow {
			t.Fatalf("fast paths disagree with the general path:\n%q %v\n%q %v", fast, errFast, slow, errSlow)
		}
	})
}

// rowsOf reads the sheet 数据 of a workbookOf file into one string, with or
// without the fast paths.
func rowsOf(t *testing.T, data []byte, slow bool) (string, error) {
	x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), fuzzLimits)
	if err != nil {
		return "", err
	}
	rows, err := x.Rows("数据")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	rows.slow = slow
	var out bytes.Buffer
	for {
		num, cells, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return out.String(), nil
		}
		if err != nil {
			return out.String(), err
		}
		fmt.Fprintf(&out, "%d:%q\n", num, cells)
	}
}

// TestStreamUserErrorsOnly is FuzzXLSXStream's check on the malformed test
// files, so that plain go test runs it.
func TestStreamUserErrorsOnly(t *testing.T) {
	for _, name := range []string{"empty.xlsx", "truncated.xlsx", "zip_bomb.xlsx", "zip_bomb_lying.xlsx", "renamed_png.xlsx", "word.xlsx", "merged_headers.xlsx"} {
		data := readMalformed(t, name)
		if len(data) == 0 {
			continue
		}
		readStream(t, data)
	}
	var ae *app.Error
	_, err := OpenXLSX(bytes.NewReader([]byte("PK\x05\x06")), 4, Limits{})
	if !errors.As(err, &ae) || ae.Code != app.EINVALID {
		t.Errorf("empty zip: %v", err)
	}
}
