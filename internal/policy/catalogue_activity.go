package policy

// activityRules are the 课堂观察 settings a region sets: the sampling
// intervals and the S-T teaching-mode thresholds (as percentages).
var activityRules = []RuleDef{
	{Key: RuleActivitySTIntervalSeconds, Name: "S-T 分析采样间隔", Unit: "秒", AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "S-T 课堂观察每隔多少秒记录一次教师（T）或学生（S）行为"},
	{Key: RuleActivitySTPracticeRt, Name: "S-T 练习型教师占有率上限", Unit: UnitPercent, AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "教师行为占有率 Rt 不超过此值的课堂判为练习型"},
	{Key: RuleActivitySTLectureRt, Name: "S-T 讲授型教师占有率下限", Unit: UnitPercent, AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "教师行为占有率 Rt 不低于此值的课堂判为讲授型"},
	{Key: RuleActivitySTDialogueCh, Name: "S-T 对话型行为转换率下限", Unit: UnitPercent, AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "行为转换率 Ch 不低于此值（且非练习型、讲授型）的课堂判为对话型，其余为混合型"},
	{Key: RuleActivityFIASIntervalSeconds, Name: "弗兰德斯互动分析采样间隔", Unit: "秒", AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "弗兰德斯互动分析每隔多少秒记录一次课堂行为类别"},
	{Key: RuleActivityObserverAnonymous, Name: "听课人对授课教师匿名", Unit: UnitFlag, AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "授课教师查看听课评课时，听课人是否显示为“听课人（匿名）”（1 是，0 否；未设定时显示姓名）"},
	{Key: RuleActivityProviderQualified, Name: "送教人员资格", Unit: UnitFlag, AppliesTo: ForRegion, Kind: KindSchedule,
		Description: "送教助研人员是否须为名师、教学能手或市级优质课一等奖以上获得者（1 是，0 否）；不符合条件的人员不能派送"},
}

// The activity rules join the catalogue (and its index) after the shared
// block, so each module's rules stay in a file of its own.
func init() {
	for _, d := range activityRules {
		catalogue = append(catalogue, d)
		catalogueIndex[d.Key] = len(catalogue) - 1
	}
}
