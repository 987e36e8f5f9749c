package exchange

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var exportCols = []ExportColumn{
	{Header: "姓名"},
	{Header: "身份证号", Kind: KindID},
	{Header: "得分", Kind: KindDecimal},
}

var exportRows = [][]string{
	{"=HYPERLINK(\"http://evil\",\"点我\")", "440106199001011234", "-3.5"},
	{"@SUM(A1)", "000123", "-1+2"},
	{"+86 138", "\t1", "88"},
}

func TestExportNeutralisesFormulasButKeepsNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, "成绩", exportCols, slices.Values(exportRows)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	get := func(cell string) (string, excelize.CellType) {
		v, _ := f.GetCellValue("成绩", cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType("成绩", cell)
		return v, typ
	}
	cases := []struct {
		cell, want string
		number     bool
	}{
		{"A1", "姓名", false},
		{"A2", "'=HYPERLINK(\"http://evil\",\"点我\")", false},
		{"B2", "440106199001011234", false},
		{"C2", "-3.5", true},
		{"A3", "'@SUM(A1)", false},
		{"B3", "000123", false},
		{"C3", "'-1+2", false},
		{"A4", "'+86 138", false},
		{"B4", "'\t1", false},
		{"C4", "88", true},
	}
	for _, c := range cases {
		v, typ := get(c.cell)
		if v != c.want {
			t.Errorf("%s = %q, want %q", c.cell, v, c.want)
		}
		if isNum := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && c.number; isNum != c.number {
			t.Errorf("%s type %v, want number=%v", c.cell, typ, c.number)
		}
	}
	if f, err := f.GetCellFormula("成绩", "A2"); err != nil || f != "" {
		t.Errorf("A2 has formula %q", f)
	}
	panes, _ := f.GetPanes("成绩")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
}

func TestExportCSVHasBOMAndNeutralises(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportCSV(&buf, exportCols, slices.Values(exportRows)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeff姓名,身份证号,得分\r\n") {
		t.Fatalf("header/BOM wrong: %q", out[:40])
	}
	for _, want := range []string{`"'=HYPERLINK(""http://evil"",""点我"")",440106199001011234,-3.5`, `'@SUM(A1),000123,'-1+2`, "'+86 138,'\t1,88"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing line %q in\n%s", want, out)
		}
	}
}

func TestExportThenImportRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	rows := [][]string{{"张三", validID("44010619900101123"), "95.5"}}
	if err := Export(&buf, "名单", exportCols, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	spec := Spec{Columns: []Column{
		{Key: "name", Header: "姓名", Required: true},
		{Key: "id", Header: "身份证号", Kind: KindID, Required: true},
		{Key: "score", Header: "得分", Kind: KindDecimal},
	}}
	_, got := readAll(t, "export.xlsx", buf.Bytes(), spec)
	if len(got) != 1 || got[0].Values["id"] != rows[0][1] || got[0].Values["score"] != "95.5" || len(got[0].Errors) > 0 {
		t.Fatalf("round trip = %+v", got)
	}
}
