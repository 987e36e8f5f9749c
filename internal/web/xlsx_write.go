package web

import (
	"archive/zip"
	"bufio"
	"io"
	"iter"
	"strconv"

	"golang.org/x/text/width"

	"jiaoyan/internal/exchange"
)

// WriteXLSX writes an .xlsx of one sheet to w, as exchange.Export lays it
// out (a bold, frozen header row, column widths, text format for 身份证号
// and code columns, numbers in KindInt/KindDecimal columns, every text cell
// neutralised against formula injection), but streamed: each row goes from
// rows through the sheet's XML into its compressed zip entry as it comes,
// so memory stays flat however many rows there are (excelize's
// StreamWriter holds 16–32 MB of sheet before it spills to a temp file).
// Text is written as inline strings, with no shared-string table to hold.
func WriteXLSX(w io.Writer, sheet string, cols []exchange.ExportColumn, rows iter.Seq[[]string]) error {
	if sheet == "" {
		sheet = "Sheet1"
	}
	z := zip.NewWriter(w)
	for _, part := range xlsxParts(sheet) {
		if err := writeZipPart(z, part.name, part.body); err != nil {
			return err
		}
	}
	f, err := z.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := writeSheet(xmlWriter{bw}, cols, rows); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return z.Close()
}

func writeZipPart(z *zip.Writer, name, body string) error {
	f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err == nil {
		_, err = io.WriteString(f, body)
	}
	return err
}

// xmlWriter writes a part's XML through a bufio.Writer, which keeps its
// first write error and returns it from every later write and from Flush:
// writeSheet checks at each row's end and at the end, not at every piece.
type xmlWriter struct{ bw *bufio.Writer }

func (x xmlWriter) str(s string) {
	x.bw.WriteString(s) // errcheck: sticky in bufio.Writer, checked at the row's end
}

func (x xmlWriter) raw(b []byte) {
	x.bw.Write(b) // errcheck: sticky in bufio.Writer, checked at the row's end
}

// Style ids of styles.xml's cellXfs.
const (
	xlsxStyleHeader = 1
	xlsxStyleText   = 2
)

// writeSheet writes the worksheet XML: the head, the header row, one row
// per element of rows, the tail.
func writeSheet(x xmlWriter, cols []exchange.ExportColumn, rows iter.Seq[[]string]) error {
	x.str(xmlHead + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetViews><sheetView tabSelected="1" workbookViewId="0">` +
		`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>` +
		`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(cols) > 0 {
		x.str("<cols>")
		for i, c := range cols {
			n := strconv.Itoa(i + 1)
			x.str(`<col min="` + n + `" max="` + n + `" width="` + strconv.FormatFloat(exportWidth(c), 'f', -1, 64) + `" customWidth="1"/>`)
		}
		x.str("</cols>")
	}
	x.str(`<sheetData><row r="1" ht="20" customHeight="1">`)
	var ref []byte
	for i, c := range cols {
		ref = cellRef(ref[:0], i, 1)
		writeTextCell(x, ref, xlsxStyleHeader, c.Header)
	}
	x.str("</row>")
	n := 2
	for row := range rows {
		x.str(`<row r="` + strconv.Itoa(n) + `">`)
		for i, s := range row {
			kind := exchange.KindText
			if i < len(cols) {
				kind = cols[i].Kind
			}
			ref = cellRef(ref[:0], i, n)
			writeCell(x, ref, kind, s)
		}
		if _, err := x.bw.WriteString("</row>"); err != nil {
			return err // the zip entry failed (a closed connection, a full disk): stop reading rows
		}
		n++
	}
	_, err := x.bw.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	return err
}

// writeCell writes one cell of a data row, as exchange.Export types it: a
// blank text cell is no cell at all, a blank 身份证号/code cell keeps its
// text format (a number typed in later keeps its leading zeros), numbers
// stay numbers in numeric columns.
func writeCell(x xmlWriter, ref []byte, kind exchange.Kind, s string) {
	switch {
	case s == "" && (kind == exchange.KindID || kind == exchange.KindCode):
		x.str(`<c r="`)
		x.raw(ref)
		x.str(`" s="2"/>`)
	case s == "":
	case kind == exchange.KindID || kind == exchange.KindCode:
		writeTextCell(x, ref, xlsxStyleText, exchange.Neutralize(s))
	case (kind == exchange.KindInt || kind == exchange.KindDecimal) && plainNumber(s):
		f, _ := strconv.ParseFloat(s, 64)
		x.str(`<c r="`)
		x.raw(ref)
		x.str(`"><v>` + strconv.FormatFloat(f, 'f', -1, 64) + `</v></c>`)
	default:
		writeTextCell(x, ref, 0, exchange.Neutralize(s))
	}
}

// writeTextCell writes an inline-string cell of style (0: the default).
func writeTextCell(x xmlWriter, ref []byte, style int, s string) {
	x.str(`<c r="`)
	x.raw(ref)
	if style != 0 {
		x.str(`" s="` + strconv.Itoa(style))
	}
	x.str(`" t="inlineStr"><is><t xml:space="preserve">`)
	writeXMLText(x, s)
	x.str(`</t></is></c>`)
}

// cellRef appends the A1 reference of column col (from 0) and row row.
func cellRef(b []byte, col, row int) []byte {
	var letters [4]byte
	i := len(letters)
	for col++; col > 0; col = (col - 1) / 26 {
		i--
		letters[i] = byte('A' + (col-1)%26)
	}
	return strconv.AppendInt(append(b, letters[i:]...), int64(row), 10)
}

// exportWidth is a column's width in characters: its own, or one from its
// header and kind (as exchange picks for its templates).
func exportWidth(c exchange.ExportColumn) float64 {
	if c.Width > 0 {
		return c.Width
	}
	switch c.Kind {
	case exchange.KindID:
		return 22
	case exchange.KindDate, exchange.KindCode:
		return 14
	case exchange.KindInt, exchange.KindDecimal, exchange.KindBool:
		return 10
	}
	n := 0
	for _, r := range c.Header {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return max(12, float64(n)+4)
}

// plainNumber reports whether s is an ordinary decimal number ("-3.5",
// "12"), not anything ParseFloat would also accept ("1e9", "Inf").
func plainNumber(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || (c == '-' && i == 0)) {
			return false
		}
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
