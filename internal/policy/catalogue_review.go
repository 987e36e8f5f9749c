package policy

// The review module's rules, appended to the catalogue (and its index,
// which is built before init functions run).
func init() {
	for _, d := range []RuleDef{
		{Key: RuleContestRotationStartYear, Name: "校本研修比拼学段轮换起始学年", Unit: "学年", AppliesTo: ForContest, Kind: KindSchedule,
			Description: "该学年的比拼由中学开展，此后各学年依次由小学、幼儿园、中学轮换开展"},
		{Key: RuleContestWeightPlan, Name: "比拼综合成绩中学期初方案比拼的权重", Unit: "%", AppliesTo: ForContest, Kind: KindSchedule,
			Description: "一轮比拼的综合成绩按三个阶段得分加权计算，本项为学期初校本研修方案比拼所占比例"},
		{Key: RuleContestWeightShow, Name: "比拼综合成绩中学期中现场展示的权重", Unit: "%", AppliesTo: ForContest, Kind: KindSchedule,
			Description: "学期中研修活动现场展示所占比例"},
		{Key: RuleContestWeightEffect, Name: "比拼综合成绩中学期末成效比拼的权重", Unit: "%", AppliesTo: ForContest, Kind: KindSchedule,
			Description: "学期末校本研修成效比拼所占比例"},
	} {
		catalogue = append(catalogue, d)
		catalogueIndex[d.Key] = len(catalogue) - 1
	}
}
