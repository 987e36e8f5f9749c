package policy

// presetLinyi is seed 002: 临沂市教育科学研究院's plan for researchers and
// backbone teachers linked to township schools (联系学校).
var presetLinyi = Preset{
	Key: "linyi_2023_liaison", Name: "临沂市 教研员联系乡镇学校实施方案（2023）", Issuer: "临沂市教育科学研究院",
	Title: "临沂市教育科学研究院义务教育阶段教研员、骨干教师联系乡镇学校工作实施方案", Date: "2023-08-01", Seed: "002",
	Note: "原文未署文号，2023年9月1日发布。轮次三阶段：准备（第一年6月-8月）、落实（第一年9月-第三年7月）、总结（第三年7月-8月）。",
	Values: []PresetValue{
		{Rule: "liaison.min_schools_per_researcher", Value: 1, Clause: "三、", Quote: "分别确定1-4所定点联系学校"},
		{Rule: "liaison.max_schools_per_researcher", Value: 4, Clause: "三、", Quote: "分别确定1-4所定点联系学校"},
		{Rule: "liaison.round_school_years", Value: 2, Clause: "三、", Quote: "定点联系学校工作每两学年为一个轮次"},
		{Rule: "liaison.onsite_weeks_per_term", Value: 1, Clause: "三、",
			Quote: "每学期在定点联系学校现场工作时间累计不少于一周"},
		{Rule: "liaison.visits_per_term", Value: 1, Clause: "六、(二)",
			Quote: "每学期都要到定点联系学校调研学校基本情况", Note: "每学期至少一次"},
		{Rule: "liaison.exchanges_per_term", Value: 1, Clause: "七、(二) 3.", Quote: "开展工作交流(每学期交流一次)"},
		{Rule: "liaison.prepare_start_month", Value: 6, Clause: "七、(一)", Quote: "准备阶段(第一年6月-8月)"},
		{Rule: "liaison.prepare_end_month", Value: 8, Clause: "七、(一)", Quote: "准备阶段(第一年6月-8月)"},
		{Rule: "liaison.implement_start_month", Value: 9, Clause: "七、(二)", Quote: "落实阶段(第一年9月-第三年7月)"},
		{Rule: "liaison.implement_end_month", Value: 7, Clause: "七、(二)", Quote: "落实阶段(第一年9月-第三年7月)"},
		{Rule: "liaison.summary_start_month", Value: 7, Clause: "七、(三)", Quote: "总结阶段(第三年7月-8月)"},
		{Rule: "liaison.summary_end_month", Value: 8, Clause: "七、(三)", Quote: "总结阶段(第三年7月-8月)"},
	},
}
