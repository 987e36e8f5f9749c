package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
)

// errRejected ends an import that wrote nothing because of its rows.
var errRejected = errors.New("导入文件有错误，未写入任何数据")

// cliImporter is the actor of `jiaoyan import`: the system with full scope,
// recorded in the audit log as 命令行导入.
var cliImporter = app.System("命令行导入", auth.PermRegionEdit, auth.PermRegionView, auth.PermOrgEdit, auth.PermOrgView,
	auth.PermPersonEdit, auth.PermPersonView, auth.PermPersonSensitive, auth.PermGroupEdit, auth.PermGroupView)

// cmdImport is `jiaoyan import regions|orgs|people|groups --file F [--dry-run]
// [--update] [--map '文件表头=字段,…']`: the page's engine, synonyms and
// rules. It prints one line per rejected cell (第N行 …), one per unused
// column, then the summary line, and fails (exit 1) when anything is
// rejected, having written nothing.
func cmdImport(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	if args[0] == training.CertificateKind {
		return cmdImportCertificates(ctx, args[1:], stdout)
	}
	k, err := org.FindImportKind(args[0])
	if err != nil {
		return err
	}
	var file, mapping string
	var dry, update bool
	cfg, err := parse("import "+k.Key, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "要导入的 .xlsx 或 .csv 文件")
		fs.BoolVar(&dry, "dry-run", false, "只检查，不写入")
		fs.BoolVar(&update, "update", false, "按自然键更新已有记录")
		fs.StringVar(&mapping, "map", "", "列对应：文件表头=字段,…")
	})
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("请用 --file 指定要导入的文件")
	}
	opt := org.ImportOptions{DryRun: dry, Update: update}
	if opt.Mapping, err = k.ParseMapping(mapping); err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("无法读取文件 %s：%w", file, err)
	}
	svc, err := open(ctx, cfg, false, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	out, err := svc.org.ImportFile(ctx, cliImporter, k.Key, filepath.Base(file), data, opt)
	if err != nil {
		printMissing(stdout, k, out)
		return err
	}
	return printOutcome(stdout, out)
}

// printOutcome writes the rejected cells, the unused columns and the
// summary line.
func printOutcome(w io.Writer, out org.ImportOutcome) error {
	bad := map[int]bool{}
	for _, e := range out.Errors {
		bad[e.Row] = true
		col := ""
		if e.Column != "" {
			col = " " + e.Column
		}
		fmt.Fprintf(w, "第%d行%s：%s\n", e.Row, col, e.Message)
	}
	if out.Capped {
		fmt.Fprintf(w, "%s\n", out.Message)
	}
	for _, c := range out.Unused {
		fmt.Fprintf(w, "未导入的列：%s\n", c)
	}
	if out.Note != "" {
		fmt.Fprintln(w, out.Note)
	}
	r := out.Result
	if !out.OK {
		r = org.ImportResult{}
	}
	fmt.Fprintf(w, "新增 %d 条，更新 %d 条，未变 %d 条，错误 %d 行\n", r.Created, r.Updated, r.Unchanged, len(bad))
	if !out.OK {
		return errRejected
	}
	return nil
}

// printMissing explains how to map the file's columns when required ones
// were not found.
func printMissing(w io.Writer, k org.ImportKind, out org.ImportOutcome) {
	if out.Missing == nil {
		return
	}
	fmt.Fprintf(w, "文件的表头（第%d行）：%s\n", out.Missing.HeaderRow, strings.Join(out.Missing.Header, "、"))
	fmt.Fprintf(w, "可用 --map '文件表头=字段,…' 指明对应，字段可写：%s\n", strings.Join(k.Headers(), "、"))
}
