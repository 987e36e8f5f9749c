package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importCLI runs `jiaoyan import` on a fresh temporary database holding
// one county and one school, and returns a function that runs it again.
func importCLI(t *testing.T) func(args ...string) (string, error) {
	dir := t.TempDir()
	t.Setenv("JIAOYAN_DB", "sqlite:"+filepath.Join(dir, "jy.db"))
	t.Setenv("JIAOYAN_KEY", "")
	t.Setenv("JIAOYAN_KEY_FILE", "")
	t.Setenv("JIAOYAN_AUDIT_CHECKPOINT_FILE", "")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run1 := func(args ...string) (string, error) {
		var out bytes.Buffer
		for i, a := range args {
			if strings.HasSuffix(a, ".csv") && !strings.Contains(a, "/") {
				args[i] = filepath.Join(dir, a)
			}
		}
		err := run(context.Background(), args, &out, &out)
		return out.String(), err
	}
	if _, err := run1("migrate"); err != nil { // creates the data key
		t.Fatal(err)
	}
	write("regions.csv", "区划代码,名称,级别,上级区划代码\n330300,温州市,市,\n330302,鹿城区,县（市、区）,330300\n")
	write("orgs.csv", "名称,类型,区划代码,学校标识码,学段,城乡类型\n鹿城区实验小学,学校,330302,2330000001,小学,城区\n")
	for _, k := range []string{"regions", "orgs"} {
		if out, err := run1("import", k, "--file", k+".csv"); err != nil {
			t.Fatalf("import %s: %v\n%s", k, err, out)
		}
	}
	write("good.csv", "序号,姓名,身份证号码,所在学校,参加工作时间\n1,甲,330302199001010013,2330000001,2001.09\n2,乙,330302199202020023,2330000001,2003年9月\n")
	write("bad.csv", "姓名,身份证号码,所在学校\n丙,330302199202020020,2330000001\n丁,330302199303030032,2330000001\n")
	write("mapped.csv", "教职工,证件,任职单位\n戊,330302198503120015,2330000001\n")
	return run1
}

func TestImportCommand(t *testing.T) {
	jy := importCLI(t)
	out, err := jy("import", "people", "--file", "good.csv", "--dry-run")
	if err != nil || !strings.Contains(out, "新增 2 条，更新 0 条，未变 0 条，错误 0 行") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, err = jy("import", "people", "--file", "good.csv")
	if err != nil || !strings.Contains(out, "未导入的列：序号\n") || !strings.Contains(out, "新增 2 条，更新 0 条，未变 0 条，错误 0 行") {
		t.Fatalf("good file after a dry run (which must have written nothing): %v\n%s", err, out)
	}
	out, err = jy("import", "people", "--file", "good.csv")
	if err != nil || !strings.Contains(out, "新增 0 条，更新 0 条，未变 2 条，错误 0 行") {
		t.Fatalf("re-run: %v\n%s", err, out)
	}
	out, err = jy("import", "people", "--file", "bad.csv")
	if err == nil || !strings.Contains(out, "第2行 身份证号码：身份证号校验位不正确") || !strings.Contains(out, "错误 2 行") {
		t.Fatalf("bad file: %v\n%s", err, out)
	}
	fixedOne, _ := jy("import", "people", "--file", "bad.csv", "--dry-run")
	if strings.Contains(fixedOne, "新增 1") {
		t.Fatalf("a file with a bad row counted its good row: %s", fixedOne)
	}
	out, err = jy("import", "people", "--file", "mapped.csv")
	if err == nil || !strings.Contains(out, "教职工、证件、任职单位") {
		t.Fatalf("unmapped file: %v\n%s", err, out)
	}
	out, err = jy("import", "people", "--file", "mapped.csv", "--map", "教职工=姓名,证件=身份证号,任职单位=单位")
	if err != nil || !strings.Contains(out, "新增 1 条") {
		t.Fatalf("mapped file: %v\n%s", err, out)
	}
}
