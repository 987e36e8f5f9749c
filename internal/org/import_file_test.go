package org_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// sheet builds a one-sheet workbook; a string starting with "=" becomes a
// formula without a stored value.
func sheet(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				f.SetCellFormula("Sheet1", cell, s[1:])
			} else if v != nil {
				f.SetCellValue("Sheet1", cell, v)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// countyRoster is a roster in a county's own shape: a title row, other
// header words, columns the platform does not keep, dates in several forms.
func countyRoster(t testing.TB) []byte {
	return sheet(t, []any{"XX县2026年教师花名册"},
		[]any{"序号", "姓名", "性别", "身份证号码", "所在学校", "手机号码", "最高学历", "参加工作时间", "职称", "备注"},
		[]any{1, "甲", "女", "330302199001010013", "鹿城区实验小学", "13800000001", "大学本科", "2001.09", "一级教师", "党员"},
		[]any{2, "乙", "男", "330302199202020023", "2330000001", "13800000002", "研究生", "2001年9月", "高级教师", ""},
		[]any{3, "丙", "女", withCheck("33030219930303003"), "鹿城区实验小学", "", "大学专科", "2001-9-1", "", ""},
		[]any{4, "丁", "男", withCheck("33030219880808001"), "鹿城区实验小学", "", "大学本科", 37135, "二级教师", ""})
}

func TestImportCountyRoster(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	out, err := w.Org.ImportFile(ctx, w.CountyA, "people", "花名册.xlsx", countyRoster(t), org.ImportOptions{})
	if err != nil || !out.OK || out.Result.Created != 4 {
		t.Fatalf("roster: %v %s %v", err, out.Message, out.Missing)
	}
	if got := strings.Join(out.Unused, "|"); got != "序号|备注" {
		t.Fatalf("未导入的列 = %q, want 序号|备注", got)
	}
	for _, name := range []string{"甲", "乙", "丙", "丁"} {
		found, _, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: name})
		if len(found) != 1 {
			t.Fatalf("%s not imported", name)
		}
		p, _ := w.Org.FindPersonByID(ctx, testutil.Root, found[0].ID)
		if p.WorkStart != "2001-09-01" || p.TeachingSince != 2001 || p.Education == "" || p.OrgID != w.SchoolA {
			t.Errorf("%s: 参加工作时间 %q 从教年份 %d 学历 %q org %d", name, p.WorkStart, p.TeachingSince, p.Education, p.OrgID)
		}
	}
	again, err := w.Org.ImportFile(ctx, w.CountyA, "people", "花名册.xlsx", countyRoster(t), org.ImportOptions{})
	if err != nil || !again.OK || again.Result.Unchanged != 4 || again.Result.Created != 0 {
		t.Fatalf("re-import: %v %+v", err, again.Result)
	}
}

func TestImportFormulaCellIsNamed(t *testing.T) {
	w := testutil.NewWorld(t)
	data := sheet(t, []any{"姓", "名", "姓名", "身份证号", "单位"},
		[]any{"张", "三", "=A2&B2", "330302199001010013", "2330000001"})
	out, err := w.Org.ImportFile(context.Background(), w.CountyA, "people", "f.xlsx", data, org.ImportOptions{})
	if err != nil || out.OK || len(out.Errors) != 1 {
		t.Fatalf("formula: %v %s", err, out.Message)
	}
	if e := out.Errors[0]; e.Row != 2 || e.Column != "姓名" || e.Message != "单元格是公式（=A2&B2），请粘贴为数值后再导入" {
		t.Fatalf("error = %+v", e)
	}
	if strings.Contains(out.Message, "姓名不能为空") {
		t.Fatalf("message = %s", out.Message)
	}
}

func TestImportMappingIsRememberedForTheRegion(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	data := sheet(t, []any{"教职工", "证件", "任职单位"}, []any{"甲", "330302199001010013", "2330000001"})
	out, err := w.Org.ImportFile(ctx, w.CountyA, "people", "m.xlsx", data, org.ImportOptions{})
	if err == nil || out.Missing == nil || strings.Join(out.Missing.Missing, "、") != "姓名、单位" ||
		strings.Join(out.Missing.Header, "|") != "教职工|证件|任职单位" {
		t.Fatalf("unmapped file: %v %+v", err, out.Missing)
	}
	k, _ := org.FindImportKind("people")
	m, err := k.ParseMapping("教职工=姓名,证件=身份证号,任职单位=单位")
	if err != nil {
		t.Fatal(err)
	}
	out, err = w.Org.ImportFile(ctx, w.CountyA, "people", "m.xlsx", data, org.ImportOptions{Mapping: m, Remember: true})
	if err != nil || !out.OK || out.Result.Created != 1 {
		t.Fatalf("mapped: %v %s", err, out.Message)
	}
	next := sheet(t, []any{"教职工", "证件", "任职单位"}, []any{"乙", "330302199202020023", "2330000001"})
	if out, err = w.Org.ImportFile(ctx, w.CountyA, "people", "n.xlsx", next, org.ImportOptions{}); err != nil || out.Result.Created != 1 {
		t.Fatalf("the region's next file did not use the remembered mapping: %v %s", err, out.Message)
	}
	if _, err = w.Org.ImportFile(ctx, w.CountyB, "people", "n.xlsx", next, org.ImportOptions{}); err == nil {
		t.Fatal("another county used county A's mapping")
	}
}

// badRoster is n people rows whose cells are all wrong, 60 cells a row.
func badRoster(n int) []byte {
	var b bytes.Buffer
	b.WriteString("姓名,性别,身份证号,手机号,单位,学段,职称,学历,梯级,从教年份,参加工作时间,教研员类别,教研学段,专家库,系统编号")
	for i := 15; i < 60; i++ {
		fmt.Fprintf(&b, ",其他%d", i)
	}
	b.WriteByte('\n')
	for r := 0; r < n; r++ {
		b.WriteString(",不详,123,456,2330000001,大学,教授,博士后,顶级,很久,去年,全职,幼儿,也许,abc")
		for i := 15; i < 60; i++ {
			fmt.Fprintf(&b, ",x%d", r)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func TestImportErrorsStopAtTheCapAndTheReportKeepsEveryRow(t *testing.T) {
	w := testutil.NewWorld(t)
	out, err := w.Org.ImportFile(context.Background(), w.CountyA, "people", "bad.csv", badRoster(500), org.ImportOptions{})
	if err != nil || out.OK || !out.Capped || len(out.Errors) != 1000 {
		t.Fatalf("capped: %v ok=%v capped=%v errors=%d", err, out.OK, out.Capped, len(out.Errors))
	}
	if !strings.HasPrefix(out.Message, "错误超过 1000 处，只列出前 1000 处；请修正后重新导入") {
		t.Fatalf("message = %s", out.Message)
	}
	f, err := excelize.OpenReader(bytes.NewReader(out.Report))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Sheet1")
	if len(rows) != 501 || rows[500][59] != "x499" {
		t.Fatalf("report has %d rows, want the header and all 500", len(rows))
	}
}

func TestImportUnknownStageWritesNothing(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	data := []byte("姓名,身份证号,单位,学段\n甲,330302199001010013,2330000001,火星\n")
	out, err := w.Org.ImportFile(ctx, w.CountyA, "people", "s.csv", data, org.ImportOptions{})
	if err != nil || out.OK || len(out.Errors) != 1 || out.Errors[0].Column != "学段" {
		t.Fatalf("unknown stage: %v %s", err, out.Message)
	}
	if _, n, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: "甲"}); n != 0 {
		t.Fatal("a row with an unknown 学段 was written")
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	out, err := w.Org.ImportFile(ctx, w.CountyA, "people", "r.xlsx", countyRoster(t), org.ImportOptions{DryRun: true})
	if err != nil || !out.OK || out.Result.Created != 4 {
		t.Fatalf("dry run: %v %s", err, out.Message)
	}
	if _, n, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: "甲"}); n != 0 {
		t.Fatal("a dry run wrote rows")
	}
}

func benchBadRows(b *testing.B, n int) {
	w := testutil.NewWorld(b)
	data := badRoster(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := w.Org.ImportFile(context.Background(), w.CountyA, "people", "bad.csv", data, org.ImportOptions{})
		if err != nil || !out.Capped || len(out.Report) == 0 {
			b.Fatalf("%v %v", err, out.Capped)
		}
	}
	b.ReportMetric(float64(len(data))/1e6, "MB")
}

// BenchmarkBadRows4k and 40k import files of bad rows (60 cells each, 13
// wrong) through the whole engine, error report included:
//
//	go test -run '^$' -bench BadRows -benchtime 3x -benchmem ./internal/org/
func BenchmarkBadRows4k(b *testing.B)  { benchBadRows(b, 4000) }
func BenchmarkBadRows40k(b *testing.B) { benchBadRows(b, 40000) }

// withCheck appends the GB 11643 check digit.
func withCheck(first17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * w[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

// BenchmarkHugeSheet imports a sheet of 30,000 rows × 60 cells all holding
// one word (a worksheet of about 90 MB in a zip of a few MB, within the
// limits; issue 9.8's 95 MB sheet):
//
//	go test -run '^$' -bench HugeSheet -benchtime 1x -benchmem ./internal/org/
func BenchmarkHugeSheet(b *testing.B) {
	w := testutil.NewWorld(b)
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	head := []any{"姓名", "身份证号", "单位"}
	for i := 3; i < 60; i++ {
		head = append(head, fmt.Sprint("列", i))
	}
	sw.SetRow("A1", head)
	row := make([]any, 60)
	for i := range row {
		row[i] = "坏"
	}
	for r := 2; r <= 30001; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, row)
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	b.ReportMetric(float64(buf.Len())/1e3, "KB-zipped")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := w.Org.ImportFile(context.Background(), w.CountyA, "people", "huge.xlsx", buf.Bytes(), org.ImportOptions{})
		if err == nil && out.OK {
			b.Fatal("a sheet of bad rows was accepted")
		}
		if i == 0 {
			b.Logf("%d KB zipped: %v; %s", buf.Len()>>10, err, out.Message)
		}
		b.ReportMetric(float64(len(out.Report))/1e6, "MB-report")
	}
}
