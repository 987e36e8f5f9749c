package policy

import (
	"fmt"
	"math"
	"strconv"
)

// Result is the answer to "does this person/school/office meet rule X in
// period P, and by how much" (达标情况). When no value is in force for the
// region and year, InForce is false and Met is true: nothing is required.
// Gap is how far the measure is from meeting the rule (0 when met; for a
// quota, target minus measured, negative when over).
type Result struct {
	Rule     RuleDef
	InForce  bool
	Target   float64
	Measured float64
	Met      bool
	Gap      float64
	Text     string // e.g. "每学年听课 96 节，要求不少于 120 节，差 24 节"
}

// Evaluate compares measured with target under def's kind and words the
// result. It does not touch the database; Check looks target up first.
func Evaluate(def RuleDef, target, measured float64) Result {
	r := Result{Rule: def, InForce: true, Target: target, Measured: measured}
	r.Met, r.Gap = compare(def.Kind, target, measured)
	r.Text = describe(def, r)
	return r
}

// compare returns whether measured meets target and the gap.
func compare(k Kind, target, measured float64) (bool, float64) {
	d := round2(target - measured)
	switch k {
	case KindMax, KindCycle:
		return measured <= target, math.Max(0, -d)
	case KindLess:
		return measured < target, math.Max(0, -d)
	case KindQuota, KindSchedule:
		return d == 0, d
	}
	return measured >= target, math.Max(0, d)
}

// describe words a result: the measure, the requirement, then the gap.
func describe(def RuleDef, r Result) string {
	req := requirement(def, r.Target)
	return def.Name + " " + FormatValue(def, r.Measured) + "，" + req + "，" + verdict(def, r)
}

// requirement words the rule: "要求不少于 120 节".
func requirement(def RuleDef, target float64) string {
	v := FormatValue(def, target)
	switch def.Kind {
	case KindMax:
		return "要求不超过 " + v
	case KindLess:
		return "要求少于 " + v
	case KindRatioMin:
		return "要求不低于 " + v
	case KindQuota:
		return "定额 " + v
	case KindCycle:
		return "要求每 " + v + "一次"
	case KindFlag:
		return "要求：" + v
	case KindSchedule:
		return "规定为 " + v
	}
	if def.Unit == UnitLevel {
		return "要求不低于 " + v
	}
	return "要求不少于 " + v
}

// verdict words the gap: "差 24 节", "超出 1 所", or "已达到要求".
func verdict(def RuleDef, r Result) string {
	switch {
	case r.Met:
		return "已达到要求"
	case def.Unit == UnitLevel || def.Unit == UnitFlag:
		return "未达到要求"
	case def.Kind == KindQuota && r.Gap < 0:
		return "超出 " + FormatValue(def, -r.Gap)
	case def.Kind == KindSchedule:
		return "与规定不符"
	case def.Kind == KindLess && r.Gap == 0:
		return "已达上限"
	case def.Kind == KindMax || def.Kind == KindCycle || def.Kind == KindLess:
		return "超出 " + gapText(def, r.Gap)
	}
	return "差 " + gapText(def, r.Gap)
}

// gapText formats a gap; a share's gap is in 百分点.
func gapText(def RuleDef, g float64) string {
	if def.Unit == UnitPercent {
		return num(g) + " 个百分点"
	}
	if def.Unit == UnitRatio {
		return num(g)
	}
	return FormatValue(def, g)
}

// FormatValue writes v in def's unit: "120 节", "80%", "1:1", "一级教师", "是".
func FormatValue(def RuleDef, v float64) string {
	switch def.Unit {
	case UnitPercent:
		return num(v) + "%"
	case UnitRatio:
		return num(v) + ":1"
	case UnitFlag:
		if v >= 1 {
			return "是"
		}
		return "否"
	case UnitLevel:
		if i := int(v); float64(i) == v && i >= 1 && i <= len(def.Scale) {
			return def.Scale[i-1]
		}
		return fmt.Sprintf("第%s级", num(v))
	case "年份":
		return num(v) + "年"
	}
	return num(v) + " " + def.Unit
}

func num(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }
