package policy

// presetLinyi is seed 002: 临沂市教育科学研究院's plan for researchers and
// backbone teachers linked to township schools (联系学校).
var presetLinyi = Preset{
	Key: "linyi_2023_liaison", Name: "临沂市 教研员联系乡镇学校实施方案（2023）", Issuer: "临沂市教育科学研究院",
	Title: "临沂市教育科学研究院义务教育阶段教研员、骨干教师联系乡镇学校工作实施方案", Date: "2023-08-01", Seed: "002",
	Note: "原文未署文号，2023年9月1日发布。轮次三阶段：准备（第一年6月-8月）、落实（第一年9月-第三年7月）、总结（第三年7月-8月）。",
	Values: []PresetValue{
		{Rule: RuleLiaisonMinSchoolsPerResearcher, Value: 1, Clause: "三、", Quote: "分别确定1-4所定点联系学校"},
		{Rule: RuleLiaisonMaxSchoolsPerResearcher, Value: 4, Clause: "三、", Quote: "分别确定1-4所定点联系学校"},
		{Rule: RuleLiaisonRoundSchoolYears, Value: 2, Clause: "三、", Quote: "定点联系学校工作每两学年为一个轮次"},
		{Rule: RuleLiaisonOnsiteWeeksPerTerm, Value: 1, Clause: "三、",
			Quote: "每学期在定点联系学校现场工作时间累计不少于一周"},
		{Rule: RuleLiaisonVisitsPerTerm, Value: 1, Clause: "六、(二)",
			Quote: "每学期都要到定点联系学校调研学校基本情况", Note: "每学期至少一次"},
		{Rule: RuleLiaisonExchangesPerTerm, Value: 1, Clause: "七、(二) 3.", Quote: "开展工作交流(每学期交流一次)"},
		{Rule: RuleLiaisonPrepareStartMonth, Value: 6, Clause: "七、(一)", Quote: "准备阶段(第一年6月-8月)"},
		{Rule: RuleLiaisonPrepareEndMonth, Value: 8, Clause: "七、(一)", Quote: "准备阶段(第一年6月-8月)"},
		{Rule: RuleLiaisonImplementStartMonth, Value: 9, Clause: "七、(二)", Quote: "落实阶段(第一年9月-第三年7月)"},
		{Rule: RuleLiaisonImplementEndMonth, Value: 7, Clause: "七、(二)", Quote: "落实阶段(第一年9月-第三年7月)"},
		{Rule: RuleLiaisonSummaryStartMonth, Value: 7, Clause: "七、(三)", Quote: "总结阶段(第三年7月-8月)"},
		{Rule: RuleLiaisonSummaryEndMonth, Value: 8, Clause: "七、(三)", Quote: "总结阶段(第三年7月-8月)"},
	},
}
