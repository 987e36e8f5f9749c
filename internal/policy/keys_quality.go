package policy

// The quality (质量监测) rule keys: the thresholds of the early warnings
// generated after each analysis, and the smallest group value-added is
// reported for.
const (
	RuleQualityBelowCountySD      RuleKey = "quality.below_county_sd"
	RuleQualityDropFromPrevious   RuleKey = "quality.drop_from_previous"
	RuleQualityClassLowRate       RuleKey = "quality.class_low_rate"
	RuleQualityItemDiscrimination RuleKey = "quality.item_min_discrimination"
	RuleQualityMinValueAddedGroup RuleKey = "quality.min_value_added_group"
)

// The quality analysis settings (分析设置): the score lines as shares of a
// subject's full marks, and the 薄弱学科 definition. The analysis job reads
// them; it does not run while a line is unset.
const (
	RuleQualityPassLine      RuleKey = "quality.pass_line"
	RuleQualityGoodLine      RuleKey = "quality.good_line"
	RuleQualityExcellentLine RuleKey = "quality.excellent_line"
	RuleQualityLowLine       RuleKey = "quality.low_line"
	RuleQualityWeakSubjectT  RuleKey = "quality.weak_subject_tscore"
)
