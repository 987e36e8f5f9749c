package analysis

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/quality/analysis/gen"
)

// cachedExam generates (once per machine) the named synthetic exam under
// os.TempDir, keyed by size and seed.
func cachedExam(b *testing.B, size string, seed uint64) gen.Files {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("jiaoyan-quality-%s-%d", size, seed))
	f := gen.Files{Items: filepath.Join(dir, "items.csv"), Scores: filepath.Join(dir, "scores.csv"), Prior: filepath.Join(dir, "prior.csv")}
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		return f
	}
	f, err := gen.WriteFiles(dir, gen.Sizes[size], seed)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "done"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return f
}

// benchAnalyze measures CSV -> full JSON (written to io.Discard).
func benchAnalyze(b *testing.B, size string) {
	f := cachedExam(b, size, 1)
	st, _ := os.Stat(f.Scores)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		ex, err := ReadExam(f.Items)
		if err != nil {
			b.Fatal(err)
		}
		ds, err := ReadScores(f.Scores, ex, nil)
		if err != nil {
			b.Fatal(err)
		}
		r, err := Analyze(context.Background(), ds, DefaultSettings())
		if err != nil {
			b.Fatal(err)
		}
		if err := r.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalyzeCity100k(b *testing.B) { benchAnalyze(b, "city-100k") }
func BenchmarkAnalyzeCity500k(b *testing.B) { benchAnalyze(b, "city-500k") }

// BenchmarkXLSXInput reads a 60,000-row scores workbook (31 columns) made
// from the first rows of city-100k and reports cells per second.
func BenchmarkXLSXInput(b *testing.B) {
	f := cachedExam(b, "city-100k", 1)
	path := filepath.Join(filepath.Dir(f.Scores), "scores-60k.xlsx")
	const rows = 60000
	if _, err := os.Stat(path); err != nil {
		csvToXLSX(b, f.Scores, path, rows)
	}
	ex, err := ReadExam(f.Items)
	if err != nil {
		b.Fatal(err)
	}
	cells := countCells(b, path)
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadScores(path, ex, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

// countCells returns the number of cells the xlsx reader yields.
func countCells(b *testing.B, path string) int64 {
	src, err := openXLSX(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	var cells int64
	for {
		rec, err := src.Next()
		if err == io.EOF {
			return cells
		}
		if err != nil {
			b.Fatal(err)
		}
		cells += int64(len(rec))
	}
}

// csvToXLSX copies the header and first n rows of a CSV into a workbook.
func csvToXLSX(b *testing.B, csvPath, path string, n int) {
	in, err := os.Open(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(in)
	for i := 0; i <= n && sc.Scan(); i++ {
		fields := strings.Split(sc.Text(), ",")
		row := make([]any, len(fields))
		for j, v := range fields {
			row[j] = v
			if x, err := strconv.ParseFloat(v, 64); err == nil && i > 0 && j >= 5 {
				row[j] = x // scores are numeric cells, as in a real export
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}
