// Command duckdb compares the jiaoyan analysis engine with DuckDB on the same
// synthetic exam: it loads the scores CSV into DuckDB and computes the group
// statistics and item statistics in SQL, runs the jiaoyan engine on the same
// file, prints the CPU seconds (user+sys, all threads) of both and checks that
// the figures agree.
//
// It is a separate module (cgo, DuckDB's static library) that the main module
// never imports; run it by hand:
//
//	cd bench/duckdb && go run . -size city-100k
//
// duckdb-go is pinned at v2.10506.0 (DuckDB 1.5.x), whose static library
// comes from github.com/duckdb/duckdb-go-bindings/lib/linux-amd64 through the
// module proxy. The newer v2.20000.0 fetches go.duckdb.org/libduckdb instead,
// which proxy.golang.org refused here with 403 Forbidden.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"jiaoyan/internal/quality/analysis"
	"jiaoyan/internal/quality/analysis/gen"
)

func main() {
	size := flag.String("size", "city-100k", "synthetic exam size")
	seed := flag.Uint64("seed", 1, "generator seed")
	dir := flag.String("dir", "", "directory for the generated files (default: a cache under the temp dir)")
	threads := flag.Int("threads", 0, "DuckDB threads (0: DuckDB's default)")
	flag.Parse()
	if err := run(*size, *seed, *dir, *threads); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(size string, seed uint64, dir string, threads int) error {
	files, err := exam(size, seed, dir)
	if err != nil {
		return err
	}
	fmt.Printf("exam %s seed %d: %s\n", size, seed, files.Scores)

	var rep *analysis.Report
	ourCPU, ourWall, err := measure(func() error {
		rep, err = runJiaoyan(files)
		return err
	})
	if err != nil {
		return err
	}
	jsonCPU, _, err := measure(func() error { return rep.WriteJSON(io.Discard) })
	if err != nil {
		return err
	}
	runtime.GC()

	var res *duckResults
	duckCPU, duckWall, err := measure(func() error {
		res, err = runDuckDB(files, threads)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Printf("jiaoyan: parse + full analysis  %6.2f s CPU (%5.2f s wall); + JSON %5.2f s CPU\n", ourCPU, ourWall, jsonCPU)
	fmt.Printf("duckdb:  load + group + item SQL %6.2f s CPU (%5.2f s wall)\n", duckCPU, duckWall)
	fmt.Printf("ratio duckdb/jiaoyan CPU: %.1fx (with JSON: %.1fx)\n", duckCPU/ourCPU, duckCPU/(ourCPU+jsonCPU))
	return compare(rep, res)
}

// exam returns the generated files, creating them when missing.
func exam(size string, seed uint64, dir string) (gen.Files, error) {
	sz, ok := gen.Sizes[size]
	if !ok {
		return gen.Files{}, fmt.Errorf("unknown size %q", size)
	}
	if dir == "" {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("jiaoyan-quality-%s-%d", size, seed))
	}
	f := gen.Files{Items: filepath.Join(dir, "items.csv"), Scores: filepath.Join(dir, "scores.csv"), Prior: filepath.Join(dir, "prior.csv")}
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		return f, nil
	}
	f, err := gen.WriteFiles(dir, sz, seed)
	if err != nil {
		return f, err
	}
	return f, os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
}

// measure returns the process CPU seconds (user+sys, every thread) and wall
// seconds spent in fn.
func measure(fn func() error) (cpu, wall float64, err error) {
	c0, t0 := cpuSeconds(), time.Now()
	err = fn()
	return cpuSeconds() - c0, time.Since(t0).Seconds(), err
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

func runJiaoyan(f gen.Files) (*analysis.Report, error) {
	ex, err := analysis.ReadExam(f.Items)
	if err != nil {
		return nil, err
	}
	ds, err := analysis.ReadScores(f.Scores, ex, nil)
	if err != nil {
		return nil, err
	}
	return analysis.Analyze(context.Background(), ds, analysis.DefaultSettings())
}

// open starts an in-memory DuckDB.
func open(threads int) (*sql.DB, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	if threads > 0 {
		if _, err := db.Exec(fmt.Sprintf("SET threads = %d", threads)); err != nil {
			return nil, err
		}
	}
	return db, nil
}
