package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

// talentPreset is the document whose talent targets the demo city takes:
// seed 004 (清远), the one that states them; 温州's own document does not.
const talentPreset = "qingyuan_2020_153"

// talentRules are the targets /talent measures that the demo city sets
// from talentPreset: 卓越教师 a year, 骨干教师 per county a year, and the
// city- and county-level 名师工作室 (with the year they are due), and the
// 研训人员 trained a year (/programs).
var talentRules = []policy.RuleKey{policy.RuleTalentExcellentTeachersPerYear,
	policy.RuleTalentBackboneTeachersPerCountyPerYear, policy.RuleStudioCityLevelTarget, policy.RuleStudioCountyLevelTarget,
	policy.RuleStudioTargetYear, policy.RuleOfficeTrainerTrainingPerYear}

// writeTalent sets the city's talent targets from 学年 from-1 and gives the
// city the honours and tier steps behind them for 学年 from-1..year:
// 卓越教师 named by the city, 骨干教师 recognised by each county, each
// year with one 认定 document, so /talent shows counts with names and
// realistic shortfalls (this year 卓越教师 short of 50 and one county short
// of 100 骨干). It returns how many steps and honours it wrote.
func (g *gen) writeTalent(ctx context.Context, t Target, c *city, from, year int) (int, error) {
	if err := cityTalentRules(ctx, t, c.code, from-1); err != nil {
		return 0, fmt.Errorf("人才培养目标规则：%w", err)
	}
	r := rand.New(rand.NewPCG(uint64(g.seed), 0x74616c656e74)) // "talent"
	today := t.today()
	used := map[*person]bool{}
	n := 0
	for y := from - 1; y <= year; y++ {
		for i, k := range c.counties {
			m, err := g.countyBackbone(ctx, t, r, k, y, backboneWant(r, i, y, year), talentDate(y, 40+3*i, today), used)
			if err != nil {
				return n, fmt.Errorf("%s%d学年骨干教师：%w", k.prefix, y, err)
			}
			n += m
		}
		want := 52 + r.IntN(6)
		if y == year {
			want = 41
		}
		m, err := g.cityExcellent(ctx, t, r, c, y, want)
		if err != nil {
			return n, fmt.Errorf("%d学年卓越教师：%w", y, err)
		}
		n += m
	}
	return n, nil
}

// cityTalentRules sets talentRules on city from 学年 from, as the region
// would have then, with the preset's clause as the basis.
func cityTalentRules(ctx context.Context, t Target, city string, from int) error {
	p, ok := policy.PresetByKey(talentPreset)
	if !ok {
		return fmt.Errorf("缺少预置方案 %s", talentPreset)
	}
	then := time.Date(from, 9, 1, 8, 0, 0, 0, time.UTC)
	ps := &policy.Service{DB: t.Policy.DB, Now: func() time.Time { return then }}
	for _, k := range talentRules {
		v, ok := p.Value(k)
		if !ok {
			return fmt.Errorf("预置方案 %s 未包含规则 %s", talentPreset, k)
		}
		note := fmt.Sprintf("演示数据：取自 %s %s（%s）", p.Source(), v.Clause, v.Quote)
		if err := ps.SetValue(ctx, builder, city, k, v.Value, from, note, 0); err != nil {
			return fmt.Errorf("设置规则 %s：%w", k, err)
		}
	}
	return nil
}

// backboneWant is how many 骨干教师 county i recognises in 学年 y: a little
// over 100, except the second county this year and the third last year,
// which fall short.
func backboneWant(r *rand.Rand, i, y, year int) int {
	if (y == year && i == 1) || (y == year-1 && i == 2) {
		return 100 - 8 - r.IntN(15)
	}
	return 100 + 4 + r.IntN(30)
}

// talentDate is the day of 学年 y's 认定, offset days after 1 September,
// never after yesterday.
func talentDate(y, offset int, today time.Time) string {
	d := time.Date(y, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, offset)
	if y := today.AddDate(0, 0, -1); d.After(y) {
		d = y
	}
	return d.Format("2006-01-02")
}

// countyBackbone records want 骨干 steps in county k on date for 学年 y:
// first the teachers whose 骨干 honour dates from y, then 合格 teachers
// promoted, in one document. A county never recognises more than one in twelve of its
// teachers a year (the small demo's counties are small).
func (g *gen) countyBackbone(ctx context.Context, t Target, r *rand.Rand, k *county, y, want int, date string,
	used map[*person]bool) (int, error) {
	var honoured, qualified []*person
	total := 0
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || s.kind == kPoint {
			continue
		}
		for _, x := range s.teachers {
			total++
			switch {
			case used[x]:
			case x.p.Tier == "backbone" && honourYear(x, "骨干教师") == y:
				honoured = append(honoured, x)
			case x.p.Tier == "qualified":
				qualified = append(qualified, x)
			}
		}
	}
	r.Shuffle(len(qualified), func(i, j int) { qualified[i], qualified[j] = qualified[j], qualified[i] })
	pool := append(honoured, qualified...)
	want = min(want, total/12, len(pool))
	id, err := bureauID(ctx, t.Training, k.code)
	if err != nil {
		return 0, err
	}
	a := app.Actor{Username: builder.Username, OrgID: id, Perms: app.Perms(training.PermTalentEdit), Scope: app.Scope{All: true}}
	basis := fmt.Sprintf("%s教发〔%d〕%d号 关于公布%d学年%s骨干教师名单的通知", k.name, y, 30+len(k.prefix), y, k.name)
	ids := make([]int64, want)
	for i, x := range pool[:want] {
		ids[i], used[x], x.p.Tier = x.id, true, "backbone"
	}
	return want, t.Training.RecordTiers(ctx, a, ids, "backbone", date, basis)
}

// honourYear is the year of x's honour whose name ends in suffix, or 0.
func honourYear(x *person, suffix string) int {
	for _, h := range x.p.Honours {
		if strings.HasSuffix(h.Name, suffix) {
			return h.Year
		}
	}
	return 0
}

// cityExcellent names want 卓越教师 of city c in 学年 y (at most one in a
// hundred of its teachers): 学科带头人 and 骨干 not yet named, as honours on
// their records through org.
func (g *gen) cityExcellent(ctx context.Context, t Target, r *rand.Rand, c *city, y, want int) (int, error) {
	var pool []*person
	total := 0
	for _, s := range g.schools {
		if s.county == nil || s.county.city != c || s.id == 0 || s.kind == kPoint {
			continue
		}
		for _, x := range s.teachers {
			total++
			if (x.p.Tier == "leader" || x.p.Tier == "backbone") && honourYear(x, "卓越教师") == 0 {
				pool = append(pool, x)
			}
		}
	}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	want = min(want, total/100, len(pool))
	for _, x := range pool[:want] {
		p, err := t.Org.FindPersonByID(ctx, builder, x.id)
		if err != nil {
			return 0, err
		}
		h := honourOf(c, y)
		p.Honours = append(p.Honours, h)
		if err := t.Org.UpdatePerson(ctx, builder, p); err != nil {
			return 0, fmt.Errorf("%s：%w", p.Name, err)
		}
		x.p.Honours = append(x.p.Honours, h)
	}
	return want, nil
}

// honourOf is the 卓越教师 honour city c confers in 学年 y.
func honourOf(c *city, y int) org.Honour {
	return org.Honour{Name: c.name + "卓越教师", Level: "city", Year: y}
}
