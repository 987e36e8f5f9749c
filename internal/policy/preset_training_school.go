package policy

// presetTrainingSchool is seed 001: a district's plan for its 教师进修学校.
// The copy in hand carries neither the district's name, nor a 文号, nor a date.
var presetTrainingSchool = Preset{
	Key: "district_training_school", Name: "区教师进修学校建设实施意见", Issuer: "区教育局",
	Title: "关于进一步加强区教师进修学校建设的实施意见", Seed: "001",
	Note: "原文未署地区、文号和日期。新补充教研员条件对获得特级教师、市级及以上名师名校长、市级及以上学科带头人、" +
		"省中小学教师技能大赛二等奖及以上荣誉之一的或具有研究生学历的人员可适当放宽；年龄、更新率为“左右”。",
	Values: []PresetValue{
		{Rule: "researcher.min_title", Value: 3, Clause: "三、(二)", Quote: "中小学一级教师及以上职称"},
		{Rule: "researcher.min_honour", Value: 2, Clause: "三、(二)", Quote: "县级学科带头人及以上荣誉",
			Note: "县级即学科带头人荣誉的级别"},
		{Rule: "researcher.min_education", Value: 4, Clause: "三、(二)", Quote: "本科学历"},
		{Rule: "researcher.min_teaching_years", Value: 6, Clause: "三、(二)", Quote: "在教学第一线工作6年及以上"},
		{Rule: "researcher.max_entry_age", Value: 45, Clause: "三、(二)", Quote: "年龄45周岁左右", Note: "“左右”，可适当放宽"},
		{Rule: "office.turnover_share_per_5_years", Value: 20, Clause: "三、(三)", Quote: "每五年教师队伍更新率20%左右"},
		{Rule: "researcher.teaching_stint_cycle_years", Value: 3, Clause: "三、(三)",
			Quote: "原则上每隔3年专职教研员必须到中小学挂职锻炼或兼任教学工作一个学期"},
		{Rule: "researcher.teaching_stint_terms", Value: 1, Clause: "三、(三)",
			Quote: "原则上每隔3年专职教研员必须到中小学挂职锻炼或兼任教学工作一个学期"},
		{Rule: "researcher.max_inactive_years", Value: 2, Clause: "三、(三)",
			Quote: "两年以上未参与教研或培训工作的要调离教师进修学校", Note: "满两年即提示调离"},
		{Rule: "researcher.school_days_per_term", Value: 20, Clause: "三、(四)",
			Quote: "专职教研员每人每学期至少20天到中小学听课、上课、调研、参加教研活动、指导教学研究"},
		{Rule: "researcher.lessons_observed_per_year", Value: 120, Clause: "三、(四)",
			Quote: "每人每学年深入中小学校听课不少于120课时", Note: "课时即节"},
		{Rule: "office.postgraduate_researchers", Value: 4, Clause: "三、(四)",
			Quote: "“十四五”期间研究生学历的教研员达4人以上"},
		{Rule: "office.part_time_ratio", Value: 1, Clause: "三、(五)",
			Quote: "兼职教师人数应按不低于教研员人数的1:1比例配备"},
		{Rule: "researcher.demo_lessons_per_term", Value: 1, Clause: "三、(八)",
			Quote: "教研员每学期必上示范课,展示课制度", Note: "每学期至少一节"},
		{Rule: "office.mid_senior_title_share", Value: 90, Clause: "三、(八)", Quote: "中高级职称比例占教师总数的90%以上"},
		{Rule: "office.senior_title_share", Value: 50, Clause: "三、(八)", Quote: "其中高级教师占50%以上"},
		{Rule: "region.training_fund_payroll_share", Value: 2.5, Clause: "四、(二)",
			Quote: "按照全区中小学、幼儿园和中职学校教师核定工资总额不低于2.5%比例,落实教师培训专项经费"},
		{Rule: "region.training_fund_to_office_share", Value: 60, Clause: "四、(二)",
			Quote: "预算内教师培训经费分年度拨付到教师进修学校的比例应不少于60%"},
	},
}
