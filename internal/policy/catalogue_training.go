package policy

// trainingRules are the training module's catalogue entries, after the
// 教师 rules of the shared catalogue.
var trainingRules = []RuleDef{
	{Key: RuleTeacherCreditCycleStartYear, Name: "学分周期起始学年", Unit: "学年", AppliesTo: ForTeacher, Kind: KindSchedule,
		Description: "教师继续教育学分周期从哪一学年开始（如 2022 学年起每 5 年一个周期）"},
	{Key: RuleTeacherCreditsPerYearMin, Name: "每学年最低学分", Unit: "学分", AppliesTo: ForTeacher, Kind: KindMin,
		Description: "教师每学年应取得的继续教育学分下限（如浙江每年不少于 24 学分）"},
}

func init() {
	for _, d := range trainingRules {
		catalogueIndex[d.Key] = len(catalogue)
		catalogue = append(catalogue, d)
	}
}
