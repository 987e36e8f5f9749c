package policy

// Rule keys of the training module (教师培训与学分).
const (
	RuleTeacherCreditCycleStartYear RuleKey = "teacher.credit_cycle_start_year"
	RuleTeacherCreditsPerYearMin    RuleKey = "teacher.credits_per_year_min"
)
