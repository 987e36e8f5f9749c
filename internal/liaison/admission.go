package liaison

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// Candidate is a person considered for a researcher post (新补充教研员).
// Title, Honour and Education are org codes (first, county, 20). Age 0 is
// unknown. The three flags are the seed-001 grounds for relaxing the
// conditions: 特级教师, 市级及以上名师名校长或学科带头人 (or a provincial
// skills-contest prize), and 研究生学历 (also read from Education).
type Candidate struct {
	PersonID      int64
	Name          string
	TeachingYears int
	Title         string
	Honour        string
	Education     string
	Age           int
	SpecialGrade  bool // 特级教师
	CityMaster    bool // 市级及以上名师名校长、学科带头人，省技能大赛二等奖及以上
	Postgraduate  bool // 研究生学历
}

// Reason is one condition of admission with its verdict.
type Reason struct {
	Key      policy.RuleKey
	Name     string
	Measured string
	Rule     string // the requirement, "" with no rule in force
	Source   string // 文件与条款
	Quote    string
	Met      bool
	Relaxed  bool // not met, but the candidate qualifies for 适当放宽
	Text     string
}

// Admission is the verdict of CheckCandidate.
type Admission struct {
	Candidate Candidate
	Region    string
	Year      int
	Reasons   []Reason
	RelaxedBy []string // the grounds for relaxing, in Chinese
	Eligible  bool     // every condition met, or relaxed
}

// Ruled counts the conditions with a rule in force; 0 means the region
// sets no admission rules for the 学年.
func (a Admission) Ruled() int {
	n := 0
	for _, r := range a.Reasons {
		if r.Rule != "" {
			n++
		}
	}
	return n
}

// relaxable are the conditions seed 001 allows to relax (年龄、荣誉、学历).
var relaxable = map[policy.RuleKey]bool{policy.RuleResearcherMaxEntryAge: true, policy.RuleResearcherMinHonour: true, policy.RuleResearcherMinEducation: true}

// CheckCandidate checks a candidate (typed in, or a person on file when
// PersonID is set: then age and the relaxing flags given are added to the
// record, and region "" means the region of the person's organisation) against the admission rules in force in
// region for 学年 year, each reason with its rule and source. For a 特级教师,
// a 市级名师 or a 研究生 the age, honour and degree conditions are relaxed
// (适当放宽): shown as not met, but not blocking. Needs visit.view.
func (s *Service) CheckCandidate(ctx context.Context, actor app.Actor, region string, year int, c Candidate) (Admission, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Admission{}, err
	}
	c, region, err := s.candidateOf(ctx, actor, region, year, c)
	if err != nil {
		return Admission{}, err
	}
	rules, err := s.Policy.RulesInForce(ctx, actor, region, year)
	if err != nil {
		return Admission{}, err
	}
	a := Admission{Candidate: c, Region: region, Year: year, RelaxedBy: relaxGrounds(c), Eligible: true}
	inForce := map[policy.RuleKey]policy.RuleInForce{}
	for _, r := range rules {
		inForce[r.Def.Key] = r
	}
	for _, m := range measures(c) {
		r := reasonOf(m, inForce, len(a.RelaxedBy) > 0)
		a.Eligible = a.Eligible && (r.Met || r.Relaxed)
		a.Reasons = append(a.Reasons, r)
	}
	return a, nil
}

// candidateOf fills a candidate from the person's record when PersonID is
// set (the person must be in the actor's scope).
func (s *Service) candidateOf(ctx context.Context, actor app.Actor, region string, year int, c Candidate) (Candidate, string, error) {
	if c.PersonID == 0 {
		return c, region, nil
	}
	p, err := s.Org.FindPersonByID(ctx, actor, c.PersonID)
	if err != nil {
		return c, region, err
	}
	got := CandidateOf(p, year)
	got.Age, got.SpecialGrade, got.CityMaster = c.Age, got.SpecialGrade || c.SpecialGrade, got.CityMaster || c.CityMaster
	if region == "" {
		err = s.DB.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", p.OrgID).Scan(&region)
		})
	}
	return got, region, err
}

type measure struct {
	key   policy.RuleKey
	v     float64
	shown string
	known bool
}

func measures(c Candidate) []measure {
	rank := func(key policy.RuleKey, code string) float64 { v, _ := policy.Rank(key, code); return v }
	return []measure{
		{policy.RuleResearcherMinTitle, rank(policy.RuleResearcherMinTitle, c.Title), orNone(org.TitleNames[c.Title]), c.Title != ""},
		{policy.RuleResearcherMinHonour, rank(policy.RuleResearcherMinHonour, c.Honour), orNone(org.HonourLevelNames[c.Honour]), true},
		{policy.RuleResearcherMinEducation, rank(policy.RuleResearcherMinEducation, c.Education), orNone(org.EducationNames[c.Education]), c.Education != ""},
		{policy.RuleResearcherMinTeachingYears, float64(c.TeachingYears), fmt.Sprintf("%d 年", c.TeachingYears), true},
		{policy.RuleResearcherMaxEntryAge, float64(c.Age), fmt.Sprintf("%d 岁", c.Age), c.Age > 0},
	}
}

// reasonOf checks one measure against the rule in force.
func reasonOf(m measure, rules map[policy.RuleKey]policy.RuleInForce, relax bool) Reason {
	def, _ := policy.Def(m.key)
	r := Reason{Key: m.key, Name: def.Name, Measured: m.shown, Met: true}
	rule, ok := rules[m.key]
	if !ok {
		r.Text = def.Name + "：未设定要求"
		return r
	}
	r.Source, r.Quote = strings.TrimSpace(rule.Source+" "+rule.Clause), rule.Quote
	res := policy.Evaluate(def, rule.Value, m.v)
	r.Rule, r.Met, r.Text = rule.ValueText, res.Met, res.Text
	if !m.known {
		r.Met, r.Measured, r.Text = false, "未填写", def.Name+"：未填写，无法核对"
	}
	r.Relaxed = !r.Met && relax && relaxable[m.key]
	if r.Relaxed {
		r.Text += "（符合放宽条件，可适当放宽）"
	}
	return r
}

func relaxGrounds(c Candidate) []string {
	var out []string
	if c.SpecialGrade {
		out = append(out, "特级教师")
	}
	if c.CityMaster {
		out = append(out, "市级及以上名师名校长或学科带头人")
	}
	if c.Postgraduate || c.Education == "10" {
		out = append(out, "研究生学历")
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

// CandidateOf reads a candidate from a person's record in 学年 year: years
// of teaching from TeachingSince, the highest honour, and the relaxing
// grounds from honour names (特级教师; 名师、学科带头人 at city level or above).
func CandidateOf(p org.Person, year int) Candidate {
	c := Candidate{PersonID: p.ID, Name: p.Name, Title: p.Title, Education: p.Education}
	if p.TeachingSince > 0 {
		c.TeachingYears = year - p.TeachingSince
	}
	best := 0.0
	for _, h := range p.Honours {
		v, _ := policy.Rank(policy.RuleResearcherMinHonour, h.Level)
		if v > best {
			best, c.Honour = v, h.Level
		}
		c.SpecialGrade = c.SpecialGrade || strings.Contains(h.Name, "特级教师")
		c.CityMaster = c.CityMaster || (v >= 3 && (strings.Contains(h.Name, "名师") || strings.Contains(h.Name, "学科带头人")))
	}
	return c
}
