package policy

import "testing"

func mustDef(t *testing.T, key RuleKey) RuleDef {
	t.Helper()
	d, ok := Def(key)
	if !ok {
		t.Fatalf("no rule %s", key)
	}
	return d
}

func TestEvaluateTextAndGap(t *testing.T) {
	cases := []struct {
		key              RuleKey
		target, measured float64
		met              bool
		gap              float64
		text             string
	}{
		{"researcher.lessons_observed_per_year", 120, 96, false, 24, "每学年听课 96 节，要求不少于 120 节，差 24 节"},
		{"researcher.lessons_observed_per_year", 120, 130, true, 0, "每学年听课 130 节，要求不少于 120 节，已达到要求"},
		{"office.senior_post_share", 80, 72.5, false, 7.5, "专业技术高级岗位比例 72.5%，要求不低于 80%，差 7.5 个百分点"},
		{"office.part_time_ratio", 1, 0.8, false, 0.2, "兼职教师与教研员人数之比 0.8:1，要求不低于 1:1，差 0.2"},
		{"liaison.max_schools_per_researcher", 4, 5, false, 1, "每位教研员定点联系学校 5 所，要求不超过 4 所，超出 1 所"},
		{"researcher.max_inactive_years", 2, 2, false, 0, "未参与教研或培训工作 2 年，要求少于 2 年，已达上限"},
		{"researcher.max_inactive_years", 2, 1, true, 0, "未参与教研或培训工作 1 年，要求少于 2 年，已达到要求"},
		{"award.yearly_groups", 30, 32, false, -2, "每年评出先进教研组 32 个，定额 30 个，超出 2 个"},
		{"award.yearly_cases", 50, 45, false, 5, "每年评出校本研修精品案例 45 项，定额 50 项，差 5 项"},
		{"contest.young_teacher_cycle_years", 2, 3, false, 1, "距上次青年教师教学基本功比赛 3 年，要求每 2 年一次，超出 1 年"},
		{"researcher.min_title", 3, 2, false, 1, "新任教研员职称 二级教师，要求不低于 一级教师，未达到要求"},
		{"station.new_school_each_term", 1, 0, false, 1, "每学期更换蹲点学校 否，要求：是，未达到要求"},
	}
	for _, c := range cases {
		r := Evaluate(mustDef(t, c.key), c.target, c.measured)
		if r.Met != c.met || r.Gap != c.gap || r.Text != c.text || !r.InForce {
			t.Errorf("%s %v/%v: got met=%v gap=%v %q", c.key, c.measured, c.target, r.Met, r.Gap, r.Text)
		}
	}
}

func TestRankMeasuresPeopleOnScales(t *testing.T) {
	for _, c := range []struct {
		key  RuleKey
		name string
		want float64
	}{
		{"researcher.min_title", "first", 3}, {"researcher.min_title", "高级教师", 4},
		{"researcher.min_education", "20", 4}, {"researcher.min_education", "研究生", 5},
		{"researcher.min_honour", "county", 2},
	} {
		if got, ok := Rank(c.key, c.name); !ok || got != c.want {
			t.Errorf("Rank(%s, %s) = %v, %v; want %v", c.key, c.name, got, ok, c.want)
		}
	}
	if _, ok := Rank("researcher.min_title", "教授"); ok {
		t.Error("unknown title ranked")
	}
}

func TestValidateRefusesImpossibleValues(t *testing.T) {
	for _, c := range []struct {
		key RuleKey
		v   float64
	}{
		{"office.senior_post_share", 120}, {"researcher.min_title", 6}, {"researcher.min_title", 2.5},
		{"station.new_school_each_term", 2}, {"liaison.prepare_start_month", 13}, {"researcher.lessons_observed_per_year", -1},
	} {
		if mustDef(t, c.key).Validate(c.v) == nil {
			t.Errorf("%s accepted %v", c.key, c.v)
		}
	}
}
