package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportCertificatesCommand(t *testing.T) {
	jy := importCLI(t)
	if out, err := jy("import", "people", "--file", "good.csv"); err != nil {
		t.Fatalf("people: %v\n%s", err, out)
	}
	dir := filepath.Dir(strings.TrimPrefix(os.Getenv("JIAOYAN_DB"), "sqlite:"))
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("certs_bad.csv", "身份证号,姓名,项目,学时,日期\n330302199001010013,甲,国培计划,50,2025-11-05\n330302199909090017,无此人,省培,30,2025-11-06\n")
	out, err := jy("import", "certificates", "--file", "certs_bad.csv")
	if err == nil || !strings.Contains(out, "第3行 身份证号：找不到该身份证号的人员") || !strings.Contains(out, "新增 0 条") {
		t.Fatalf("bad file: %v\n%s", err, out)
	}
	write("certs.csv", "身份证号,姓名,项目,学时,日期\n330302199001010013,甲,国培计划,50,2025-11-05\n")
	if out, err := jy("import", "certificates", "--file", "certs.csv"); err != nil || !strings.Contains(out, "新增 1 条") {
		t.Fatalf("good file: %v\n%s", err, out)
	}
}
