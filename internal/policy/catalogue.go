package policy

// Scales of the UnitLevel rules, lowest first; scaleCodes are the matching
// codes used by org (职称, 荣誉级别, 学历).
var (
	titleScale     = []string{"三级教师", "二级教师", "一级教师", "高级教师", "正高级教师"}
	honourScale    = []string{"校级", "县级", "市级", "省级", "国家级"}
	educationScale = []string{"普通高中", "中等专科", "大学专科", "大学本科", "研究生"}
)

var scaleCodes = map[RuleKey][]string{
	RuleResearcherMinTitle:     {"third", "second", "first", "senior", "principal"},
	RuleResearcherMinHonour:    {"school", "county", "city", "province", "national"},
	RuleResearcherMinEducation: {"60", "40", "30", "20", "10"},
}

// catalogue is every rule the seed documents state, grouped by what it
// applies to. Keys never change once released; names and descriptions may.
var catalogue = []RuleDef{
	// 教研员
	{Key: RuleResearcherTrainingHoursPerYear, Name: "每年专业研修", Unit: "学时", AppliesTo: ForResearcher, Kind: KindMin,
		Description: "每位教研员每学年参加专业研修（培训）的学时数下限"},
	{Key: RuleResearcherMinTeachingYears, Name: "新任教研员教学工作经历", Unit: "年", AppliesTo: ForResearcher, Kind: KindMin,
		Description: "新补充教研员在教学一线工作的年限下限"},
	{Key: RuleResearcherMinTitle, Name: "新任教研员职称", Unit: UnitLevel, AppliesTo: ForResearcher, Kind: KindMin,
		Scale: titleScale, Description: "新补充教研员的职称下限（中级即一级教师）"},
	{Key: RuleResearcherMinHonour, Name: "新任教研员学科带头人荣誉", Unit: UnitLevel, AppliesTo: ForResearcher, Kind: KindMin,
		Scale: honourScale, Description: "新补充教研员应获学科带头人荣誉的级别下限"},
	{Key: RuleResearcherMinEducation, Name: "新任教研员学历", Unit: UnitLevel, AppliesTo: ForResearcher, Kind: KindMin,
		Scale: educationScale, Description: "新补充教研员的学历下限"},
	{Key: RuleResearcherMaxEntryAge, Name: "新任教研员年龄", Unit: "岁", AppliesTo: ForResearcher, Kind: KindMax,
		Description: "新补充教研员的年龄上限（原文多为“左右”，可适当放宽）"},
	{Key: RuleResearcherSchoolDaysPerTerm, Name: "每学期到中小学", Unit: "天", AppliesTo: ForResearcher, Kind: KindMin,
		Description: "专职教研员每学期到中小学听课、上课、调研、参加教研活动的天数下限"},
	{Key: RuleResearcherLessonsObservedPerYear, Name: "每学年听课", Unit: "节", AppliesTo: ForResearcher, Kind: KindMin,
		Description: "教研员每学年深入中小学听课的节数（课时）下限"},
	{Key: RuleResearcherDemoLessonsPerTerm, Name: "每学期示范课、公开课", Unit: "节", AppliesTo: ForResearcher, Kind: KindMin,
		Description: "教研员每学期到学校上示范课、展示课或公开课的节数下限"},
	{Key: RuleResearcherMaxInactiveYears, Name: "未参与教研或培训工作", Unit: "年", AppliesTo: ForResearcher, Kind: KindLess,
		Description: "连续未参与教研或培训工作达到此年数的教研员应调离（提示调整）"},
	{Key: RuleResearcherTeachingStintCycleYears, Name: "距上次挂职或兼课", Unit: "年", AppliesTo: ForResearcher, Kind: KindCycle,
		Description: "专职教研员到中小学挂职锻炼或兼任教学工作的周期：每隔此年数一次"},
	{Key: RuleResearcherTeachingStintTerms, Name: "每次挂职或兼课", Unit: "学期", AppliesTo: ForResearcher, Kind: KindMin,
		Description: "每次到中小学挂职锻炼或兼任教学工作的时长下限"},

	// 教研机构
	{Key: RuleOfficeSeniorPostShare, Name: "专业技术高级岗位比例", Unit: UnitPercent, AppliesTo: ForOffice, Kind: KindRatioMin,
		Description: "教研机构专业技术岗位中高级岗位所占比例下限"},
	{Key: RuleOfficeMidSeniorTitleShare, Name: "中高级职称人员比例", Unit: UnitPercent, AppliesTo: ForOffice, Kind: KindRatioMin,
		Description: "教研机构（教师进修学校）教师中具有中级及以上职称者的比例下限"},
	{Key: RuleOfficeSeniorTitleShare, Name: "高级职称人员比例", Unit: UnitPercent, AppliesTo: ForOffice, Kind: KindRatioMin,
		Description: "教研机构（教师进修学校）教师中具有高级及以上职称者的比例下限"},
	{Key: RuleOfficePartTimeRatio, Name: "兼职教师与教研员人数之比", Unit: UnitRatio, AppliesTo: ForOffice, Kind: KindRatioMin,
		Description: "兼职教师（兼职教研员）人数与教研员人数之比的下限，1 即 1:1"},
	{Key: RuleOfficeTurnoverSharePer5Years, Name: "每五年队伍更新率", Unit: UnitPercent, AppliesTo: ForOffice, Kind: KindMin,
		Description: "教研员队伍每五年更新（流动）的人数比例目标（原文为“左右”）"},
	{Key: RuleOfficePostgraduateResearchers, Name: "研究生学历教研员", Unit: "人", AppliesTo: ForOffice, Kind: KindMin,
		Description: "规划期内具有研究生学历的教研员人数目标"},
	{Key: RuleOfficeTrainerTrainingPerYear, Name: "每年研训人员能力提升研修", Unit: "人次", AppliesTo: ForOffice, Kind: KindMin,
		Description: "市级教师发展中心每年培训研训人员的人次下限"},

	// 联系学校
	{Key: RuleLiaisonMinSchoolsPerResearcher, Name: "每位教研员定点联系学校", Unit: "所", AppliesTo: ForLiaison, Kind: KindMin,
		Description: "每位教研员（带骨干教师团队）定点联系学校数的下限"},
	{Key: RuleLiaisonMaxSchoolsPerResearcher, Name: "每位教研员定点联系学校", Unit: "所", AppliesTo: ForLiaison, Kind: KindMax,
		Description: "每位教研员（带骨干教师团队）定点联系学校数的上限"},
	{Key: RuleLiaisonRoundSchoolYears, Name: "联系学校轮次长度", Unit: "学年", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "定点联系学校工作每一轮次的学年数"},
	{Key: RuleLiaisonOnsiteWeeksPerTerm, Name: "每学期在联系学校现场工作", Unit: "周", AppliesTo: ForLiaison, Kind: KindMin,
		Description: "每学期在定点联系学校现场工作的累计时间下限"},
	{Key: RuleLiaisonVisitsPerTerm, Name: "每学期到联系学校调研", Unit: "次", AppliesTo: ForLiaison, Kind: KindMin,
		Description: "每学期到定点联系学校调研的次数下限"},
	{Key: RuleLiaisonExchangesPerTerm, Name: "每学期工作交流", Unit: "次", AppliesTo: ForLiaison, Kind: KindMin,
		Description: "落实阶段每学期开展工作交流的次数下限"},
	{Key: RuleLiaisonPrepareStartMonth, Name: "准备阶段开始月份（第一年）", Unit: "月", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "轮次准备阶段在第一年开始的月份"},
	{Key: RuleLiaisonPrepareEndMonth, Name: "准备阶段结束月份（第一年）", Unit: "月", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "轮次准备阶段在第一年结束的月份"},
	{Key: RuleLiaisonImplementStartMonth, Name: "落实阶段开始月份（第一年）", Unit: "月", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "轮次落实阶段在第一年开始的月份"},
	{Key: RuleLiaisonImplementEndMonth, Name: "落实阶段结束月份（末年）", Unit: "月", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "轮次落实阶段在最后一年（两学年轮次即第三年）结束的月份"},
	{Key: RuleLiaisonSummaryStartMonth, Name: "总结阶段开始月份（末年）", Unit: "月", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "轮次总结阶段在最后一年开始的月份"},
	{Key: RuleLiaisonSummaryEndMonth, Name: "总结阶段结束月份（末年）", Unit: "月", AppliesTo: ForLiaison, Kind: KindSchedule,
		Description: "轮次总结阶段在最后一年结束的月份"},

	// 蹲点视导
	{Key: RuleStationSchoolsPerTerm, Name: "每人每学期蹲点学校", Unit: "所", AppliesTo: ForStation, Kind: KindQuota,
		Description: "每位研训员每学期蹲点的学校数"},
	{Key: RuleStationVisitsPerTerm, Name: "每学期蹲点视导", Unit: "次", AppliesTo: ForStation, Kind: KindMin,
		Description: "每学期在蹲点学校的视导次数下限（期初、期中、期末）"},
	{Key: RuleStationNewSchoolEachTerm, Name: "每学期更换蹲点学校", Unit: UnitFlag, AppliesTo: ForStation, Kind: KindFlag,
		Description: "是否要求每学期更换一所蹲点学校（1 是，0 否）"},
	{Key: RuleStationCoverageYears, Name: "蹲点视导覆盖全部学校", Unit: "年", AppliesTo: ForStation, Kind: KindCycle,
		Description: "在此年数内蹲点视导覆盖区域内全部学校"},

	// 教师
	{Key: RuleTeacherCreditCycleYears, Name: "继续教育学分周期", Unit: "年", AppliesTo: ForTeacher, Kind: KindSchedule,
		Description: "教师继续教育必修学分的登记周期"},
	{Key: RuleTeacherCreditsPerCycle, Name: "每周期必修学分", Unit: "学分", AppliesTo: ForTeacher, Kind: KindMin,
		Description: "教师每个学分周期应修满的学分"},
	{Key: RuleTeacherSchoolTrainingCreditShare, Name: "校本研修学分占比", Unit: UnitPercent, AppliesTo: ForTeacher, Kind: KindRatioMin,
		Description: "每周期必修学分中校本研修学分所占比例下限（由区域设定）"},

	// 学校与督导
	{Key: RuleSchoolTrainingShareOfPublicFunds, Name: "公用经费用于教师培训比例", Unit: UnitPercent, AppliesTo: ForSchool, Kind: KindRatioMin,
		Description: "学校日常公用经费中用于教师培训的比例下限"},
	{Key: RuleSchoolTrainingInspectionsPerYear, Name: "每学年校本研修定期督导", Unit: "次", AppliesTo: ForSchool, Kind: KindMin,
		Description: "每所学校每学年接受校本研修定期督导的次数下限"},
	{Key: RuleRegionTrainingDemoSchools, Name: "校本研修示范校", Unit: "所", AppliesTo: ForRegion, Kind: KindMin,
		Description: "区域遴选建设的校本研修示范校数目标（原文为“左右”）"},
	{Key: RuleRegionCountyRoutineChecksPerTerm, Name: "每学期县级教学常规检查", Unit: "次", AppliesTo: ForRegion, Kind: KindMin,
		Description: "县（市、区）教育部门每学期对义务教育学校开展教学常规检查的次数下限"},
	{Key: RuleRegionCitySeniorChecksPerYear, Name: "每年市级高中教学常规检查", Unit: "次", AppliesTo: ForRegion, Kind: KindMin,
		Description: "市教育部门每年对全市高中学校开展教学常规检查的次数下限"},
	{Key: RuleRegionCitySeniorExamsPerTerm, Name: "每学期市级高中教学质量检测", Unit: "次", AppliesTo: ForRegion, Kind: KindMin,
		Description: "市教育部门每学期组织全市高中各学科教学质量检测的次数下限"},

	// 经费与信息化
	{Key: RuleRegionTrainingFundPayrollShare, Name: "教师培训专项经费占工资总额比例", Unit: UnitPercent, AppliesTo: ForRegion, Kind: KindRatioMin,
		Description: "教师培训专项经费占中小学、幼儿园和中职学校教师核定工资总额的比例下限"},
	{Key: RuleRegionTrainingFundToOfficeShare, Name: "培训经费拨付教师进修学校比例", Unit: UnitPercent, AppliesTo: ForRegion, Kind: KindRatioMin,
		Description: "预算内教师培训经费分年度拨付到教师进修学校的比例下限"},
	{Key: RuleRegionTeacherDevFundPerYear, Name: "每年教师专业发展专项资金", Unit: "万元", AppliesTo: ForRegion, Kind: KindMin,
		Description: "区域财政每年安排的教师专业发展专项资金"},
	{Key: RuleRegionTeacherOnlineSpaceShare, Name: "教师实名网络空间覆盖率", Unit: UnitPercent, AppliesTo: ForRegion, Kind: KindRatioMin,
		Description: "拥有个人实名制网络空间的教师比例目标"},

	// 评比
	{Key: RuleAwardYearlyCourses, Name: "每年评出校本研修精品课程", Unit: "门", AppliesTo: ForAward, Kind: KindQuota,
		Description: "每年评出的校本研修精品课程数"},
	{Key: RuleAwardYearlySchools, Name: "每年评出校本研修优质学校", Unit: "所", AppliesTo: ForAward, Kind: KindQuota,
		Description: "每年评出的校本研修优质学校数"},
	{Key: RuleAwardYearlyGroups, Name: "每年评出先进教研组", Unit: "个", AppliesTo: ForAward, Kind: KindQuota,
		Description: "每年评出的先进教研组数"},
	{Key: RuleAwardYearlyGroupLeaders, Name: "每年评出优秀教研组长", Unit: "位", AppliesTo: ForAward, Kind: KindQuota,
		Description: "每年评出的优秀教研组长数"},
	{Key: RuleAwardYearlyCases, Name: "每年评出校本研修精品案例", Unit: "项", AppliesTo: ForAward, Kind: KindQuota,
		Description: "每年评出的校本研修精品案例数"},

	// 名师工作室、人才、比赛
	{Key: RuleStudioCityLevelTarget, Name: "市级名师（名班主任、名校长）工作室", Unit: "个", AppliesTo: ForStudio, Kind: KindMin,
		Description: "到目标年份建成的市级工作室数"},
	{Key: RuleStudioCountyLevelTarget, Name: "县级名师（名班主任、名校长）工作室", Unit: "个", AppliesTo: ForStudio, Kind: KindMin,
		Description: "到目标年份全市建成的县级工作室数"},
	{Key: RuleStudioTargetYear, Name: "工作室建设目标年份", Unit: "年份", AppliesTo: ForStudio, Kind: KindSchedule,
		Description: "工作室建设目标的完成年份"},
	{Key: RuleTalentExcellentTeachersPerYear, Name: "每年市级培养卓越教师", Unit: "名", AppliesTo: ForTalent, Kind: KindMin,
		Description: "市级每年平均培养的卓越教师数下限"},
	{Key: RuleTalentBackboneTeachersPerCountyPerYear, Name: "每县每年培养骨干教师", Unit: "名", AppliesTo: ForTalent, Kind: KindMin,
		Description: "每个县（市、区）每年平均培养的骨干教师数下限"},
	{Key: RuleContestYoungTeacherCycleYears, Name: "距上次青年教师教学基本功比赛", Unit: "年", AppliesTo: ForContest, Kind: KindCycle,
		Description: "全学段全学科青年教师教学基本功比赛的循环周期"},
}
