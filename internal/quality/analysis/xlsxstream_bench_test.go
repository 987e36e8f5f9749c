package analysis

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// peakHeap runs fn while sampling the bytes of live and not yet collected
// heap objects every millisecond, and returns the peak above the level
// before fn started.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if v := read(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	fn()
	close(stop)
	<-done
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// headCSV copies the header and first n rows of a CSV file.
func headCSV(b *testing.B, from, to string, n int) {
	if _, err := os.Stat(to); err == nil {
		return
	}
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(in)
	w := bufio.NewWriter(out)
	for i := 0; i <= n && sc.Scan(); i++ {
		w.WriteString(sc.Text())
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// scoresFile returns the first n score rows of city-100k as CSV or xlsx
// (scores as number cells), made once per machine.
func scoresFile(b *testing.B, n int, ext string) (string, *Exam) {
	f := cachedExam(b, "city-100k", 1)
	path := filepath.Join(filepath.Dir(f.Scores), fmt.Sprintf("scores-%dk%s", n/1000, ext))
	if ext == ".csv" {
		headCSV(b, f.Scores, path, n)
	} else if _, err := os.Stat(path); err != nil {
		csvToXLSX(b, f.Scores, path, n)
	}
	ex, err := ReadExam(f.Items)
	if err != nil {
		b.Fatal(err)
	}
	return path, ex
}

// BenchmarkScores60k reads the same 60,000 score rows (31 columns) through
// the engine's ReadScores from CSV and from xlsx: compare ns/op for the CPU
// ratio (run with -cpu 1); peak-heap-MB is the heap high-water mark of one
// read.
func BenchmarkScores60k(b *testing.B) {
	for _, ext := range []string{".csv", ".xlsx"} {
		b.Run(ext[1:], func(b *testing.B) {
			path, ex := scoresFile(b, 60000, ext)
			cells := int64(0)
			if ext == ".xlsx" {
				cells = countCells(b, path)
			}
			peak := peakHeap(func() {
				if _, err := ReadScores(path, ex, nil); err != nil {
					b.Fatal(err)
				}
			})
			b.ResetTimer()
			for b.Loop() {
				if _, err := ReadScores(path, ex, nil); err != nil {
					b.Fatal(err)
				}
			}
			if cells > 0 {
				b.ReportMetric(float64(cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkXLSXReaderRows streams 15k, 60k and 240k score rows through the
// xlsx row source alone: cells/s should stay the same and peak-heap-MB and
// B/op flat as the rows grow.
func BenchmarkXLSXReaderRows(b *testing.B) {
	for _, n := range []int{15000, 60000, 240000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			path, _ := scoresFile(b, n, ".xlsx")
			var cells int64
			read := func() {
				cells = 0
				src, err := openXLSX(path, nil)
				if err != nil {
					b.Fatal(err)
				}
				defer src.Close()
				for {
					rec, err := src.Next()
					if err == io.EOF {
						return
					}
					if err != nil {
						b.Fatal(err)
					}
					cells += int64(len(rec))
				}
			}
			peak := peakHeap(read)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				read()
			}
			b.ReportMetric(float64(cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkEngine60k runs the whole engine (items, scores, analysis, JSON
// report) on the same 60,000 score rows from CSV and from xlsx, the
// comparison of issue 14: compare ns/op (run with -cpu 1).
func BenchmarkEngine60k(b *testing.B) {
	for _, ext := range []string{".csv", ".xlsx"} {
		b.Run(ext[1:], func(b *testing.B) {
			path, ex := scoresFile(b, 60000, ext)
			run := func() {
				ds, err := ReadScores(path, ex, nil)
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
			peak := peakHeap(run)
			b.ResetTimer()
			for b.Loop() {
				run()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
