package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

// demoCreditRules are the demo city's per-category rules: 10 学时 a 学分
// for courses, 20 for practice (as Beijing counts), 校本研修 capped at 96
// a cycle.
var demoCreditRules = []credit.Rule{
	{Category: credit.CategoryCentralized, HoursPerCredit: 10}, {Category: credit.CategoryOnline, HoursPerCredit: 10},
	{Category: credit.CategoryExternal, HoursPerCredit: 10}, {Category: credit.CategorySchoolBased, HoursPerCredit: 10, CapPerCycle: 96},
	{Category: credit.CategoryActivity, HoursPerCredit: 20}, {Category: credit.CategoryObservation, HoursPerCredit: 20},
}

// writeTraining gives the cities their credit rules (a 5-year cycle from
// the rules' first 学年, 24 a year) and every school teacher a ledger from
// the cycle's start to today with a realistic spread (some below the
// yearly minimum), then claims waiting at the school, at the county and
// returned in every county. Skipped without a training service.
func (g *gen) writeTraining(ctx context.Context, t Target, log io.Writer, _ *Summary) error {
	if t.Training == nil || t.Policy == nil {
		return nil
	}
	today := t.today()
	year := dict.SchoolYearOf(today)
	from := year
	if t.Liaison != nil {
		from-- // as writePolicy: the work history starts a 学年 back
	}
	for _, c := range g.cities {
		if err := cityCreditRules(ctx, t, c.code, from); err != nil {
			return fmt.Errorf("%s学分规则：%w", c.name, err)
		}
	}
	r := rand.New(rand.NewPCG(uint64(g.seed), 0x637265646974)) // "credit"
	for _, k := range g.counties {
		if err := g.countyTraining(ctx, t.Training, r, k, from, year, today, log); err != nil {
			return err
		}
	}
	for _, c := range g.cities {
		if err := g.cityTraining(ctx, t, r, c, from, year, log); err != nil {
			return err
		}
	}
	return nil
}

// countyTraining writes one county's ledger, claims, school plans and
// programmes, and logs what it wrote.
func (g *gen) countyTraining(ctx context.Context, ts *training.Service, r *rand.Rand, k *county, from, year int, today time.Time,
	log io.Writer) error {
	n, err := g.countyLedger(ctx, ts.DB, r, k, from, year, today)
	if err != nil {
		return fmt.Errorf("%s学分台账：%w", k.prefix, err)
	}
	c, err := g.countyClaims(ctx, ts, r, k, today)
	if err != nil {
		return fmt.Errorf("%s学分认定：%w", k.prefix, err)
	}
	pl, err := g.countyPlans(ctx, ts, k, year)
	if err != nil {
		return fmt.Errorf("%s校本研修方案：%w", k.prefix, err)
	}
	more, err := g.countyPlansFiled(ctx, ts, k, year)
	if err != nil {
		return fmt.Errorf("%s校本研修方案：%w", k.prefix, err)
	}
	pr, err := g.countyPrograms(ctx, ts, r, k, year)
	if err != nil {
		return fmt.Errorf("%s培训项目：%w", k.prefix, err)
	}
	logf(log, "%s：学分记录 %d 条，学分认定申请 %d 件，校本研修方案 %d 份，培训项目 %d 个", k.prefix, n, c, pl+more, pr)
	return nil
}

// cityTraining writes one city's quota programme, 校本研修示范校 and talent
// tiers, and logs what it wrote.
func (g *gen) cityTraining(ctx context.Context, t Target, r *rand.Rand, c *city, from, year int, log io.Writer) error {
	if err := g.cityQuotaProgram(ctx, t.Training, r, c, year); err != nil {
		return fmt.Errorf("%s按名额推荐的培训项目：%w", c.name, err)
	}
	n, err := g.cityModelSchools(ctx, t, r, c, year)
	if err != nil {
		return fmt.Errorf("%s校本研修示范校：%w", c.name, err)
	}
	logf(log, "%s：校本研修示范校 %d 所（目标 40 所）", c.name, n)
	if n, err = g.writeTalent(ctx, t, c, from, year); err != nil {
		return fmt.Errorf("%s人才梯队：%w", c.name, err)
	}
	logf(log, "%s：骨干教师认定与卓越教师 %d 人次", c.name, n)
	return nil
}

// cityCreditRules sets the cycle rules from 学年 from (as the region would
// have then) and the per-category conversion and caps.
func cityCreditRules(ctx context.Context, t Target, city string, from int) error {
	then := time.Date(from, 9, 1, 8, 0, 0, 0, time.UTC)
	ps := &policy.Service{DB: t.Policy.DB, Now: func() time.Time { return then }}
	for k, v := range map[policy.RuleKey]float64{policy.RuleTeacherCreditCycleStartYear: float64(from),
		policy.RuleTeacherCreditsPerYearMin: 24} {
		if err := ps.SetValue(ctx, builder, city, k, v, from, "演示：浙江每年不少于 24 学分", 0); err != nil {
			return err
		}
	}
	return t.Training.DB.Write(ctx, func(tx *db.Tx) error {
		for _, r := range demoCreditRules {
			r.RegionCode, r.FromYear = city, from
			if _, err := credit.SetRule(ctx, tx, builder, r); err != nil {
				return err
			}
		}
		return nil
	})
}
