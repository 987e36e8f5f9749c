package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"jiaoyan/internal/demo"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/training"
)

// cmdDemo fills the configured (empty) database with a synthetic region:
// jiaoyan demo [--size small|city|province] [--seed N] [--db ...].
func cmdDemo(ctx context.Context, args []string, stdout io.Writer) error {
	var sizeFlag string
	var seed int64
	var cpuProfile string
	cfg, err := parse("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&sizeFlag, "size", "city", "规模：small（约 30 所学校）、city（1 个市，约 1000 所学校）或 province（约为 city 的 10 倍）")
		fs.Int64Var(&seed, "seed", 1, "随机种子：相同种子生成相同数据")
		fs.StringVar(&cpuProfile, "cpuprofile", "", "把生成过程的 CPU 剖析写入此文件（供 go tool pprof 分析）")
	})
	if err != nil {
		return err
	}
	size, err := demo.ParseSize(sizeFlag)
	if err != nil {
		return err
	}
	if !dbChosen(args) {
		cfg.DB = demoDB
	}
	fmt.Fprintf(stdout, "演示数据库：%s（与正式数据库 jiaoyan.db 分开）\n", cfg.DB)
	svc, err := open(ctx, cfg, true, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	if cpuProfile != "" {
		stop, err := startCPUProfile(cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	fmt.Fprintf(stdout, "正在生成演示数据（规模 %s，种子 %d）……\n", size, seed)
	ls := &liaison.Service{DB: svc.db, Org: svc.org, Policy: svc.policy, Dict: svc.dict}
	sum, err := demo.Generate(ctx, demo.Target{Org: svc.org, Auth: svc.auth, Policy: svc.policy, Liaison: ls,
		Training: &training.Service{DB: svc.db, Org: svc.org, Policy: svc.policy}}, size, seed, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	sum.Print(stdout)
	fmt.Fprintf(stdout, "\n启动演示网站：./jiaoyan serve --db %s\n", cfg.DB)
	return nil
}

// demoDB is where the demo goes unless --db or JIAOYAN_DB names a database,
// so a demo never fills the jiaoyan.db that `make run` serves.
const demoDB = "sqlite:./jiaoyan-demo.db"

// dbChosen reports whether the user named a database for this command.
func dbChosen(args []string) bool {
	if os.Getenv("JIAOYAN_DB") != "" {
		return true
	}
	for _, a := range args {
		if a == "--db" || a == "-db" || strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db=") {
			return true
		}
	}
	return false
}

// startCPUProfile writes a CPU profile of the rest of the run to path; the
// returned stop ends it and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
