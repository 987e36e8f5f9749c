package exchange

import (
	"encoding/csv"
	"io"
	"iter"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// ExportColumn describes one column of an export.
type ExportColumn struct {
	Header string
	Kind   Kind    // KindInt/KindDecimal cells that parse as numbers are written as numbers; KindID/KindCode as text
	Width  float64 // in characters; 0 picks one from the header and Kind
}

// Neutralize makes a cell safe from formula injection (OWASP "CSV
// injection"): text starting with = + - @ tab or CR gets a leading
// apostrophe, which Excel shows as text and never evaluates.
func Neutralize(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

// Export writes an .xlsx with one sheet: a bold, frozen header row, column
// widths, text format for ID and code columns, and each row of rows (cells
// aligned with cols). Text is neutralised against formula injection; numbers
// in KindInt/KindDecimal columns stay numbers. The sheet is streamed, so
// rows may be large.
func Export(w io.Writer, sheetName string, cols []ExportColumn, rows iter.Seq[[]string]) error {
	f := excelize.NewFile()
	defer f.Close()
	if sheetName == "" {
		sheetName = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	st, err := newExportStyles(f)
	if err != nil {
		return err
	}
	if err := writeExportHead(sw, cols, st); err != nil {
		return err
	}
	n := 2
	var cells []any // reused: SetRow has written a row's cells when it returns
	for row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, n)
		cells = exportCells(cells[:0], cols, row, st)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
		n++
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// exportStyles are the style ids an export uses.
type exportStyles struct{ header, text int }

func newExportStyles(f *excelize.File) (exportStyles, error) {
	var st exportStyles
	var err error
	st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return st, err
	}
	st.text, err = f.NewStyle(&excelize.Style{NumFmt: 49})
	return st, err
}

// writeExportHead sets widths, freezes the first row and writes the header;
// StreamWriter requires widths and panes before the first row.
func writeExportHead(sw *excelize.StreamWriter, cols []ExportColumn, st exportStyles) error {
	for i, c := range cols {
		w := c.Width
		if w <= 0 {
			w = Column{Header: c.Header, Kind: c.Kind}.width()
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	return sw.SetRow("A1", head, excelize.RowOpts{Height: 20})
}

// exportCells appends one row of strings to out as typed, safe cells.
func exportCells(out []any, cols []ExportColumn, row []string, st exportStyles) []any {
	for i, s := range row {
		kind := KindText
		if i < len(cols) {
			kind = cols[i].Kind
		}
		out = append(out, exportCell(kind, s, st))
	}
	return out
}

// exportCell is one cell of an export row. An empty text cell is no cell
// at all (nil: blank in the sheet, no inline string written or allocated);
// an empty 身份证号/code cell keeps its text format, so a number typed into
// it later keeps its leading zeros and all 18 digits.
func exportCell(kind Kind, s string, st exportStyles) any {
	if s == "" {
		if kind == KindID || kind == KindCode {
			return excelize.Cell{StyleID: st.text}
		}
		return nil
	}
	switch kind {
	case KindInt, KindDecimal:
		if f, ok := plainNumber(s); ok {
			return f
		}
	case KindID, KindCode:
		return excelize.Cell{StyleID: st.text, Value: Neutralize(s)}
	}
	return Neutralize(s)
}

// plainNumber parses s when it is an ordinary decimal number ("-3.5",
// "12"), not anything ParseFloat would also accept ("1e9", "Inf", "0x1p3").
func plainNumber(s string) (float64, bool) {
	if s == "" || len(s) > 20 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || (c == '-' && i == 0)) {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// ExportCSV writes a UTF-8 CSV with a byte-order mark (so Excel on Chinese
// Windows opens it as UTF-8), the header first, every text cell neutralised
// as in Export and numbers in numeric columns left as they are.
func ExportCSV(w io.Writer, cols []ExportColumn, rows iter.Seq[[]string]) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = Neutralize(c.Header)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for row := range rows {
		out := make([]string, len(row))
		for i, s := range row {
			out[i] = csvCell(cols, i, s)
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvCell(cols []ExportColumn, i int, s string) string {
	if i < len(cols) && (cols[i].Kind == KindInt || cols[i].Kind == KindDecimal) {
		if _, ok := plainNumber(s); ok {
			return s
		}
	}
	return Neutralize(s)
}
