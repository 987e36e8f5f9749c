package quality

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality/analysis"
)

// lineRules are the analysis settings read from the region's rules, in
// percent of full marks, with where each goes.
var lineRules = []struct {
	key policy.RuleKey
	dst func(*analysis.Settings) *float64
}{
	{policy.RuleQualityPassLine, func(s *analysis.Settings) *float64 { return &s.PassShare }},
	{policy.RuleQualityGoodLine, func(s *analysis.Settings) *float64 { return &s.GoodShare }},
	{policy.RuleQualityExcellentLine, func(s *analysis.Settings) *float64 { return &s.ExcellentShare }},
	{policy.RuleQualityLowLine, func(s *analysis.Settings) *float64 { return &s.LowShare }},
}

// analysisSettings are the engine settings of an exam of region in year:
// the 及格线, 良好线, 优秀线 and 低分线 from the region's rules. While one is
// unset the analysis does not run: EINVALID naming every unset rule
// ("本区域未设定规则：…"). Without a policy service (the command line and
// engine tests) the engine's documented defaults apply.
func (s *Service) analysisSettings(ctx context.Context, region string, year int) (analysis.Settings, error) {
	set := analysis.DefaultSettings()
	if s.Policy == nil {
		return set, nil
	}
	var unset []string
	for _, r := range lineRules {
		v, ok, err := s.Policy.ValueFor(ctx, region, r.key, year)
		if err != nil {
			return set, err
		}
		if !ok {
			def, _ := policy.Def(r.key)
			unset = append(unset, policy.NotSetText(def))
			continue
		}
		*r.dst(&set) = v / 100
	}
	if len(unset) > 0 {
		return set, app.Errorf(app.EINVALID, "不能分析：%s。请区域管理员在“区域规则”中设定后再运行分析", strings.Join(unset, "；"))
	}
	if err := set.Validate(); err != nil || !(set.LowShare < set.PassShare && set.PassShare <= set.GoodShare && set.GoodShare <= set.ExcellentShare) {
		return set, app.Errorf(app.EINVALID, "不能分析：区域规则中的分数线有误，须在0到100%%之间，且低分线 < 及格线 ≤ 良好线 ≤ 优秀线")
	}
	return set, nil
}

// SettingLine is one analysis setting as the exam page shows it: the
// rule's name and its value in force, or the 本区域未设定规则 text.
type SettingLine struct {
	Name, Value, Unset string
}

// AnalysisSettingsOf lists the analysis settings in force for an exam the
// actor may see: the four score lines and the 薄弱学科 rule.
func (s *Service) AnalysisSettingsOf(ctx context.Context, actor app.Actor, examID int64) ([]SettingLine, error) {
	e, err := s.FindExamByID(ctx, actor, examID)
	if err != nil || s.Policy == nil {
		return nil, err
	}
	var out []SettingLine
	for _, key := range []policy.RuleKey{policy.RuleQualityPassLine, policy.RuleQualityGoodLine, policy.RuleQualityExcellentLine,
		policy.RuleQualityLowLine, policy.RuleQualityWeakSubjectT} {
		def, _ := policy.Def(key)
		v, ok, err := s.Policy.ValueFor(ctx, e.RegionCode, key, e.Term.Year)
		if err != nil {
			return nil, err
		}
		l := SettingLine{Name: def.Name}
		if !ok {
			l.Unset = policy.NotSetText(def)
		} else if def.Unit == policy.UnitPercent {
			l.Value = strconv.FormatFloat(v, 'f', -1, 64) + "%（占满分）"
		} else {
			l.Value = strconv.FormatFloat(v, 'f', -1, 64) + " " + def.Unit
		}
		out = append(out, l)
	}
	return out, nil
}
