package policy

// The rule keys of 听课评课 课堂观察 coding (activity).
const (
	RuleActivitySTIntervalSeconds   RuleKey = "activity.st_interval_seconds"
	RuleActivitySTPracticeRt        RuleKey = "activity.st_practice_rt"
	RuleActivitySTLectureRt         RuleKey = "activity.st_lecture_rt"
	RuleActivitySTDialogueCh        RuleKey = "activity.st_dialogue_ch"
	RuleActivityFIASIntervalSeconds RuleKey = "activity.fias_interval_seconds"
)

// RuleActivityObserverAnonymous is whether the observed teacher sees their
// observers' names (0) or "听课人（匿名）" (1), for the whole region.
const RuleActivityObserverAnonymous RuleKey = "activity.observer_anonymous"

// RuleActivityProviderQualified is whether a 送教助研 provider must be a
// 名师, 教学能手 or have a 市级优质课一等奖 or higher (seed 002): 1 yes, 0 no.
const RuleActivityProviderQualified RuleKey = "activity.service_provider_qualified"
