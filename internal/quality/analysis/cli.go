package analysis

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality/analysis/gen"
)

const usage = `用法：
  jiaoyan quality analyze --items ITEMS --scores SCORES [--prior PRIOR] --out report.json [--xlsx report.xlsx]
  jiaoyan quality gen --size city-100k|city-500k|small --seed 1 --dir DIR
`

// RunCLI runs `jiaoyan quality <args>`: "analyze" turns an exam definition and
// its scores into a JSON (and optionally xlsx) report; "gen" writes a
// deterministic synthetic exam. Progress goes to stderr. Errors are *app.Error
// with a Chinese message where the input is at fault.
func RunCLI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return app.Errorf(app.EINVALID, "请指定子命令 analyze 或 gen")
	}
	switch args[0] {
	case "analyze":
		return runAnalyze(ctx, args[1:], stdout, stderr)
	case "gen":
		return runGen(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return app.Errorf(app.EINVALID, "未知子命令“%s”", args[0])
}

type analyzeFlags struct {
	items, scores, prior, out, xlsx, cpuprofile string
	quiet                                       bool
	set                                         Settings
}

func parseAnalyzeFlags(args []string, stderr io.Writer) (*analyzeFlags, error) {
	f := &analyzeFlags{set: DefaultSettings()}
	fs := flag.NewFlagSet("quality analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.items, "items", "", "题目表 ITEMS (CSV 或 xlsx)")
	fs.StringVar(&f.scores, "scores", "", "成绩表 SCORES (CSV 或 xlsx)")
	fs.StringVar(&f.prior, "prior", "", "前测成绩表，用于增值评价（可选）")
	fs.StringVar(&f.out, "out", "", "输出 JSON 报告路径")
	fs.StringVar(&f.xlsx, "xlsx", "", "输出 Excel 报告路径（可选）")
	fs.StringVar(&f.cpuprofile, "cpuprofile", "", "写入 CPU profile（调试用）")
	fs.BoolVar(&f.quiet, "quiet", false, "不显示进度")
	fs.Float64Var(&f.set.PassShare, "pass", f.set.PassShare, "及格线（占满分比例）")
	fs.Float64Var(&f.set.GoodShare, "good", f.set.GoodShare, "良好线（占满分比例）")
	fs.Float64Var(&f.set.ExcellentShare, "excellent", f.set.ExcellentShare, "优秀线（占满分比例）")
	fs.Float64Var(&f.set.LowShare, "low", f.set.LowShare, "低分线（占满分比例）")
	fs.Float64Var(&f.set.BandWidth, "band", f.set.BandWidth, "分数段宽度（分）")
	fs.Float64Var(&f.set.CriticalBand, "critical", f.set.CriticalBand, "临界生分数带宽度（分）")
	fs.IntVar(&f.set.MinGroupVA, "min-va", f.set.MinGroupVA, "增值评价最少人数")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, app.Errorf(app.EINVALID, "参数错误：%v", err)
	}
	if f.items == "" || f.scores == "" || f.out == "" {
		return nil, app.Errorf(app.EINVALID, "必须指定 --items、--scores 和 --out")
	}
	return f, f.set.Validate()
}

func runAnalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseAnalyzeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil // the flag package printed the usage
	}
	if err != nil {
		return err
	}
	if f.cpuprofile != "" {
		stop, err := startProfile(f.cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	rep, err := f.load(ctx, stderr)
	if err != nil {
		return err
	}
	if err := writeFile(f.out, rep.WriteJSON); err != nil {
		return err
	}
	if f.xlsx != "" {
		if err := writeFile(f.xlsx, rep.WriteXLSX); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "已分析 %d 名考生、%d 个科目，报告已写入 %s\n", len(rep.Data.Students), len(rep.Data.Subjects), f.out)
	return nil
}

// load reads the inputs and runs the analysis, reporting progress.
func (f *analyzeFlags) load(ctx context.Context, stderr io.Writer) (*Report, error) {
	exam, err := ReadExam(f.items)
	if err != nil {
		return nil, err
	}
	prog := progressPrinter(stderr, "读取成绩", f.quiet)
	ds, err := ReadScores(f.scores, exam, prog)
	if err != nil {
		return nil, err
	}
	if f.prior != "" {
		if err := ReadPrior(f.prior, ds, progressPrinter(stderr, "读取前测成绩", f.quiet)); err != nil {
			return nil, err
		}
		if ds.PriorUnmatched > 0 {
			fmt.Fprintf(stderr, "注意：前测成绩中有 %d 行的考号不在本次考试中，已忽略\n", ds.PriorUnmatched)
		}
	}
	return AnalyzeAndFree(ctx, ds, f.set)
}

// progressPrinter prints at most one line per second and the final one.
func progressPrinter(w io.Writer, what string, quiet bool) Progress {
	if quiet {
		return nil
	}
	var last time.Time
	return func(done, total int64) {
		if time.Since(last) < time.Second && done != total {
			return
		}
		last = time.Now()
		if total > 0 {
			fmt.Fprintf(w, "%s：%3d%%（%.1f / %.1f MB）\n", what, done*100/total, float64(done)/1e6, float64(total)/1e6)
		} else {
			fmt.Fprintf(w, "%s：已读 %d 行\n", what, done)
		}
	}
}

// writeFile writes path through a temp file so a failed run leaves no half report.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*")
	if err != nil {
		return app.Errorf(app.EINVALID, "无法写入 %s：%v", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := errors.Join(write(tmp), tmp.Chmod(0o644), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func startProfile(path string) (func(), error) {
	pf, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(pf); err != nil {
		pf.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); pf.Close() }, nil
}

func runGen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("quality gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "small", "规模：small、city-100k、city-500k")
	seed := fs.Uint64("seed", 1, "随机种子")
	dir := fs.String("dir", ".", "输出目录")
	if err := fs.Parse(args); err != nil {
		return app.Errorf(app.EINVALID, "参数错误：%v", err)
	}
	sz, ok := gen.Sizes[*size]
	if !ok {
		return app.Errorf(app.EINVALID, "未知规模“%s”", *size)
	}
	files, err := gen.WriteFiles(*dir, sz, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已生成 %s %s %s\n", files.Items, files.Scores, files.Prior)
	return nil
}
