package policy

// presetTrainingSchool is seed 001: a district's plan for its 教师进修学校.
// The copy in hand carries neither the district's name, nor a 文号, nor a date.
var presetTrainingSchool = Preset{
	Key: "district_training_school", Name: "区教师进修学校建设实施意见", Issuer: "区教育局",
	Title: "关于进一步加强区教师进修学校建设的实施意见", Seed: "001",
	Note: "原文未署地区、文号和日期。新补充教研员条件对获得特级教师、市级及以上名师名校长、市级及以上学科带头人、" +
		"省中小学教师技能大赛二等奖及以上荣誉之一的或具有研究生学历的人员可适当放宽；年龄、更新率为“左右”。",
	Values: []PresetValue{
		{Rule: RuleResearcherMinTitle, Value: 3, Clause: "三、(二)", Quote: "中小学一级教师及以上职称"},
		{Rule: RuleResearcherMinHonour, Value: 2, Clause: "三、(二)", Quote: "县级学科带头人及以上荣誉",
			Note: "县级即学科带头人荣誉的级别"},
		{Rule: RuleResearcherMinEducation, Value: 4, Clause: "三、(二)", Quote: "本科学历"},
		{Rule: RuleResearcherMinTeachingYears, Value: 6, Clause: "三、(二)", Quote: "在教学第一线工作6年及以上"},
		{Rule: RuleResearcherMaxEntryAge, Value: 45, Clause: "三、(二)", Quote: "年龄45周岁左右", Note: "“左右”，可适当放宽"},
		{Rule: RuleOfficeTurnoverSharePer5Years, Value: 20, Clause: "三、(三)", Quote: "每五年教师队伍更新率20%左右"},
		{Rule: RuleResearcherTeachingStintCycleYears, Value: 3, Clause: "三、(三)",
			Quote: "原则上每隔3年专职教研员必须到中小学挂职锻炼或兼任教学工作一个学期"},
		{Rule: RuleResearcherTeachingStintTerms, Value: 1, Clause: "三、(三)",
			Quote: "原则上每隔3年专职教研员必须到中小学挂职锻炼或兼任教学工作一个学期"},
		{Rule: RuleResearcherMaxInactiveYears, Value: 2, Clause: "三、(三)",
			Quote: "两年以上未参与教研或培训工作的要调离教师进修学校", Note: "满两年即提示调离"},
		{Rule: RuleResearcherSchoolDaysPerTerm, Value: 20, Clause: "三、(四)",
			Quote: "专职教研员每人每学期至少20天到中小学听课、上课、调研、参加教研活动、指导教学研究"},
		{Rule: RuleResearcherLessonsObservedPerYear, Value: 120, Clause: "三、(四)",
			Quote: "每人每学年深入中小学校听课不少于120课时", Note: "课时即节"},
		{Rule: RuleOfficePostgraduateResearchers, Value: 4, Clause: "三、(四)",
			Quote: "“十四五”期间研究生学历的教研员达4人以上"},
		{Rule: RuleOfficePartTimeRatio, Value: 1, Clause: "三、(五)",
			Quote: "兼职教师人数应按不低于教研员人数的1:1比例配备"},
		{Rule: RuleResearcherDemoLessonsPerTerm, Value: 1, Clause: "三、(八)",
			Quote: "教研员每学期必上示范课,展示课制度", Note: "每学期至少一节"},
		{Rule: RuleOfficeMidSeniorTitleShare, Value: 90, Clause: "三、(八)", Quote: "中高级职称比例占教师总数的90%以上"},
		{Rule: RuleOfficeSeniorTitleShare, Value: 50, Clause: "三、(八)", Quote: "其中高级教师占50%以上"},
		{Rule: RuleRegionTrainingFundPayrollShare, Value: 2.5, Clause: "四、(二)",
			Quote: "按照全区中小学、幼儿园和中职学校教师核定工资总额不低于2.5%比例,落实教师培训专项经费"},
		{Rule: RuleRegionTrainingFundToOfficeShare, Value: 60, Clause: "四、(二)",
			Quote: "预算内教师培训经费分年度拨付到教师进修学校的比例应不少于60%"},
	},
}
