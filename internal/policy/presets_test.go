package policy

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// seedNumbers is DESIGN.md §10 plus the other numbers the seeds state,
// preset by preset. Changing any number in a preset, or adding or dropping a
// rule, fails TestPresetNumbers.
var seedNumbers = map[string]map[RuleKey]float64{
	"wenzhou_2024_26": { // 000 温州
		"researcher.training_hours_per_year": 72, // >= 72 学时
		"researcher.min_teaching_years":      6,  // >= 6 years
		"researcher.min_title":               3,  // 中级 = 一级教师
		"office.senior_post_share":           80, // >= 80%
	},
	"district_training_school": { // 001 区教师进修学校
		"researcher.min_title":                  3,   // 一级教师
		"researcher.min_honour":                 2,   // 县级学科带头人
		"researcher.min_education":              4,   // 本科
		"researcher.min_teaching_years":         6,   // 6 years
		"researcher.max_entry_age":              45,  // about 45
		"office.turnover_share_per_5_years":     20,  // 20% per 5 years
		"researcher.teaching_stint_cycle_years": 3,   // every 3 years
		"researcher.teaching_stint_terms":       1,   // one term
		"researcher.max_inactive_years":         2,   // 2 years -> transfer
		"researcher.school_days_per_term":       20,  // >= 20 days per term
		"researcher.lessons_observed_per_year":  120, // >= 120 per school year
		"office.postgraduate_researchers":       4,   // >= 4 in 十四五
		"office.part_time_ratio":                1,   // >= 1:1
		"researcher.demo_lessons_per_term":      1,   // >= 1 per term
		"office.mid_senior_title_share":         90,  // >= 90%
		"office.senior_title_share":             50,  // >= 50%
		"region.training_fund_payroll_share":    2.5, // >= 2.5% of payroll
		"region.training_fund_to_office_share":  60,  // >= 60%
	},
	"linyi_2023_liaison": { // 002 临沂
		"liaison.min_schools_per_researcher": 1, "liaison.max_schools_per_researcher": 4,
		"liaison.round_school_years": 2, "liaison.onsite_weeks_per_term": 1, "liaison.visits_per_term": 1,
		"liaison.exchanges_per_term": 1, "liaison.prepare_start_month": 6, "liaison.prepare_end_month": 8,
		"liaison.implement_start_month": 9, "liaison.implement_end_month": 7, "liaison.summary_start_month": 7,
		"liaison.summary_end_month": 8,
	},
	"ouhai_2024_school_training": { // 003 瓯海
		"teacher.credit_cycle_years": 5, "teacher.credits_per_cycle": 360,
		"station.schools_per_term": 1, "station.visits_per_term": 3, "station.new_school_each_term": 1,
		"station.coverage_years": 2, "school.training_inspections_per_year": 1,
		"award.yearly_courses": 10, "award.yearly_schools": 10, "award.yearly_groups": 30,
		"award.yearly_group_leaders": 30, "award.yearly_cases": 50,
		"region.teacher_dev_fund_per_year": 1800, "school.training_share_of_public_funds": 10,
	},
	"qingyuan_2020_153": { // 004 清远
		"researcher.training_hours_per_year": 90, "researcher.demo_lessons_per_term": 1,
		"region.city_senior_checks_per_year": 1, "region.county_routine_checks_per_term": 1,
		"contest.young_teacher_cycle_years": 2, "region.city_senior_exams_per_term": 1,
		"region.training_demo_schools": 40, "office.trainer_training_per_year": 100,
		"talent.excellent_teachers_per_year": 50, "talent.backbone_teachers_per_county_per_year": 100,
		"studio.city_level_target": 100, "studio.county_level_target": 150, "studio.target_year": 2025,
		"region.teacher_online_space_share": 100,
	},
}

func TestPresetNumbers(t *testing.T) {
	if len(Presets()) != len(seedNumbers) {
		t.Fatalf("%d presets, want %d", len(Presets()), len(seedNumbers))
	}
	for _, p := range Presets() {
		want, ok := seedNumbers[p.Key]
		if !ok {
			t.Errorf("unexpected preset %s", p.Key)
			continue
		}
		got := map[RuleKey]float64{}
		for _, v := range p.Values {
			if _, dup := got[v.Rule]; dup {
				t.Errorf("%s: %s twice", p.Key, v.Rule)
			}
			got[v.Rule] = v.Value
		}
		for k, w := range want {
			if g, ok := got[k]; !ok || g != w {
				t.Errorf("%s %s = %v (present %v), want %v", p.Key, k, g, ok, w)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s states %s, which the table does not list", p.Key, k)
			}
		}
	}
}

func TestPresetValuesAreValidAndSourced(t *testing.T) {
	for _, p := range Presets() {
		if p.Issuer == "" || p.Title == "" || p.Seed == "" || p.Name == "" {
			t.Errorf("%s: header incomplete", p.Key)
		}
		for _, v := range p.Values {
			d, ok := Def(v.Rule)
			if !ok {
				t.Errorf("%s: unknown rule %s", p.Key, v.Rule)
				continue
			}
			if err := d.Validate(v.Value); err != nil {
				t.Errorf("%s %s: %v", p.Key, v.Rule, err)
			}
			if v.Clause == "" || !quoteStatesValue(d, v) {
				t.Errorf("%s %s: clause %q, quote %q does not state %v", p.Key, v.Rule, v.Clause, v.Quote, v.Value)
			}
		}
	}
}

var chineseNumerals = map[float64][]string{1: {"一", "每学期交流一次"}, 2: {"两", "二"}, 3: {"三", "期初"}, 5: {"五"}}

// quoteStatesValue reports whether the quote carries the number (or its
// Chinese numeral, or the level's name) the preset gives.
func quoteStatesValue(d RuleDef, v PresetValue) bool {
	switch d.Unit {
	case UnitLevel:
		name := d.Scale[int(v.Value)-1]
		name = strings.TrimPrefix(strings.TrimSuffix(name, "教师"), "大学")
		return strings.Contains(v.Quote, name) || v.Rule == "researcher.min_title" && strings.Contains(v.Quote, "中级")
	case UnitFlag:
		return strings.Contains(v.Quote, "更换")
	case UnitRatio:
		return strings.Contains(v.Quote, num(v.Value)+":1")
	}
	if regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(strconv.FormatFloat(v.Value, 'f', -1, 64)) + `([^0-9.]|$)`).MatchString(v.Quote) {
		return true
	}
	if v.Value == 1 && v.Note != "" && strings.Contains(v.Quote, "每") {
		return true // "每学期都要…": once, as the note says
	}
	for _, n := range chineseNumerals[v.Value] {
		if strings.Contains(v.Quote, n) {
			return true
		}
	}
	return false
}

// TestQuotesAreVerbatim checks each quote against the seed text in
// ../shared/seeds, when it is there. Seed 004 is a traditional-character
// rendering, so its simplified quotes are not compared.
func TestQuotesAreVerbatim(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "00*.txt"))
	if len(files) == 0 {
		t.Skip("seed documents not present")
	}
	sort.Strings(files)
	pageBreak := regexp.MustCompile(`\n\d+、`)
	for _, p := range Presets() {
		if p.Seed == "004" {
			continue
		}
		i, _ := strconv.Atoi(p.Seed)
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		text := pageBreak.ReplaceAllString(string(b), "")
		for _, v := range p.Values {
			if !strings.Contains(text, v.Quote) {
				t.Errorf("%s %s: quote not in seed %s: %q", p.Key, v.Rule, p.Seed, v.Quote)
			}
		}
	}
}

func TestCatalogueIsWellFormed(t *testing.T) {
	seen := map[RuleKey]bool{}
	key := regexp.MustCompile(`^[a-z]+\.[a-z0-9_]+$`)
	for _, d := range Catalogue() {
		if seen[d.Key] || !key.MatchString(string(d.Key)) {
			t.Errorf("key %q duplicated or malformed", d.Key)
		}
		seen[d.Key] = true
		if d.Name == "" || d.Unit == "" || d.Description == "" || KindNames[d.Kind] == "" || AppliesToNames[d.AppliesTo] == "" {
			t.Errorf("%s: incomplete definition %+v", d.Key, d)
		}
		if (d.Unit == UnitLevel) != (len(d.Scale) > 0) {
			t.Errorf("%s: a level rule needs a scale and only it", d.Key)
		}
	}
}
