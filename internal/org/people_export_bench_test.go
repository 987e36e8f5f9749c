package org_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// benchID makes the n-th valid 身份证号 of county 330302.
func benchID(n int) string {
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%12000)
	base := fmt.Sprintf("330302%s%03d", birth.Format("20060102"), n/12000%1000+500)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(base[i]-'0') * w[i]
	}
	return base + string("10X98765432"[sum%11])
}

// BenchmarkExportPeople60k writes county A's 60,000 people (60 schools)
// into an xlsx file the way the export job does (EachPerson → PersonRecord
// → the xlsx writer), with the kit's streamed writer (web.WriteXLSX) and,
// for comparison, excelize's StreamWriter (exchange.Export). It reports the
// bytes allocated per export, the largest live heap seen while writing and
// the growth of the process's resident memory over one export (its peak
// RSS, reset before each export, less its RSS before).
//
//	go test -run '^$' -bench ExportPeople60k -benchtime 2x ./internal/org/
func BenchmarkExportPeople60k(b *testing.B) {
	w := testutil.NewWorld(b)
	ctx := context.Background()
	schools := make([]string, 60) // 1,000 people a school, as in a city
	for i := range schools {
		schools[i] = fmt.Sprintf("导出测试学校%02d", i)
		w.MustSchool(b, schools[i], "330302", 100+i)
	}
	rows := make([]org.PersonRow, 60000)
	for i := range rows {
		rows[i] = org.PersonRow{Row: i + 2, Org: schools[i%len(schools)], Person: org.Person{Name: fmt.Sprintf("教师%05d", i), Gender: "2",
			IDNumber: benchID(i), Phone: fmt.Sprintf("138%08d", i), Subjects: []string{"数学"}, Stages: []string{"primary"}, Title: "first"}}
	}
	if _, err := w.Org.ImportPeople(ctx, w.CountyA, rows, org.ImportOptions{}); err != nil {
		b.Fatalf("import: %v", err)
	}
	rows = nil
	for _, wr := range []struct {
		name  string
		write func(io.Writer, string, []exchange.ExportColumn, iter.Seq[[]string]) error
	}{{"streamed", web.WriteXLSX}, {"excelize", exchange.Export}} {
		b.Run(wr.name, func(b *testing.B) { benchExport(b, w, wr.write) })
	}
}

func benchExport(b *testing.B, w *testutil.World, write func(io.Writer, string, []exchange.ExportColumn, iter.Seq[[]string]) error) {
	cols := web.ExportColumns(org.PersonSpec())
	var peak, alloc, rssGrowth uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory() // the heap an earlier export grew goes back, so this one's growth shows
		rss0 := resetPeakRSS(b)
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		n := 0
		var readErr error
		seq := func(yield func([]string) bool) {
			readErr = w.Org.EachPerson(context.Background(), w.CountyA, org.PersonFilter{}, func(p org.Person) bool {
				n++
				if n%5000 == 0 {
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapAlloc)
				}
				return yield(org.PersonRecord(p))
			})
		}
		var buf bytes.Buffer
		if err := write(&buf, "人员名单", cols, seq); err != nil || readErr != nil {
			b.Fatalf("export: %v %v", err, readErr)
		}
		if n < 60000 {
			b.Fatalf("exported %d people", n)
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		alloc += after.TotalAlloc - before.TotalAlloc
		peak = max(peak, after.HeapAlloc)
		if hwm := procStatusKB(b, "VmHWM"); hwm > rss0 {
			rssGrowth = max(rssGrowth, hwm-rss0)
		}
	}
	b.ReportMetric(float64(alloc)/float64(b.N)/1e6, "MB-alloc/op")
	b.ReportMetric(float64(peak)/1e6, "MB-peak-heap")
	b.ReportMetric(float64(rssGrowth)/1024, "MB-rss-growth")
}

// resetPeakRSS resets the process's peak resident size (VmHWM) to its
// current one and returns that, in kB (Linux: /proc/self/clear_refs 5).
func resetPeakRSS(b *testing.B) uint64 {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Skipf("cannot reset the peak RSS here: %v", err)
	}
	return procStatusKB(b, "VmRSS")
}

// procStatusKB is a kB field of /proc/self/status.
func procStatusKB(b *testing.B, field string) uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	b.Skipf("no %s in /proc/self/status", field)
	return 0
}
