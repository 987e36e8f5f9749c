package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docPath is docs/policy.md, generated from the catalogue and the presets.
// Run `JIAOYAN_UPDATE_DOCS=1 go test ./internal/policy/ -run TestDoc` after
// changing either.
var docPath = filepath.Join("..", "..", "docs", "policy.md")

func TestDocIsCurrent(t *testing.T) {
	want := renderDoc()
	if os.Getenv("JIAOYAN_UPDATE_DOCS") == "1" {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(docPath)
	if err != nil || string(got) != want {
		t.Fatalf("%s is out of date (%v); regenerate with JIAOYAN_UPDATE_DOCS=1 go test ./internal/policy/ -run TestDoc", docPath, err)
	}
}

const docIntro = `# 区域规则（policy）

本文件由 ` + "`internal/policy`" + ` 的规则目录和预设生成（` + "`JIAOYAN_UPDATE_DOCS=1 go test ./internal/policy/ -run TestDoc`" + `），请勿手改。

区域规则把政策文件中的定额、比例和周期作为数据保存，代码中不写死任何数字：

- 每条规则有稳定的英文键、中文名、单位、适用对象和类型（下限、上限、比例下限、定额、周期等）。
- 区域从一个预设起步，再逐条修改。每次修改都指定“自某学年起生效”（学年从当年9月1日开始，2025 即 2025学年）；
  某学年现行的数值是起始学年不晚于该学年的最近一条。已过去的学年不能再改，往年的达标情况因此不会变化。
- 县（市、区）未设定的规则沿用上级市的规则；县级自己设定后以县级为准。采用新预设时，本区域原有而新预设没有的规则
  自该学年起撤回（恢复沿用上级）。
- 各模块调用 ` + "`Check`" + ` 得到“是否达标、差多少”，例如“每学年听课 96 节，要求不少于 120 节，差 24 节”。
  比例按百分数计（75 即 75%），兼职比按 x:1 计，职称、学历、荣誉按等级计，周期按距上次的年数计。
- 修改规则需要“维护行政区域”权限且区域在本人管辖范围内；每次修改写一条审计日志；编辑期间他人已修改则拒绝保存。
`

func renderDoc() string {
	var b strings.Builder
	b.WriteString(docIntro)
	b.WriteString("\n## 规则目录\n\n| 键 | 中文名 | 单位 | 适用对象 | 类型 | 说明 |\n|---|---|---|---|---|---|\n")
	for _, d := range Catalogue() {
		unit := d.Unit
		if d.Unit == UnitLevel {
			unit = "等级：" + strings.Join(d.Scale, " < ")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", d.Key, d.Name, unit, AppliesToNames[d.AppliesTo],
			KindNames[d.Kind], d.Description)
	}
	b.WriteString("\n## 预设\n")
	for _, p := range Presets() {
		renderPreset(&b, p)
	}
	return b.String()
}

func renderPreset(b *strings.Builder, p Preset) {
	fmt.Fprintf(b, "\n### %s（`%s`）\n\n%s", p.Name, p.Key, p.Source())
	if p.Date != "" {
		fmt.Fprintf(b, "，%s", p.Date)
	}
	fmt.Fprintf(b, "。种子文件 %s。", p.Seed)
	if p.Note != "" {
		b.WriteString(p.Note)
	}
	b.WriteString("\n\n| 规则 | 数值 | 条款 | 原文 |\n|---|---|---|---|\n")
	for _, v := range p.Values {
		d, _ := Def(v.Rule)
		quote := "“" + v.Quote + "”"
		if v.Note != "" {
			quote += "（" + v.Note + "）"
		}
		fmt.Fprintf(b, "| %s `%s` | %s | %s | %s |\n", d.Name, v.Rule, FormatValue(d, v.Value), v.Clause, quote)
	}
}
