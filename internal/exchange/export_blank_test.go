package exchange

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestBlankExportCellsStayBlankAndIDCellsStayText: an empty cell of an
// export reads back empty between filled ones, and an empty 身份证号 cell
// keeps the text format, so an 18-digit number typed into it later is not
// turned into 4.4E+17.
func TestBlankExportCellsStayBlankAndIDCellsStayText(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, "Sheet1", exportCols, slices.Values([][]string{{"", "", "7"}, {"张三", "", ""}})); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	if len(rows) != 3 || rows[1][0] != "" || rows[1][2] != "7" || rows[2][0] != "张三" {
		t.Fatalf("rows read back: %q", rows)
	}
	for _, cell := range []string{"B2", "B3"} {
		id, _ := f.GetCellStyle("Sheet1", cell)
		style, _ := f.GetStyle(id)
		if style == nil || style.NumFmt != 49 {
			t.Errorf("empty 身份证号 cell %s is not text-formatted: %+v", cell, style)
		}
	}
}
