package demo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/app"
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
		n, err := g.countyLedger(ctx, t.Training.DB, r, k, from, year, today)
		if err != nil {
			return fmt.Errorf("%s学分台账：%w", k.prefix, err)
		}
		c, err := g.countyClaims(ctx, t.Training, r, k, today)
		if err != nil {
			return fmt.Errorf("%s学分认定：%w", k.prefix, err)
		}
		pl, err := g.countyPlans(ctx, t.Training, k, year)
		if err != nil {
			return fmt.Errorf("%s校本研修方案：%w", k.prefix, err)
		}
		pr, err := g.countyPrograms(ctx, t.Training, r, k, year)
		if err != nil {
			return fmt.Errorf("%s培训项目：%w", k.prefix, err)
		}
		logf(log, "%s：学分记录 %d 条，学分认定申请 %d 件，校本研修方案 %d 份，培训项目 %d 个", k.prefix, n, c, pl, pr)
	}
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

// demoItems are the kinds of item a teacher's year is made of.
var demoItems = []struct{ category, title string }{
	{credit.CategorySchoolBased, "校本研修：%s教研组主题研修"}, {credit.CategoryCentralized, "%s学科县级集中培训"},
	{credit.CategoryOnline, "国家智慧教育平台%s网络研修"}, {credit.CategoryActivity, "县%s教研活动"},
}

// countyLedger writes the county's school teachers' entries for 学年
// from..year; the current year counts only the part already gone.
func (g *gen) countyLedger(ctx context.Context, d *db.DB, r *rand.Rand, k *county, from, year int, today time.Time) (int, error) {
	var es []credit.Entry
	for _, s := range g.schools {
		if s.county != k || s.id == 0 {
			continue
		}
		for _, x := range s.teachers {
			for y := from; y <= year; y++ {
				es = append(es, teacherYear(r, x, y, yearShare(y, year, today))...)
			}
		}
	}
	return len(es), d.Write(ctx, func(tx *db.Tx) error { return credit.AddMany(ctx, tx, es) })
}

// yearShare is how much of 学年 y has gone by today.
func yearShare(y, current int, today time.Time) float64 {
	if y < current {
		return 1
	}
	start := time.Date(y, 9, 1, 0, 0, 0, 0, time.UTC)
	return math.Min(1, math.Max(0.05, today.Sub(start).Hours()/(365*24)))
}

// teacherYear is one teacher's entries of a 学年: about 36 学分 a year
// (one in seven well under 24), in 2 to 4 items.
func teacherYear(r *rand.Rand, x *person, y int, share float64) []credit.Entry {
	credits := math.Max(4, 36+r.NormFloat64()*9)
	if r.IntN(7) == 0 {
		credits = 6 + r.Float64()*14
	}
	hours := math.Round(credits * 10 * share)
	n := 2 + r.IntN(3)
	var out []credit.Entry
	for i := range n {
		it := demoItems[(i+r.IntN(len(demoItems)))%len(demoItems)]
		h := math.Round(hours / float64(n))
		if it.category == credit.CategoryActivity {
			h *= 2 // practice counts 20 学时 a 学分
		}
		if h <= 0 {
			continue
		}
		day := time.Date(y, 9, 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(300*share*float64(i+1)/float64(n+1)))
		out = append(out, credit.Entry{PersonID: x.id, SchoolYear: y, Date: day.Format("2006-01-02"), Category: it.category,
			Title: fmt.Sprintf(it.title, orDefault(x.subject(), "综合")), Hours: h, Source: "program", State: credit.StateApproved,
			CreatedBy: builder.Username})
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// demoPNG is a certificate image stand-in: the PNG signature and a header.
var demoPNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 120)...)

// countyClaims files six claims in the county's first schools with
// teachers: three wait at the school, two at the county, one is returned.
func (g *gen) countyClaims(ctx context.Context, ts *training.Service, r *rand.Rand, k *county, today time.Time) (int, error) {
	n := 0
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || len(s.teachers) == 0 || n >= 6 {
			continue
		}
		x := s.teachers[r.IntN(len(s.teachers))]
		id, err := fileClaim(ctx, ts, x, today.AddDate(0, 0, -10-r.IntN(40)), n)
		if err != nil {
			return n, err
		}
		head := app.Actor{Username: builder.Username, OrgID: s.id, Perms: app.Perms(training.PermClaimApprove), Scope: app.Scope{All: true}}
		switch n % 6 {
		case 3, 4:
			_, err = ts.ApproveClaims(ctx, head, []int64{id})
		case 5:
			err = ts.ReturnClaim(ctx, head, id, "证书照片不清晰，请重新上传")
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

var demoClaims = []struct{ title, organiser, level string }{
	{"浙江省中小学教师专业发展培训", "浙江省教育厅", credit.LevelProvince}, {"国培计划骨干教师示范项目", "教育部", credit.LevelNational},
	{"温州市新课标解读专题培训", "温州市教育局", credit.LevelCity}, {"跨区域跟岗学习", "杭州市上城区教育发展研究院", credit.LevelCity},
	{"全国中小学班主任研修", "中国教育学会", credit.LevelNational}, {"省级学科带头人高级研修班", "浙江师范大学", credit.LevelProvince},
}

func fileClaim(ctx context.Context, ts *training.Service, x *person, end time.Time, i int) (int64, error) {
	c := demoClaims[i%len(demoClaims)]
	a := app.Actor{Username: builder.Username, PersonID: x.id, Perms: app.Perms(training.PermClaimCreate),
		Scope: app.Scope{SelfPersonID: x.id}}
	return ts.CreateClaim(ctx, a, training.Claim{Category: credit.CategoryExternal, Level: c.level, Title: c.title,
		Organiser: c.organiser, StartDate: end.AddDate(0, 0, -2).Format("2006-01-02"), EndDate: end.Format("2006-01-02"),
		Hours: float64(16 + 8*(i%3))}, "证书.png", bytes.NewReader(demoPNG))
}

// planStates are the states the demo's plans are left in, school by school.
var planStates = []string{training.PlanDraft, training.PlanSubmitted, training.PlanFiled, training.PlanReturned,
	training.PlanSubmitted, training.PlanFiled}

// countyPlans writes this 学年's 1+x plans of the county's first schools,
// left as drafts, waiting for 备案, filed and returned.
func (g *gen) countyPlans(ctx context.Context, ts *training.Service, k *county, year int) (int, error) {
	n := 0
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || s.kind == kPoint || n >= len(planStates) {
			continue
		}
		a := app.Actor{Username: builder.Username, OrgID: s.id, Perms: app.Perms(training.PermPlanEdit, training.PermPlanReview),
			Scope: app.Scope{All: true}}
		id, err := ts.SavePlan(ctx, a, demoPlan(s, year))
		if err != nil {
			return n, err
		}
		if err := leavePlan(ctx, ts, a, k, id, planStates[n]); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func demoPlan(s *school, year int) training.Plan {
	return training.Plan{OrgID: s.id, SchoolYear: year, PublicFunds: 120, TrainingFunds: float64(9 + len(s.name)%5),
		Themes: []training.Theme{
			{Kind: "school", Title: "指向核心素养的课堂转型", Domain: "teacher", Forms: []string{"reflection", "expert"}},
			{Kind: "group", GroupName: "语文组", Title: "整本书阅读教学", Domain: "student", Forms: []string{"peer", "online"}},
			{Kind: "group", GroupName: "数学组", Title: "大单元作业设计", Domain: "student", Forms: []string{"peer"}},
		},
		Activities: []training.Activity{{Month: 9, Title: "研修主题启动会"}, {Month: 10, Title: "同课异构"}, {Month: 11, Title: "专家进校指导"},
			{Month: 12, Title: "学期研修成果展示"}}}
}

// leavePlan moves a saved plan to state, the county's bureau deciding.
func leavePlan(ctx context.Context, ts *training.Service, school app.Actor, k *county, id int64, state string) error {
	if state == training.PlanDraft {
		return nil
	}
	if err := ts.SubmitPlan(ctx, school, id, 1); err != nil || state == training.PlanSubmitted {
		return err
	}
	bureau := school
	var err error
	if bureau.OrgID, err = bureauID(ctx, ts, k.code); err != nil {
		return err
	}
	return ts.ReviewPlan(ctx, bureau, id, 2, state == training.PlanFiled, map[bool]string{true: "", false: "请补充各教研组的月度活动安排"}[state == training.PlanFiled])
}

// bureauID is the 教育局 of a county.
func bureauID(ctx context.Context, ts *training.Service, region string) (int64, error) {
	var id int64
	err := ts.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT id FROM orgs WHERE region_code = ? AND kind = 'bureau' ORDER BY id LIMIT 1", region).Scan(&id)
	})
	return id, err
}

// countyPrograms writes the county's programs of this 学年: a completed
// 骨干 program with thirty of its teachers, a 新任教师 programme open for
// sign-up with a few sign-ups, and a completed 研训人员 programme.
func (g *gen) countyPrograms(ctx context.Context, ts *training.Service, r *rand.Rand, k *county, year int) (int, error) {
	id, err := bureauID(ctx, ts, k.code)
	if err != nil {
		return 0, err
	}
	mgr := app.Actor{Username: builder.Username, OrgID: id, Perms: app.Perms(training.PermProgramManage, training.PermCreditView),
		Scope: app.Scope{All: true}}
	var teachers []*person
	for _, s := range g.schools {
		if s.county == k && s.id != 0 {
			teachers = append(teachers, s.teachers...)
		}
	}
	progs := []struct {
		p        training.Program
		n        int
		complete bool
	}{
		{training.Program{Title: k.prefix + "骨干教师能力提升研修班", Kind: "tier", Tier: "backbone", Hours: 48, Budget: 12, Provider: "温州大学教师教育学院", Open: true}, 30, true},
		{training.Program{Title: k.prefix + "新任教师岗前培训", Kind: "new_teacher", Tier: "new", Hours: 40, Budget: 6, Provider: k.prefix + "教师发展中心", Open: true}, 5, false},
		{training.Program{Title: k.prefix + "研训人员能力提升培训", Kind: "trainer", Hours: 24, Budget: 4, Provider: "浙江师范大学", Open: true}, 12, true},
	}
	for _, x := range progs {
		x.p.SchoolYear = year
		pid, err := ts.CreateProgram(ctx, mgr, x.p)
		if err != nil {
			return 0, err
		}
		for i := 0; i < x.n && len(teachers) > 0; i++ {
			t := teachers[r.IntN(len(teachers))]
			a := app.Actor{Username: builder.Username, PersonID: t.id, OrgID: id, Perms: app.Perms(training.PermCreditView), Scope: app.Scope{All: true}}
			if err := ts.SignUp(ctx, a, pid); err != nil && app.ErrorCode(err) != app.EINVALID {
				return 0, err
			}
		}
		if x.complete {
			if _, err := ts.CompleteProgram(ctx, mgr, pid, 1); err != nil {
				return 0, err
			}
		}
	}
	return len(progs), nil
}
