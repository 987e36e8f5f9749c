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
