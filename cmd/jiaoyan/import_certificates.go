package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
)

// cmdImportCertificates is `jiaoyan import certificates --file F
// [--dry-run]`: the page's engine (training.ImportCertificates) with the
// system's full scope; a file with any bad row writes nothing.
func cmdImportCertificates(ctx context.Context, args []string, stdout io.Writer) error {
	var file string
	var dry bool
	cfg, err := parse("import "+training.CertificateKind, args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "要导入的 .xlsx 或 .csv 文件")
		fs.BoolVar(&dry, "dry-run", false, "只检查，不写入")
	})
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("请用 --file 指定要导入的文件")
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
	t := &training.Service{DB: svc.db, Org: svc.org, Policy: svc.policy}
	out, err := t.ImportCertificates(ctx, app.System("命令行导入", training.PermCreditImport), filepath.Base(file), data,
		org.ImportOptions{DryRun: dry})
	if err != nil {
		return err
	}
	return printOutcome(stdout, out)
}
