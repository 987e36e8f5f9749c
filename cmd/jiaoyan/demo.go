package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"jiaoyan/internal/demo"
)

// cmdDemo fills the configured (empty) database with a synthetic region:
// jiaoyan demo [--size small|city|province] [--seed N] [--db ...].
func cmdDemo(ctx context.Context, args []string, stdout io.Writer) error {
	var sizeFlag string
	var seed int64
	cfg, err := parse("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&sizeFlag, "size", "city", "规模：small（约 30 所学校）、city（1 个市，约 1000 所学校）或 province（约为 city 的 10 倍）")
		fs.Int64Var(&seed, "seed", 1, "随机种子：相同种子生成相同数据")
	})
	if err != nil {
		return err
	}
	size, err := demo.ParseSize(sizeFlag)
	if err != nil {
		return err
	}
	svc, err := open(ctx, cfg, true, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	fmt.Fprintf(stdout, "正在生成演示数据（规模 %s，种子 %d）……\n", size, seed)
	sum, err := demo.Generate(ctx, demo.Target{Org: svc.org, Auth: svc.auth, Policy: svc.policy}, size, seed, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	sum.Print(stdout)
	return nil
}
