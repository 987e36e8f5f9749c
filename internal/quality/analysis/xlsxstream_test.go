package analysis

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/quality/analysis/gen"
)

// sharedStringXLSX writes a CSV file as Excel saves a typed-in sheet: text
// in the shared-string table, numbers as number cells, blank cells absent.
func sharedStringXLSX(t *testing.T, csvPath, path string) {
	t.Helper()
	in, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	recs, err := csv.NewReader(in).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "成绩")
	for i, rec := range recs {
		for j, v := range rec {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var val any = v
			if x, err := strconv.ParseFloat(v, 64); err == nil && i > 0 && j >= 5 {
				val = x
			}
			if err := f.SetCellValue("成绩", cell, val); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestSharedStringXLSXMatchesCSV analyses a generated exam (2,000 students,
// with priors) from CSV and from workbooks saved with shared strings: the
// JSON reports are identical.
func TestSharedStringXLSXMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	files, err := gen.WriteFiles(dir, gen.Sizes["small"], 7)
	if err != nil {
		t.Fatal(err)
	}
	scores, prior := filepath.Join(dir, "scores.xlsx"), filepath.Join(dir, "prior.xlsx")
	sharedStringXLSX(t, files.Scores, scores)
	sharedStringXLSX(t, files.Prior, prior)
	want := analyzePaths(t, files.Items, files.Scores, files.Prior, DefaultSettings())
	got := analyzePaths(t, files.Items, scores, prior, DefaultSettings())
	if jsonOf(t, got) != jsonOf(t, want) {
		t.Error("shared-string xlsx input gives different results from the same CSV")
	}
	if len(got.Data.Students) < 1000 {
		t.Errorf("only %d students read", len(got.Data.Students))
	}
}
