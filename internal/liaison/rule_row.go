package liaison

import "jiaoyan/internal/policy"

// Colours of a rule row: met, not met, no rule in force.
const (
	Green = "green"
	Red   = "red"
	Grey  = "grey"
)

// CardRow is one figure checked against the rule in force (a row of the
// workload card, of the office structure, of a researcher's term page).
type CardRow struct {
	Key      policy.RuleKey
	Name     string // 每学期在校天数（第一学期）…
	Measured string // the figure as a user reads it
	Rule     string // 要求不少于 20 天, or 本区域未设定规则：…
	Colour   string // Green, Red or Grey
	Gap      string // 差 5 天, or ""
	Text     string // the policy check's sentence
	Unit     string // 天, 节, 学时 for a count; "" for a date row (最近一次…)
	Figure   int    // the count, when Unit is set
	Short    int    // how far the count is below the rule, in Unit; 0 when met or no rule
}

// RowOf turns a policy check into a coloured row: grey, with the sentence
// 本区域未设定规则：<规则名> and no judgement, when the region has no rule in
// force; green when met; red with the gap when not.
func RowOf(key policy.RuleKey, name, shown string, res policy.Result) CardRow {
	row := CardRow{Key: key, Name: name, Measured: shown, Text: res.Text, Colour: Grey, Rule: NoRuleText(res.Rule)}
	if !res.InForce {
		return row
	}
	row.Rule = policy.FormatValue(res.Rule, res.Target)
	row.Colour = Green
	if !res.Met {
		row.Colour = Red
		row.Gap = "差 " + policy.FormatValue(res.Rule, res.Gap)
		if res.Rule.Kind == policy.KindCycle || res.Rule.Kind == policy.KindLess || res.Rule.Kind == policy.KindMax {
			row.Gap = "超出 " + policy.FormatValue(res.Rule, res.Gap)
		}
	}
	return row
}

// NoRuleText is what a page shows for a rule the region has not set.
func NoRuleText(def policy.RuleDef) string { return "本区域未设定规则：" + def.Name }
