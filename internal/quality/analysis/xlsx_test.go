package analysis

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSXReportHasChineseSheetsAndFigures(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"说明", "全区", "县区", "学校", "班级", "分数段", "小题分析", "信度", "知识点"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %v, want %v (no value-added sheet without prior)", got, want)
	}
	rows, _ := f.GetRows("全区")
	if rows[1][6] != "平均分" || rows[2][3] != "数学" || rows[2][6] != "5.50" || rows[2][13] != "60.00%" {
		t.Errorf("全区 rows = %q", rows[:3])
	}
	bands, _ := f.GetRows("分数段")
	// 数学 region, bands of 5: [5,10] holds 10, 6, 6 and [0,5) holds 4.5, 1
	if got := strings.Join(bands[2], "|"); got != "全区|数学|5–10（含满分）|3|60.00%|3|60.00%" {
		t.Errorf("分数段 first row = %s", got)
	}
	if got := strings.Join(bands[3], "|"); got != "全区|数学|0–5|2|40.00%|5|100.00%" {
		t.Errorf("分数段 second row = %s", got)
	}
	school, _ := f.GetRows("学校")
	if school[2][1] != "一中" && school[2][1] != "三中" {
		t.Errorf("学校 first row = %q", school[2])
	}
	var all []string
	for _, sh := range f.GetSheetList() {
		rs, _ := f.GetRows(sh)
		for _, row := range rs {
			all = append(all, strings.Join(row, ","))
		}
	}
	if text := strings.Join(all, "\n"); strings.Contains(text, "S1") || strings.Contains(text, "排名") && !strings.Contains(text, "不含学生个人排名") {
		t.Error("the printed report must not list students or their rankings")
	}
}

// writeXLSXFromCSV converts CSV text into a one-sheet workbook.
func writeXLSXFromCSV(t *testing.T, text, path string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestXLSXInputMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	items, scores := filepath.Join(dir, "items.xlsx"), filepath.Join(dir, "scores.xlsx")
	writeXLSXFromCSV(t, fixtureItems, items)
	writeXLSXFromCSV(t, fixtureScores, scores)
	got := analyzePaths(t, items, scores, "", fixtureSettings())
	want := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	if jsonOf(t, got) != jsonOf(t, want) {
		t.Error("xlsx input gives different results from the same CSV")
	}
	bad := filepath.Join(dir, "bad.xlsx")
	writeXLSXFromCSV(t, strings.Replace(fixtureScores, "2,2,6", "2,2,7", 1), bad)
	ex, _ := ReadExam(items)
	if _, err := ReadScores(bad, ex, nil); err == nil || !strings.Contains(err.Error(), "第2行") {
		t.Errorf("xlsx error does not name the Excel row: %v", err)
	}
}
