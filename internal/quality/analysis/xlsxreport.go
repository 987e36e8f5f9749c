package analysis

import (
	"io"
	"math"

	"github.com/xuri/excelize/v2"
)

// colKind selects a column's number format in the printed report.
type colKind uint8

const (
	colText  colKind = iota
	colInt           // 0
	colScore         // 0.00
	colRate          // 0.00%
	colCoef          // 0.000
)

// xlsxCol is one column of a report sheet.
type xlsxCol struct {
	title string
	kind  colKind
	width float64
}

// xlsxSheet is one sheet: a title line, a header row and data rows.
type xlsxSheet struct {
	name, title string
	cols        []xlsxCol
	rows        func(emit func(...any) error) error
}

// WriteXLSX writes the printable report for schools: a notes sheet, one sheet
// per level (全区, 县区, 学校, 班级), item analysis, reliability, knowledge
// points and, with prior scores, value-added. Headers are Chinese, rates are
// percentages, sheets print landscape fitted to the page width with the
// header row repeated. Student rankings are deliberately left out.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range r.xlsxSheets() {
		if err := writeSheet(f, st, sh, i == 0); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func (r *Report) xlsxSheets() []xlsxSheet {
	sheets := []xlsxSheet{r.notesSheet()}
	for l := Region; l < numLevels; l++ {
		sheets = append(sheets, r.levelSheet(l))
	}
	sheets = append(sheets, r.bandSheet(), r.itemSheet(), r.reliabilitySheet(), r.knowledgeSheet())
	if r.Data.Prior != nil {
		sheets = append(sheets, r.valueSheet())
	}
	return sheets
}

// xlsxStyles holds the style ids: header, title and one per column kind.
type xlsxStyles struct {
	header, title int
	body          [5]int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	st := &xlsxStyles{}
	var err error
	newStyle := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.title = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.header = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	fmts := [5]string{"@", "0", "0.00", "0.00%", "0.000"}
	for k, nf := range fmts {
		nf := nf
		st.body[k] = newStyle(&excelize.Style{Border: border, CustomNumFmt: &nf})
	}
	return st, err
}

// writeSheet streams one sheet and sets up printing.
// The first sheet takes over the workbook's default sheet, because deleting
// it afterwards would make excelize parse every streamed sheet back.
func writeSheet(f *excelize.File, st *xlsxStyles, sh xlsxSheet, first bool) error {
	if first {
		if err := f.SetSheetName(f.GetSheetName(0), sh.name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(sh.name); err != nil {
		return err
	}
	if err := setupPrint(f, sh); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	for i := len(sh.cols) - 1; i >= 0; i-- { // excelize prepends; Excel wants ascending <col>s
		if err := sw.SetColWidth(i+1, i+1, sh.cols[i].width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: sh.title}}, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	head := make([]any, len(sh.cols))
	for i, c := range sh.cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.title}
	}
	if err := sw.SetRow("A2", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	row := 3
	cells := make([]any, len(sh.cols))
	err = sh.rows(func(vals ...any) error {
		for i, v := range vals {
			cells[i] = excelize.Cell{StyleID: st.body[sh.cols[i].kind], Value: cellValue(v)}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, cells[:len(vals)])
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// cellValue maps undefined figures (NaN) to an empty cell.
func cellValue(v any) any {
	if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return nil
	}
	return v
}

// setupPrint sets landscape A4 fitted to one page wide with the title and
// header rows repeated on every printed page.
func setupPrint(f *excelize.File, sh xlsxSheet) error {
	land, a4, one, many := "landscape", 9, 1, 0
	fit := true
	if err := f.SetSheetProps(sh.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sh.name, &excelize.PageLayoutOptions{Orientation: &land, Size: &a4, FitToWidth: &one, FitToHeight: &many}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sh.name + "'!$1:$2", Scope: sh.name})
}
