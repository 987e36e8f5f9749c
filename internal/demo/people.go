package demo

import (
	"math"

	"jiaoyan/internal/org"
)

// person is one generated person and where they work.
type person struct {
	p      org.Person
	orgKey string // 学校标识码, or the exact name of a bureau or office
	office string // 所属教研机构 name for researchers
	school *school
	county *county // nil for city- and province-level staff
	id     int64   // filled in after import
}

func (x *person) subject() string { return first(x.p.Subjects) }
func (x *person) stage() string   { return first(x.p.Stages) }

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// teacherBase is the typical teaching staff of a school by kind, before the
// locale factor and noise.
var teacherBase = map[string]float64{kPrimary: 45, kJunior: 65, kNine: 70, kSenior: 130, kVocational: 100, kSpecial: 30}

var localeFactor = map[string]float64{"urban": 1.5, "town": 1.0, "rural": 0.55}

// teacherCount is how many teachers s gets: teaching points 1-4, others by
// kind and locale with ±25% noise, at least 6.
func (g *gen) teacherCount(s *school) int {
	if s.kind == kPoint {
		return between(g.r, 1, 4)
	}
	f := localeFactor[s.locale]
	if s.kind == kSenior || s.kind == kVocational || s.kind == kSpecial {
		f = map[string]float64{"urban": 1.15, "town": 0.8}[s.locale]
	}
	n := teacherBase[s.kind] * f * (0.75 + 0.5*g.r.Float64()) * g.p.teacherScale
	return max(6, int(math.Round(n)))
}

// makeTeachers fills s with teachers.
func (g *gen) makeTeachers(s *school) {
	for range g.teacherCount(s) {
		stage := s.stages[0]
		if s.kind == kNine && chance(g.r, 0.4) {
			stage = "junior"
		}
		x := g.newPerson(s.county, stage, femaleShare[stage])
		x.school, x.orgKey = s, s.code
		x.p.Subjects = []string{pick(g.r, subjectMix[stage])}
		if s.kind == kPoint && x.p.Subjects[0] != "语文" && chance(g.r, 0.5) {
			x.p.Subjects = append(x.p.Subjects, "语文") // teaching points need every teacher on several subjects
		}
		g.career(&x.p, pick(g.r, titleMix))
		if (x.p.Title == "senior" || x.p.Title == "principal") && chance(g.r, 0.03) {
			x.p.Expert = true
		}
		s.teachers = append(s.teachers, x)
		g.people = append(g.people, x)
	}
}

// femaleShare is the share of women teachers by stage.
var femaleShare = map[string]float64{"primary": 0.76, "junior": 0.6, "senior": 0.5, "vocational": 0.5, "special": 0.7}

// newPerson draws gender, name, birthplace county and phone; career fills
// the rest.
func (g *gen) newPerson(work *county, stage string, female float64) *person {
	gender := "1"
	if chance(g.r, female) {
		gender = "2"
	}
	x := &person{county: work}
	x.p = org.Person{Name: personName(g.r, gender), Gender: gender, Phone: mobile(g.r), Stages: []string{stage}}
	return x
}

var titleMix = []weighted[string]{{"", 1}, {"third", 2}, {"second", 25}, {"first", 45}, {"senior", 26}, {"principal", 1}}

// tierByTitle makes the tiers come out near 新任 10%, 合格 55%, 骨干 25%,
// 学科带头人 8%, 名师 2% while following the title.
var tierByTitle = map[string][]weighted[string]{
	"":          {{"new", 1}},
	"third":     {{"new", 1}},
	"second":    {{"new", 30}, {"qualified", 62}, {"backbone", 8}},
	"first":     {{"qualified", 62}, {"backbone", 30}, {"leader", 7}, {"master", 1}},
	"senior":    {{"qualified", 42}, {"backbone", 36}, {"leader", 16}, {"master", 6}},
	"principal": {{"backbone", 10}, {"leader", 40}, {"master", 50}},
}

// yearsByTitle is the range of years of service for a title.
var yearsByTitle = map[string][2]int{
	"": {0, 0}, "third": {0, 2}, "second": {3, 12}, "first": {5, 28}, "senior": {12, 37}, "principal": {20, 37},
}

// career sets title, tier, years of service, age (22-60, consistent with
// both), education, ID number and honours.
func (g *gen) career(p *org.Person, title string) {
	p.Title, p.Tier = title, pick(g.r, tierByTitle[title])
	yr := yearsByTitle[title]
	if p.Tier == "new" && title == "second" {
		yr = [2]int{1, 3}
	}
	years := between(g.r, yr[0], yr[1])
	age := 22 + years + g.r.IntN(3)
	if age > 60 {
		age, years = 60, 60-22-g.r.IntN(3)
	}
	p.TeachingSince = baseYear - years
	p.Education = g.education(age)
	g.identity(p, age)
	p.Honours = g.honours(p.Tier)
}

// education by age: the young hold 本科 or 研究生, older teachers often 专科.
func (g *gen) education(age int) string {
	switch {
	case age < 35:
		return pick(g.r, []weighted[string]{{"10", 15}, {"20", 83}, {"30", 2}})
	case age < 46:
		return pick(g.r, []weighted[string]{{"10", 8}, {"20", 82}, {"30", 10}})
	}
	return pick(g.r, []weighted[string]{{"10", 3}, {"20", 67}, {"30", 30}})
}

// identity gives p a unique valid ID number for someone aged age in
// baseYear, born mostly in the county where they work.
func (g *gen) identity(p *org.Person, age int) {
	for {
		home := g.birthCounty()
		seq := g.r.IntN(500) * 2
		if p.Gender == "1" {
			seq++
		}
		id := idNumber(home, baseYear-age, between(g.r, 1, 12), between(g.r, 1, 28), seq)
		if !g.ids[id] {
			g.ids[id], p.IDNumber = true, id
			return
		}
	}
}

func (g *gen) birthCounty() string {
	if g.cur != nil && chance(g.r, 0.8) {
		return g.cur.code
	}
	return g.counties[g.r.IntN(len(g.counties))].code
}

// honours match the tier: 教坛新秀, 骨干教师, 学科带头人, 名师.
func (g *gen) honours(tier string) []org.Honour {
	year := between(g.r, baseYear-9, baseYear)
	where := g.cur
	switch tier {
	case "backbone":
		if where != nil {
			return []org.Honour{{Name: where.name + "骨干教师", Level: "county", Year: year}}
		}
	case "leader":
		return []org.Honour{{Name: g.cityName() + "学科带头人", Level: "city", Year: year}}
	case "master":
		return []org.Honour{{Name: g.cityName() + "名师", Level: "city", Year: year - 3},
			{Name: "浙江省特级教师", Level: "province", Year: year}}
	}
	return nil
}

func (g *gen) cityName() string {
	if g.cur != nil {
		return g.cur.city.name
	}
	return g.cities[0].name
}

// subjectMix is the subject of a teacher by stage (per mille, roughly the
// staffing of 浙江 schools; 科学 is one subject in 浙江 初中).
var subjectMix = map[string][]weighted[string]{
	"primary": {{"语文", 330}, {"数学", 260}, {"英语", 100}, {"科学", 60}, {"体育与健康", 70}, {"音乐", 45}, {"美术", 45},
		{"道德与法治", 30}, {"信息科技", 25}, {"综合实践活动", 15}, {"心理健康", 10}, {"劳动", 10}},
	"junior": {{"语文", 170}, {"数学", 170}, {"英语", 160}, {"科学", 160}, {"历史", 60}, {"道德与法治", 60},
		{"体育与健康", 80}, {"音乐", 30}, {"美术", 30}, {"信息科技", 40}, {"心理健康", 15}, {"劳动", 15}, {"地理", 10}},
	"senior": {{"语文", 130}, {"数学", 130}, {"英语", 125}, {"物理", 90}, {"化学", 80}, {"生物学", 70}, {"思想政治", 60},
		{"历史", 60}, {"地理", 60}, {"信息技术", 35}, {"通用技术", 30}, {"体育与健康", 70}, {"音乐", 20}, {"美术", 20},
		{"心理健康", 10}, {"日语", 10}},
	"vocational": {{"专业课", 450}, {"语文", 110}, {"数学", 110}, {"英语", 90}, {"思想政治", 60}, {"体育与健康", 70},
		{"信息技术", 60}, {"历史", 30}, {"心理健康", 20}},
	"special": {{"特殊教育", 750}, {"体育与健康", 80}, {"音乐", 60}, {"美术", 60}, {"心理健康", 50}},
}
