package analysis

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
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

// cpuNow is the CPU time (user and system) the process has used. The
// machine is shared, so wall time per op is noisy; CPU time is what issue 14
// compares.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU milliseconds per op since start and, when
// cells > 0, the cells read per CPU second.
func reportCPU(b *testing.B, start time.Duration, cells int64) {
	cpu := cpuNow() - start
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	if cells > 0 {
		b.ReportMetric(float64(cells)*float64(b.N)/cpu.Seconds(), "cells/cpu-s")
	}
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
	} else if ext == "-sst.xlsx" {
		writeSharedXLSX(b, f.Scores, path, n)
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
	for _, ext := range []string{".csv", ".xlsx", "-sst.xlsx"} {
		b.Run(ext[1:], func(b *testing.B) {
			path, ex := scoresFile(b, 60000, ext)
			cells := int64(0)
			if ext != ".csv" {
				cells = countCells(b, path)
			}
			peak := peakHeap(func() {
				if _, err := ReadScores(path, ex, nil); err != nil {
					b.Fatal(err)
				}
			})
			b.ResetTimer()
			start := cpuNow()
			for b.Loop() {
				if _, err := ReadScores(path, ex, nil); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start, cells)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkXLSXReaderRows streams 15k, 60k and 240k score rows through the
// xlsx row source alone: cells/cpu-s should stay the same and peak-heap-MB and
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
			start := cpuNow()
			for b.Loop() {
				read()
			}
			reportCPU(b, start, cells)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkEngine60k runs the whole engine (items, scores, analysis, JSON
// report) on the same 60,000 score rows from CSV and from xlsx, the
// comparison of issue 14: compare ns/op (run with -cpu 1).
func BenchmarkEngine60k(b *testing.B) {
	for _, ext := range []string{".csv", ".xlsx", "-sst.xlsx"} {
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
			start := cpuNow()
			for b.Loop() {
				run()
			}
			reportCPU(b, start, 0)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// writeSharedXLSX writes the header and first n rows of a CSV as a workbook
// the way Excel saves one: text in the shared-string table (one entry per
// distinct text, so every 考号 is its own entry), scores as number cells.
func writeSharedXLSX(b *testing.B, csvPath, path string, n int) {
	if _, err := os.Stat(path); err == nil {
		return
	}
	in, err := os.Open(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	zw := zip.NewWriter(out)
	part := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		io.WriteString(w, body)
	}
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="`+rel+`"><sheets><sheet name="成绩" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="`+rel+`/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	index := map[string]int{}
	var sst []string
	sc := bufio.NewScanner(in)
	for i := 0; i <= n && sc.Scan(); i++ {
		fmt.Fprintf(bw, `<row r="%d">`, i+1)
		for j, v := range strings.Split(sc.Text(), ",") {
			if v == "" {
				continue
			}
			col := string(rune('A' + j%26))
			if j >= 26 {
				col = "A" + col
			}
			if _, err := strconv.ParseFloat(v, 64); err == nil && i > 0 && j >= 5 {
				fmt.Fprintf(bw, `<c r="%s%d"><v>%s</v></c>`, col, i+1, v)
				continue
			}
			k, ok := index[v]
			if !ok {
				k = len(sst)
				index[v] = k
				sst = append(sst, v)
			}
			fmt.Fprintf(bw, `<c r="%s%d" t="s"><v>%d</v></c>`, col, i+1, k)
		}
		bw.WriteString("</row>")
	}
	bw.WriteString("</sheetData></worksheet>")
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	w, err = zw.Create("xl/sharedStrings.xml")
	if err != nil {
		b.Fatal(err)
	}
	bw = bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, v := range sst {
		bw.WriteString("<si><t>" + html.EscapeString(v) + "</t></si>")
	}
	bw.WriteString("</sst>")
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkXLSXInflateOnly only inflates the worksheet part of the 60,000-row
// workbook to io.Discard: the floor under any xlsx reader built on
// archive/zip, to compare with BenchmarkScores60k/xlsx.
func BenchmarkXLSXInflateOnly(b *testing.B) {
	path, _ := scoresFile(b, 60000, ".xlsx")
	start := cpuNow()
	for b.Loop() {
		zr, err := zip.OpenReader(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "xl/worksheets/") {
				rc, err := f.Open()
				if err != nil {
					b.Fatal(err)
				}
				n, err := io.Copy(io.Discard, rc)
				if err != nil {
					b.Fatal(err)
				}
				rc.Close()
				b.SetBytes(n)
			}
		}
		zr.Close()
	}
	reportCPU(b, start, 0)
}
