package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// longSpec has a dropdown too long for an inline list.
func longSpec() Spec {
	s := teacherSpec
	s.Columns = append([]Column(nil), teacherSpec.Columns...)
	var schools []string
	for i := range 60 {
		schools = append(schools, fmt.Sprintf("第%d实验学校", i+1))
	}
	s.Columns = append(s.Columns, Column{Key: "school", Header: "学校", Kind: KindEnum, Options: schools, Help: "从下拉列表选择本区学校"})
	return s
}

func TestTemplateIsFilledInAndReadBack(t *testing.T) {
	spec := longSpec()
	var buf bytes.Buffer
	if err := Template(&buf, spec); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheet := "教师名单"
	if v, _ := f.GetCellValue(sheet, "A2"); v != "姓名*" {
		t.Errorf("A2 = %q, want 姓名*", v)
	}
	if v, _ := f.GetCellValue(sheet, "A1"); !strings.Contains(v, "带 * 的列必填") {
		t.Errorf("instruction row = %q", v)
	}
	if visible, err := f.GetSheetVisible(optionSheet); err != nil || visible {
		t.Errorf("option sheet visible=%v err=%v", visible, err)
	}
	dvs, _ := f.GetDataValidations(sheet)
	var refs []string
	for _, dv := range dvs {
		refs = append(refs, dv.Sqref+"="+dv.Formula1)
	}
	all := strings.Join(refs, " ")
	for _, want := range []string{`D3:D1048576="三级教师,二级教师`, `F3:F1048576="是,否"`, `H3:H1048576='选项'!$A$1:$A$60`} {
		if !strings.Contains(all, want) {
			t.Errorf("validations %s lack %s", all, want)
		}
	}
	if cs, _ := f.GetComments(sheet); len(cs) != 1 || cs[0].Cell != "H2" {
		t.Errorf("comments = %+v", cs)
	}
	panes, _ := f.GetPanes(sheet)
	if !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes = %+v", panes)
	}
	if hs, _ := f.GetCellStyle(sheet, "B2"); true {
		if st, _ := f.GetStyle(hs); st == nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("header B2 is not bold: %+v", st)
		}
	}
	// The ID column is text: a long number typed into it keeps its digits.
	st, _ := f.GetColStyle(sheet, "B")
	style, _ := f.GetStyle(st)
	if style == nil || style.NumFmt != 49 {
		t.Errorf("ID column style = %+v, want text format 49", style)
	}
	id := validID("11010519491231002")
	f.SetCellStr(sheet, "A3", "王五")
	f.SetCellStr(sheet, "B3", id)
	f.SetCellStr(sheet, "H3", "第7实验学校")
	var filled bytes.Buffer
	f.WriteTo(&filled)
	f.Close()
	_, rows := readAll(t, "模板.xlsx", filled.Bytes(), spec)
	if len(rows) != 1 || rows[0].Num != 3 || rows[0].Values["id_card"] != id || rows[0].Values["school"] != "第7实验学校" || len(rows[0].Errors) > 0 {
		t.Fatalf("rows = %+v", rows)
	}
}
