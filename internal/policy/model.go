// Package policy keeps a region's rules (区域规则): the quotas, ratios and
// cycles of its policy documents, held as data. A region starts from one of
// the seed presets, edits values, and each change takes effect from a chosen
// 学年, so past years keep the rules they had. Modules ask ValueFor and Check
// whether a person, school or office meets a rule in a period, and by how much.
package policy

import (
	"math"

	"jiaoyan/internal/app"
)

// Kind says how a measured figure is compared with a rule's value.
type Kind string

// Rule kinds.
const (
	KindMin      Kind = "min"       // 不少于: measured >= value
	KindMax      Kind = "max"       // 不超过: measured <= value
	KindLess     Kind = "less"      // 少于: measured < value ("两年以上未参与" flags at 2)
	KindRatioMin Kind = "ratio_min" // 比例不低于: a share in % or a ratio x:1, measured >= value
	KindQuota    Kind = "quota"     // 定额: measured == value (yearly award counts)
	KindCycle    Kind = "cycle"     // 每 N 年/学年一次: measured is the time since the last one, <= value
	KindFlag     Kind = "flag"      // 是否要求: 1 required, measured 1 when done
	KindSchedule Kind = "schedule"  // 时间安排 (round length, months): a setting, measured == value
)

// KindNames are the Chinese names of the kinds.
var KindNames = map[Kind]string{
	KindMin: "下限", KindMax: "上限", KindLess: "上限（不含）", KindRatioMin: "比例下限", KindQuota: "定额",
	KindCycle: "周期", KindFlag: "要求", KindSchedule: "安排",
}

// Who a rule applies to (适用对象).
const (
	ForResearcher = "researcher" // 教研员
	ForOffice     = "office"     // 教研机构（教研院、教师发展中心、教师进修学校）
	ForSchool     = "school"     // 学校
	ForTeacher    = "teacher"    // 教师
	ForRegion     = "region"     // 区域（教育局）
	ForLiaison    = "liaison"    // 联系学校
	ForStation    = "station"    // 蹲点视导
	ForAward      = "award"      // 评比
	ForStudio     = "studio"     // 名师工作室
	ForTalent     = "talent"     // 人才培养
	ForContest    = "contest"    // 比赛
)

// AppliesToNames are the Chinese names of the AppliesTo values.
var AppliesToNames = map[string]string{
	ForResearcher: "教研员", ForOffice: "教研机构", ForSchool: "学校", ForTeacher: "教师", ForRegion: "区域",
	ForLiaison: "联系学校", ForStation: "蹲点视导", ForAward: "评比", ForStudio: "名师工作室", ForTalent: "人才培养",
	ForContest: "比赛",
}

// Units with special display.
const (
	UnitPercent = "%"  // value 80 means 80%
	UnitRatio   = "比值" // value 1 means 1:1 (x : 1)
	UnitLevel   = "等级" // an ordinal on the rule's Scale, 1-based
	UnitFlag    = "是否" // 1 是, 0 否
)

// RuleDef is one rule of the catalogue (规则定义). Key is stable snake_case
// English; Name reads as the measured thing ("每学年听课"), so a check can say
// "每学年听课 96 节，要求不少于 120 节". Scale names the levels of a
// UnitLevel rule, lowest first.
type RuleDef struct {
	Key         RuleKey
	Name        string
	Unit        string
	AppliesTo   string
	Kind        Kind
	Scale       []string
	Description string
}

// Validate returns EINVALID unless v is a value the rule can hold.
func (d RuleDef) Validate(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || v < 0:
		return app.Invalid("value", "%s的数值应为不小于 0 的数", d.Name)
	case d.Unit == UnitPercent && v > 100:
		return app.Invalid("value", "%s是百分比，不能超过 100", d.Name)
	case d.Unit == UnitLevel && (v != math.Trunc(v) || v < 1 || int(v) > len(d.Scale)):
		return app.Invalid("value", "%s应为 1 到 %d 之间的等级", d.Name, len(d.Scale))
	case d.Unit == UnitFlag && v != 0 && v != 1:
		return app.Invalid("value", "%s只能是 是（1）或 否（0）", d.Name)
	case d.Unit == "月" && (v != math.Trunc(v) || v < 1 || v > 12):
		return app.Invalid("value", "%s应为 1 到 12 月", d.Name)
	case v > 1e9:
		return app.Invalid("value", "%s的数值过大", d.Name)
	}
	return nil
}

// Def returns the catalogue entry for key.
func Def(key RuleKey) (RuleDef, bool) {
	i, ok := catalogueIndex[key]
	if !ok {
		return RuleDef{}, false
	}
	return cloneDef(catalogue[i]), true
}

// Catalogue returns every rule definition in display order (a copy).
func Catalogue() []RuleDef {
	out := make([]RuleDef, len(catalogue))
	for i, d := range catalogue {
		out[i] = cloneDef(d)
	}
	return out
}

func cloneDef(d RuleDef) RuleDef {
	d.Scale = append([]string(nil), d.Scale...)
	return d
}

// Rank returns the 1-based level of name (a scale name such as "一级教师",
// or a code such as "first") on the scale of a UnitLevel rule, so a module
// can measure a person against it.
func Rank(key RuleKey, name string) (float64, bool) {
	d, ok := Def(key)
	if !ok {
		return 0, false
	}
	for i, s := range d.Scale {
		if s == name || scaleCodes[key] != nil && scaleCodes[key][i] == name {
			return float64(i + 1), true
		}
	}
	return 0, false
}

var catalogueIndex = func() map[RuleKey]int {
	m := make(map[RuleKey]int, len(catalogue))
	for i, d := range catalogue {
		m[d.Key] = i
	}
	return m
}()
