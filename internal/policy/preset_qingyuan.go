package policy

// presetQingyuan is seed 004: 清远市人民政府 清府函〔2020〕153号. The copy in
// hand is a traditional-character rendering of the web page; the quotes are
// given in the document's original simplified characters.
var presetQingyuan = Preset{
	Key: "qingyuan_2020_153", Name: "清远市 清府函〔2020〕153号", Issuer: "清远市人民政府",
	Title: "清远市人民政府关于提升基础教育教学质量的指导意见", DocNo: "清府函〔2020〕153号", Date: "2020-08-06", Seed: "004",
	Note: "教研员培训原文为“课时”，按学时计；工作室、网络空间为“到2025年”的目标；示范校为“40所左右”。",
	Values: []PresetValue{
		{Rule: RuleResearcherTrainingHoursPerYear, Value: 90, Clause: "三、(二) 1.",
			Quote: "每位教研员每年接受不少于90课时的培训", Note: "原文“课时”，按学时计"},
		{Rule: RuleResearcherDemoLessonsPerTerm, Value: 1, Clause: "三、(二) 2.",
			Quote: "要求教研员每学期到学校讲授公开课、示范课", Note: "每学期至少一节"},
		{Rule: RuleRegionCitySeniorChecksPerYear, Value: 1, Clause: "三、(一) 1.",
			Quote: "市教育部门每年要组织开展对全市高中学校的常规检查", Note: "每年至少一次"},
		{Rule: RuleRegionCountyRoutineChecksPerTerm, Value: 1, Clause: "三、(一) 1.",
			Quote: "县(市、区)教育部门每学期要组织开展对辖区内义务教育学校的常规检查", Note: "每学期至少一次"},
		{Rule: RuleContestYoungTeacherCycleYears, Value: 2, Clause: "三、(一) 2.",
			Quote: "全市每两年循环开展中小学全学段全学科的青年教师教学基本功比赛"},
		{Rule: RuleRegionCitySeniorExamsPerTerm, Value: 1, Clause: "三、(一) 3.",
			Quote: "市教育部门每学期组织全市高中各学科教学质量检测", Note: "每学期至少一次"},
		{Rule: RuleRegionTrainingDemoSchools, Value: 40, Clause: "三、(四) 1.",
			Quote: "全市遴选建设40所左右校本研修示范校", Note: "“左右”"},
		{Rule: RuleOfficeTrainerTrainingPerYear, Value: 100, Clause: "三、(四) 2.", Quote: "市级每年培训不少于100人次"},
		{Rule: RuleTalentExcellentTeachersPerYear, Value: 50, Clause: "三、(四) 2.",
			Quote: "每年市级平均培养不少于50名卓越教师"},
		{Rule: RuleTalentBackboneTeachersPerCountyPerYear, Value: 100, Clause: "三、(四) 2.",
			Quote: "每个县(市、区)平均培养不少于100名骨干教师"},
		{Rule: RuleStudioCityLevelTarget, Value: 100, Clause: "三、(四) 2.",
			Quote: "到2025年建成100个市级名教师、名班主任、名校长工作室"},
		{Rule: RuleStudioCountyLevelTarget, Value: 150, Clause: "三、(四) 2.",
			Quote: "150个县级名教师、名班主任、名校长工作室"},
		{Rule: RuleStudioTargetYear, Value: 2025, Clause: "三、(四) 2.",
			Quote: "到2025年建成100个市级名教师、名班主任、名校长工作室"},
		{Rule: RuleRegionTeacherOnlineSpaceShare, Value: 100, Clause: "三、(五) 1.",
			Quote: "确保到2025年,100%的教师拥有个人实名制的网络空间"},
	},
}
