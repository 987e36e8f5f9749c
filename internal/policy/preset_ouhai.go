package policy

// presetOuhai is seed 003: 瓯海区's five-year 校本研修 plan, 2024-2028.
var presetOuhai = Preset{
	Key: "ouhai_2024_school_training", Name: "瓯海区 校本研修五年行动方案（2024-2028年）", Issuer: "温州市瓯海区教育局",
	Title: "温州市瓯海区校本研修五年行动方案(2024-2028年)", Date: "2024-04-07", Seed: "003",
	Note: "原文未署文号。校本研修学分占比原文只说“重新分配”，未给数值，由区域设定。",
	Values: []PresetValue{
		{Rule: RuleTeacherCreditCycleYears, Value: 5, Clause: "二、2.", Quote: "重新分配教师五年必修360学分中校本研修所占比例"},
		{Rule: RuleTeacherCreditsPerCycle, Value: 360, Clause: "二、2.", Quote: "重新分配教师五年必修360学分中校本研修所占比例"},
		{Rule: RuleStationSchoolsPerTerm, Value: 1, Clause: "六、6.", Quote: "每学期每人蹲点一所学校"},
		{Rule: RuleStationVisitsPerTerm, Value: 3, Clause: "六、6.",
			Quote: "开展期初会议的计划研讨视导、期中研修活动开展视导、期末总结活动视导", Note: "期初、期中、期末各一次"},
		{Rule: RuleStationNewSchoolEachTerm, Value: 1, Clause: "六、6.", Quote: "每学期每人更换一所学校"},
		{Rule: RuleStationCoverageYears, Value: 2, Clause: "六、6.", Quote: "两年内实现瓯海区学校全覆盖"},
		{Rule: RuleSchoolTrainingInspectionsPerYear, Value: 1, Clause: "六、9.", Quote: "通过一学年一次的定期督导与日常随机督导相结合"},
		{Rule: RuleAwardYearlyCourses, Value: 10, Clause: "六、10.", Quote: "每年评出10门校本研修精品课程"},
		{Rule: RuleAwardYearlySchools, Value: 10, Clause: "六、10.", Quote: "10所校本研修优质学校"},
		{Rule: RuleAwardYearlyGroups, Value: 30, Clause: "六、10.", Quote: "30个先进教研组"},
		{Rule: RuleAwardYearlyGroupLeaders, Value: 30, Clause: "六、10.", Quote: "30位优秀教研组长"},
		{Rule: RuleAwardYearlyCases, Value: 50, Clause: "六、10.", Quote: "50项校本研修精品案例"},
		{Rule: RuleRegionTeacherDevFundPerYear, Value: 1800, Clause: "七、(五)", Quote: "区财政每年安排1800万元建立教师专业发展专项资金"},
		{Rule: RuleSchoolTrainingShareOfPublicFunds, Value: 10, Clause: "七、(五)",
			Quote: "将教师培训专项经费和学校日常公用经费10%足额用于教师培训"},
	},
}
