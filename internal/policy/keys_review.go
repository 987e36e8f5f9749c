package policy

// The review module's rule keys.
const (
	// RuleContestRotationStartYear is the 学年 in which the 校本研修比拼
	// is run by 中学; the next 学年 by 小学, then 幼儿园, and round again
	// (003: 五年内分别由中学、小学、幼儿园各学段轮换开展).
	RuleContestRotationStartYear RuleKey = "contest.rotation_start_year"
)

// The weights of a 比拼 round's three phases in its combined standing, in
// percent of the whole (学期初方案比拼, 学期中现场展示, 学期末成效比拼).
const (
	RuleContestWeightPlan   RuleKey = "contest.weight_plan"
	RuleContestWeightShow   RuleKey = "contest.weight_show"
	RuleContestWeightEffect RuleKey = "contest.weight_effect"
)
