package policy

// ForQuality is what the quality rules apply to: 质量监测.
const ForQuality = "quality"

func init() {
	AppliesToNames[ForQuality] = "质量监测"
	for _, d := range []RuleDef{
		{Key: RuleQualityBelowCountySD, Name: "预警：低于县区平均分", Unit: "个标准差", AppliesTo: ForQuality, Kind: KindMax,
			Description: "学校（总分或某一学科）平均分低于所在县区平均分超过县区考生成绩标准差的此倍数时预警"},
		{Key: RuleQualityDropFromPrevious, Name: "预警：比上次考试下降", Unit: "标准分", AppliesTo: ForQuality, Kind: KindMax,
			Description: "学校某一学科（或总分）的标准分比同一组织单位上一次考试下降超过此数时预警"},
		{Key: RuleQualityClassLowRate, Name: "预警：班级低分率", Unit: UnitPercent, AppliesTo: ForQuality, Kind: KindMax,
			Description: "班级某一学科的低分率超过此比例时预警"},
		{Key: RuleQualityItemDiscrimination, Name: "预警：小题区分度", Unit: "区分度", AppliesTo: ForQuality, Kind: KindMin,
			Description: "小题区分度低于此值时提示命题人员（常用 0.2）"},
		{Key: RuleQualityMinValueAddedGroup, Name: "增值评价最少人数", Unit: "人", AppliesTo: ForQuality, Kind: KindMin,
			Description: "学校或班级的匹配人数少于此数时不报告增值评价"},
		{Key: RuleQualityPassLine, Name: "质量分析：及格线", Unit: UnitPercent, AppliesTo: ForQuality, Kind: KindMin,
			Description: "得分不低于满分的此比例为及格（计算及格率）；未设定时不能运行分析"},
		{Key: RuleQualityGoodLine, Name: "质量分析：良好线", Unit: UnitPercent, AppliesTo: ForQuality, Kind: KindMin,
			Description: "得分不低于满分的此比例为良好（计算良好率）；未设定时不能运行分析"},
		{Key: RuleQualityExcellentLine, Name: "质量分析：优秀线", Unit: UnitPercent, AppliesTo: ForQuality, Kind: KindMin,
			Description: "得分不低于满分的此比例为优秀（计算优秀率）；未设定时不能运行分析"},
		{Key: RuleQualityLowLine, Name: "质量分析：低分线", Unit: UnitPercent, AppliesTo: ForQuality, Kind: KindLess,
			Description: "得分低于满分的此比例为低分（计算低分率）；未设定时不能运行分析"},
		{Key: RuleQualityWeakSubjectT, Name: "薄弱学科：标准分低于", Unit: "标准分", AppliesTo: ForQuality, Kind: KindLess,
			Description: "县区各学科中标准分最低、且低于此值（全区平均为50）的学科为该县区的薄弱学科；未设定时不认定薄弱学科"},
	} {
		catalogueIndex[d.Key] = len(catalogue)
		catalogue = append(catalogue, d)
	}
}
