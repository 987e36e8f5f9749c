package plan

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
)

var update = flag.Bool("update", false, "rewrite the golden example outputs")

// TestExamplesRunThroughCLI runs every documented example through RunCLI and
// compares the plan with the committed golden file, so docs/plan.md, the
// examples and the engine cannot drift apart.
func TestExamplesRunThroughCLI(t *testing.T) {
	doc, err := os.ReadFile("../../docs/plan.md")
	if err != nil {
		t.Fatalf("docs/plan.md: %v", err)
	}
	for _, kind := range []string{"review", "liaison", "rotation"} {
		t.Run(kind, func(t *testing.T) {
			in := filepath.Join("testdata", "examples", kind+".json")
			golden := filepath.Join("testdata", "examples", kind+".plan.json")
			out := filepath.Join(t.TempDir(), "plan.json")
			var stdout, stderr bytes.Buffer
			if err := RunCLI(context.Background(), []string{kind, "--in", in, "--out", out}, &stdout, &stderr); err != nil {
				t.Fatalf("RunCLI: %v\n%s", err, stderr.String())
			}
			got, _ := os.ReadFile(out)
			if *update {
				os.WriteFile(golden, got, 0o644)
			}
			want, _ := os.ReadFile(golden)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s differs from %s (run go test -run Examples -update to accept):\n%s", out, golden, got)
			}
			if !strings.Contains(stdout.String(), "：") {
				t.Fatalf("no Chinese summary on stdout: %q", stdout.String())
			}
			example, _ := os.ReadFile(in)
			if !bytes.Contains(doc, bytes.TrimSpace(example)) {
				t.Fatalf("docs/plan.md does not show %s verbatim", in)
			}
		})
	}
}

func TestExamplesXLSXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []string{"review", "liaison", "rotation"} {
		in := filepath.Join("testdata", "examples", kind+".json")
		jsonOut, xlsxOut := filepath.Join(dir, kind+".json"), filepath.Join(dir, kind+".xlsx")
		var stdout bytes.Buffer
		if err := RunCLI(context.Background(), []string{kind, "--in", in, "--out", jsonOut}, &stdout, &stdout); err != nil {
			t.Fatal(err)
		}
		// Write the problem itself as a workbook, solve from it, and expect the
		// same plan as from JSON.
		problemXLSX := filepath.Join(dir, kind+"-problem.xlsx")
		writeProblemXLSX(t, kind, in, problemXLSX)
		if err := RunCLI(context.Background(), []string{kind, "--in", problemXLSX, "--out", filepath.Join(dir, kind+"-from-xlsx.json")}, &stdout, &stdout); err != nil {
			t.Fatalf("%s from xlsx: %v", kind, err)
		}
		a, _ := os.ReadFile(jsonOut)
		b, _ := os.ReadFile(filepath.Join(dir, kind+"-from-xlsx.json"))
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: plan from xlsx differs from plan from json:\n%s\n---\n%s", kind, a, b)
		}
		if err := RunCLI(context.Background(), []string{kind, "--in", in, "--out", xlsxOut}, &stdout, &stdout); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(xlsxOut); err != nil || st.Size() == 0 {
			t.Fatalf("no xlsx plan written: %v", err)
		}
	}
}

func writeProblemXLSX(t *testing.T, kind, in, out string) {
	t.Helper()
	problems := map[string]any{"review": &ReviewProblem{}, "liaison": &LiaisonProblem{}, "rotation": &RotationProblem{}}
	p := problems[kind]
	f, _ := os.Open(in)
	defer f.Close()
	if err := decodeJSON(f, p); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := encodeXLSX(&buf, p, paramSheet); err != nil {
		t.Fatal(err)
	}
	back := reflect.New(reflect.TypeOf(p).Elem()).Interface()
	if err := decodeXLSX(bytes.NewReader(buf.Bytes()), back); err != nil {
		t.Fatalf("reading back %s: %v", kind, err)
	}
	if !reflect.DeepEqual(p, back) {
		t.Fatalf("%s problem changed through xlsx:\n%+v\n%+v", kind, p, back)
	}
	os.WriteFile(out, buf.Bytes(), 0o644)
}

func TestCLIUsageErrorsAreChinese(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"k": 3, "submissions": [{"id": "P1", "subject": "数学"}], "experts": [], "extra": 1}`), 0o644)
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, []byte(`{"k": 3, "submissions": [{"id": "P1", "subject": "数学"}], "experts": []}`), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{nil, "请指定"},
		{[]string{"schedule", "--in", empty}, "未知的子命令"},
		{[]string{"review"}, "--in"},
		{[]string{"review", "--in", "p.csv"}, "扩展名应为"},
		{[]string{"review", "--in", filepath.Join(dir, "missing.json")}, "无法打开"},
		{[]string{"review", "--in", bad}, "无法识别的字段"},
		{[]string{"review", "--in", empty}, "专家库为空"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		err := RunCLI(context.Background(), c.args, &out, &out)
		if err == nil || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("%v: got %v, want a message containing %q", c.args, err, c.want)
		}
	}
}

func TestRotationXLSXIsATermByTermTable(t *testing.T) {
	out := filepath.Join(t.TempDir(), "rotation.xlsx")
	var stdout bytes.Buffer
	if err := RunCLI(context.Background(), []string{"rotation", "--in", "testdata/examples/rotation.json", "--out", out}, &stdout, &stdout); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out, excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); sheets[0] != "概要" || !slices.Contains(sheets, "轮换表") {
		t.Fatalf("sheets %v", sheets)
	}
	rows, _ := f.GetRows("轮换表")
	want := []string{"教研员（researcher）", "2025学年第一学期", "2025学年第二学期", "2026学年第一学期", "2026学年第二学期"}
	if !slices.Equal(rows[0], want) || len(rows) != 3 || len(rows[1]) != 5 || rows[1][0] != "R01" {
		t.Fatalf("rotation table %v", rows)
	}
}

func TestXLSXInputErrorsNameSheetRowAndColumn(t *testing.T) {
	build := func(expertHeader []any, expertRow []any) string {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", "参数")
		f.SetSheetRow("参数", "A1", &[]any{"k", 1})
		f.NewSheet("项目")
		f.SetSheetRow("项目", "A1", &[]any{"编号", "学科（subject）"})
		f.SetSheetRow("项目", "A2", &[]any{"P1", "数学"})
		f.NewSheet("专家")
		f.SetSheetRow("专家", "A1", &expertHeader)
		f.SetSheetRow("专家", "A2", &expertRow)
		path := filepath.Join(t.TempDir(), "p.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := []struct {
		path string
		want string
	}{
		{build([]any{"编号", "评审上限"}, []any{"E1", "三"}), "第2行：工作表“专家”“评审上限”列：“三”不是整数"},
		{build([]any{"编号", "学课"}, []any{"E1", "数学"}), "工作表“专家”的列名“学课”无法识别"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		err := RunCLI(context.Background(), []string{"review", "--in", c.path}, &out, &out)
		if err == nil || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
	var out bytes.Buffer
	if err := RunCLI(context.Background(), []string{"review", "--in", build([]any{"编号", "学科", "评审上限"}, []any{"E1", "数学", 2})}, &out, &out); err != nil {
		t.Fatalf("a valid workbook failed: %v", err)
	}
	if !strings.Contains(out.String(), `"expert": "E1"`) {
		t.Fatalf("plan on stdout: %s", out.String())
	}
}

func TestCLIHelpIsNotAnError(t *testing.T) {
	var out bytes.Buffer
	if err := RunCLI(context.Background(), []string{"review", "-h"}, &out, &out); err != nil || !strings.Contains(out.String(), "用法") {
		t.Fatalf("got %v, output %q", err, out.String())
	}
}
