package policy

// presetWenzhou is seed 000: 温州市教育局 温教研〔2024〕26号.
var presetWenzhou = Preset{
	Key: "wenzhou_2024_26", Name: "温州市 温教研〔2024〕26号", Issuer: "温州市教育局",
	Title: "关于进一步加强新时代基础教育教研工作的实施意见", DocNo: "温教研〔2024〕26号", Date: "2024-03-04", Seed: "000",
	Note: "“高级岗位比例”“教学经历”“中级以上职称”原文均带“原则上”“一般”。",
	Values: []PresetValue{
		{Rule: RuleResearcherTrainingHoursPerYear, Value: 72, Clause: "二、(二) 6.",
			Quote: "每位教研员每年参与不少于72学时的教研员专业研修"},
		{Rule: RuleResearcherMinTeachingYears, Value: 6, Clause: "二、(二) 5.",
			Quote: "原则上应有6年以上教学工作经历"},
		{Rule: RuleResearcherMinTitle, Value: 3, Clause: "二、(二) 5.",
			Quote: "具有中级以上教师专业技术职称", Note: "中级即一级教师"},
		{Rule: RuleOfficeSeniorPostShare, Value: 80, Clause: "二、(二) 7.",
			Quote: "教研机构专业技术高级岗位单列核定,比例一般不低于80%"},
	},
}
