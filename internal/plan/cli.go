package plan

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jiaoyan/internal/app"
)

const usage = `用法：jiaoyan plan <review|liaison|rotation> --in 问题文件 [--out 结果文件]

  review    评审专家分配（课题、论文；回避规则）
  liaison   教研员联系学校（农村、薄弱学校、教学点）
  rotation  蹲点视导轮换（每学期一校，周期内每校至少一次）

文件格式由扩展名决定：.json 或 .xlsx。不给 --out 时把 JSON 结果写到标准输出。
说明与示例见 docs/plan.md。
`

// RunCLI runs `jiaoyan plan ...`; args are what follows "plan", e.g.
// ["review", "--in", "p.json", "--out", "plan.json"]. It reads the problem,
// solves it, writes the plan, and prints the Chinese summary and every gap to
// stdout. Bad usage or input returns an *app.Error whose message is Chinese;
// the caller prints it and exits non-zero.
func RunCLI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		return app.Errorf(app.EINVALID, "请指定 review、liaison 或 rotation")
	}
	kind := args[0]
	fs := flag.NewFlagSet("plan "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	in := fs.String("in", "", "问题文件（.json 或 .xlsx）")
	out := fs.String("out", "", "结果文件（.json 或 .xlsx）；省略时写到标准输出")
	if err := fs.Parse(args[1:]); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return app.Errorf(app.EINVALID, "参数错误：%v", err)
	}
	if fs.NArg() > 0 {
		return app.Errorf(app.EINVALID, "多余的参数：%s", strings.Join(fs.Args(), " "))
	}
	if *in == "" {
		fs.Usage()
		return app.Invalid("in", "请用 --in 指定问题文件")
	}
	solver, ok := solvers[kind]
	if !ok {
		fs.Usage()
		return app.Errorf(app.EINVALID, "未知的子命令“%s”，应为 review、liaison 或 rotation", kind)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return runFiles(solver, *in, *out, stdout)
}

func runFiles(solver solverFunc, in, out string, stdout io.Writer) error {
	inFmt, err := formatOf(in)
	if err != nil {
		return err
	}
	outFmt := "json"
	if out != "" {
		if outFmt, err = formatOf(out); err != nil {
			return err
		}
	}
	f, err := os.Open(in)
	if err != nil {
		return app.Errorf(app.EINVALID, "无法打开问题文件 %s：%v", in, err)
	}
	defer f.Close()
	var buf bytes.Buffer
	report, err := solver(f, inFmt, &buf, outFmt)
	if err != nil {
		return err
	}
	if out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return app.Errorf(app.EINVALID, "无法写入结果文件 %s：%v", out, err)
	}
	fmt.Fprint(stdout, report)
	return nil
}

func formatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json", nil
	case ".xlsx":
		return "xlsx", nil
	}
	return "", app.Errorf(app.EINVALID, "文件 %s 的格式无法识别：扩展名应为 .json 或 .xlsx", path)
}

// solverFunc reads a problem in format inFmt, solves it, writes the plan in
// outFmt to w, and returns a plain-text Chinese report for the terminal.
type solverFunc func(r io.Reader, inFmt string, w io.Writer, outFmt string) (string, error)

var solvers = map[string]solverFunc{
	"review": func(r io.Reader, inFmt string, w io.Writer, outFmt string) (string, error) {
		return solveWith(r, inFmt, w, outFmt, SolveReview, (*ReviewPlan).lines)
	},
	"liaison": func(r io.Reader, inFmt string, w io.Writer, outFmt string) (string, error) {
		return solveWith(r, inFmt, w, outFmt, SolveLiaison, (*LiaisonPlan).lines)
	},
	"rotation": func(r io.Reader, inFmt string, w io.Writer, outFmt string) (string, error) {
		return solveWith(r, inFmt, w, outFmt, SolveRotation, (*RotationPlan).lines)
	},
}

func solveWith[P any, R any](r io.Reader, inFmt string, w io.Writer, outFmt string,
	solve func(*P) (*R, error), lines func(*R) []string) (string, error) {
	problem := new(P)
	if err := decode(r, inFmt, problem); err != nil {
		return "", err
	}
	plan, err := solve(problem)
	if err != nil {
		return "", err
	}
	if err := encode(w, outFmt, plan); err != nil {
		return "", app.Internal(err)
	}
	return strings.Join(lines(plan), "\n") + "\n", nil
}

func decode(r io.Reader, format string, v any) error {
	if format == "xlsx" {
		return decodeXLSX(r, v)
	}
	return decodeJSON(r, v)
}

func encode(w io.Writer, format string, v any) error {
	if format == "xlsx" {
		return encodeXLSX(w, v, "概要")
	}
	return encodeJSON(w, v)
}
