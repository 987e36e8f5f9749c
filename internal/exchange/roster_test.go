package exchange

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// rosterSpec is a small people-like spec with a month-date column.
var rosterSpec = Spec{Columns: []Column{
	{Key: "name", Header: "姓名", Required: true},
	{Key: "org", Header: "单位", Aliases: []string{"所在学校"}, Required: true},
	{Key: "work_start", Header: "参加工作时间", Kind: KindDate, Month: true},
}}

func TestMonthDatesInEveryCommonForm(t *testing.T) {
	data := oneSheet(t, []any{"姓名", "所在学校", "参加工作时间"},
		[]any{"甲", "一中", "2001.09"}, []any{"乙", "一中", "2001年9月"}, []any{"丙", "一中", "2001-9-1"},
		[]any{"丁", "一中", 37135}, []any{"戊", "一中", "200109"}, []any{"己", "一中", "2001年9月1日"})
	_, rows := readAll(t, "r.xlsx", data, rosterSpec)
	for _, r := range rows {
		if r.Values["work_start"] != "2001-09-01" || len(r.Errors) != 0 {
			t.Errorf("row %d: %q %v", r.Num, r.Values["work_start"], r.Errors)
		}
	}
	if len(rows) != 6 {
		t.Fatalf("rows = %d", len(rows))
	}
}

func TestUnusedColumnsAreListed(t *testing.T) {
	data := oneSheet(t, []any{"XX县2026年教师花名册"}, []any{"序号", "姓名", "所在学校", "", "备注"},
		[]any{1, "甲", "一中", "无表头的值", "党员"})
	rd, _ := readAll(t, "r.xlsx", data, rosterSpec)
	if got := strings.Join(rd.Unused(), "|"); got != "序号|备注|第D列（无表头）" {
		t.Fatalf("unused = %q", got)
	}
}

func TestFormulaCellIsReportedWithItsText(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓", "名", "姓名", "所在学校"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"张", "三", nil, "一中"})
	f.SetCellFormula("Sheet1", "C2", "A2&B2")
	var buf bytes.Buffer
	f.Write(&buf)
	_, rows := readAll(t, "f.xlsx", buf.Bytes(), rosterSpec)
	if len(rows) != 1 || len(rows[0].Errors) != 1 {
		t.Fatalf("rows = %+v", rows)
	}
	e := rows[0].Errors[0]
	if e.Column != "name" || e.Message != "单元格是公式（=A2&B2），请粘贴为数值后再导入" {
		t.Fatalf("error = %+v", e)
	}
}

func TestMappingNamesColumnsAndMissingColumnsAreDescribed(t *testing.T) {
	data := oneSheet(t, []any{"名字", "任职学校", "学校"}, []any{"甲", "一中", "二中"})
	_, err := OpenBytes("m.xlsx", data, rosterSpec, Limits{})
	var mc *MissingColumns
	if !errors.As(err, &mc) || strings.Join(mc.Missing, "、") != "姓名、单位" || strings.Join(mc.Header, "|") != "名字|任职学校|学校" {
		t.Fatalf("err = %v (%+v)", err, mc)
	}
	spec := rosterSpec
	spec.Mapping = map[string]string{"名字": "name", "任职学校": "org"}
	rd, rows := readAll(t, "m.xlsx", data, spec)
	if rows[0].Values["name"] != "甲" || rows[0].Values["org"] != "一中" || strings.Join(rd.Unused(), "|") != "学校" {
		t.Fatalf("mapped = %v, unused %v", rows[0].Values, rd.Unused())
	}
	spec.Mapping = map[string]string{"名字": "name", "学校": "org", "任职学校": ""}
	rd, rows = readAll(t, "m.xlsx", data, spec)
	if rows[0].Values["org"] != "二中" || strings.Join(rd.Unused(), "|") != "任职学校" {
		t.Fatalf("mapped = %v, unused %v", rows[0].Values, rd.Unused())
	}
}

func TestAddUpToStopsAtTheCap(t *testing.T) {
	var errs RowErrors
	if errs.AddUpTo(3, RowError{Row: 1}, RowError{Row: 2}) || !errs.AddUpTo(3, RowError{Row: 3}, RowError{Row: 4}) || len(errs) != 3 {
		t.Fatalf("errs = %v", errs)
	}
}
