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
		more, err := g.countyPlansFiled(ctx, t.Training, k, year)
		if err != nil {
			return fmt.Errorf("%s校本研修方案：%w", k.prefix, err)
		}
		pl += more
		pr, err := g.countyPrograms(ctx, t.Training, r, k, year)
		if err != nil {
			return fmt.Errorf("%s培训项目：%w", k.prefix, err)
		}
		logf(log, "%s：学分记录 %d 条，学分认定申请 %d 件，校本研修方案 %d 份，培训项目 %d 个", k.prefix, n, c, pl, pr)
	}
	for _, c := range g.cities {
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
// left as drafts, waiting for 备案, filed and returned, in one transaction
// with the county's other plans (countyPlansFiled).
func (g *gen) countyPlans(ctx context.Context, ts *training.Service, k *county, year int) (int, error) {
	var plans []schoolPlan
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || s.kind == kPoint || len(plans) >= len(planStates) {
			continue
		}
		plans = append(plans, schoolPlan{s, planStates[len(plans)]})
	}
	return len(plans), writePlans(ctx, ts, k, year, plans)
}

// schoolPlan is a school whose plan the demo leaves in state.
type schoolPlan struct {
	s     *school
	state string
}

// writePlans saves the plans of the county's schools and moves each to
// its state, the county's bureau deciding, all in one transaction through
// the service's Tx variants (same checks, rows and audit entries as the
// pages' calls).
func writePlans(ctx context.Context, ts *training.Service, k *county, year int, plans []schoolPlan) error {
	bureau, err := bureauID(ctx, ts, k.code)
	if err != nil {
		return err
	}
	return ts.DB.Write(ctx, func(tx *db.Tx) error {
		for _, sp := range plans {
			a := app.Actor{Username: builder.Username, OrgID: sp.s.id, Perms: app.Perms(training.PermPlanEdit, training.PermPlanReview),
				Scope: app.Scope{All: true}}
			id, err := ts.SavePlanTx(ctx, tx, a, demoPlan(sp.s, year))
			if err != nil {
				return err
			}
			if err := leavePlan(ctx, tx, ts, a, bureau, id, sp.state); err != nil {
				return err
			}
		}
		return nil
	})
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

// leavePlan moves a saved plan to state inside tx, the county's bureau
// deciding.
func leavePlan(ctx context.Context, tx *db.Tx, ts *training.Service, school app.Actor, bureauID, id int64, state string) error {
	if state == training.PlanDraft {
		return nil
	}
	if err := ts.SubmitPlanTx(ctx, tx, school, id, 1); err != nil || state == training.PlanSubmitted {
		return err
	}
	bureau := school
	bureau.OrgID = bureauID
	note := map[bool]string{true: "", false: "请补充各教研组的月度活动安排"}[state == training.PlanFiled]
	return ts.ReviewPlanTx(ctx, tx, bureau, id, 2, state == training.PlanFiled, note)
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
	for i, x := range progs {
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
		if i == 0 { // the evaluation is answered while the program runs
			if err := demoEvaluation(ctx, ts, r, mgr, pid, teachers); err != nil {
				return 0, err
			}
		}
		if x.complete {
			if _, err := ts.CompleteProgram(ctx, mgr, pid, 1); err != nil {
				return 0, err
			}
		}
	}
	if err := demoNeedsSurveys(ctx, ts, r, mgr, k, year, teachers); err != nil {
		return 0, err
	}
	if err := g.demoAssigned(ctx, ts, mgr, k, year); err != nil {
		return 0, err
	}
	return len(progs) + 1, nil
}

// teacherActor is a teacher of the demo as the service sees them.
func teacherActor(t *person) app.Actor {
	org := int64(0)
	if t.school != nil {
		org = t.school.id
	}
	return app.Actor{Username: builder.Username, PersonID: t.id, OrgID: org, Perms: app.Perms(training.PermCreditView),
		Scope: app.Scope{SelfPersonID: t.id}}
}

// pickWeighted draws an option number (from 1) by the weights.
func pickWeighted(r *rand.Rand, weights ...int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return fmt.Sprint(i + 1)
		}
		n -= w
	}
	return fmt.Sprint(len(weights))
}

var evaluationComments = []string{"希望增加课堂观摩和现场诊断的环节", "专家讲座很有启发，建议提供课件", "集中培训时间与期中考试冲突，建议调整",
	"分组研讨效果好，希望延长", "希望后续有跟踪指导", "案例贴近一线，回校就能用"}

// demoEvaluation sends the 骨干 program's evaluation questionnaire and has
// about four in five of its enrolled answer it, mostly satisfied with a
// spread.
func demoEvaluation(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, pid int64, teachers []*person) error {
	p, err := ts.FindProgramByID(ctx, mgr, pid)
	if err != nil {
		return err
	}
	qs, err := training.ParseQuestions("评分|课程内容的实用性\n评分|授课专家的水平\n单选|培训时长是否合适|偏短;合适;偏长\n多选|收获最大的环节|专家讲座;课例研讨;跟岗实践;成果展示\n填空|改进建议")
	if err != nil {
		return err
	}
	sid, err := ts.CreateSurvey(ctx, mgr, training.Survey{Title: p.Title + "培训评价", ProgramID: pid, Questions: qs})
	if err != nil {
		return err
	}
	return answerSurvey(ctx, ts, r, sid, teachers, 80, 1000, func(q training.Question) []string {
		switch q.Kind {
		case "rating":
			return []string{pickWeighted(r, 2, 5, 15, 40, 38)}
		case "single":
			return []string{pickWeighted(r, 25, 65, 10)}
		case "multiple":
			return []string{fmt.Sprint(1 + r.IntN(2)), fmt.Sprint(3 + r.IntN(2))}
		}
		if r.IntN(3) == 0 {
			return []string{evaluationComments[r.IntN(len(evaluationComments))]}
		}
		return nil
	})
}

// answerSurvey has each of teachers the survey is sent to answer with
// chance pct (in percent), at most limit answers. The questions are read
// once; a teacher outside the population is refused by Answer (not found).
func answerSurvey(ctx context.Context, ts *training.Service, r *rand.Rand, sid int64, teachers []*person, pct, limit int,
	answer func(training.Question) []string) error {
	var qs []training.Question
	n := 0
	return ts.DB.Write(ctx, func(tx *db.Tx) error { // one transaction for the survey's answers
		for _, t := range teachers {
			if n >= limit {
				break
			}
			if r.IntN(100) >= pct {
				continue
			}
			a := teacherActor(t)
			if qs == nil {
				got, _, err := ts.FindSurvey(ctx, a, sid)
				if app.ErrorCode(err) == app.ENOTFOUND {
					continue // not in the population
				}
				if err != nil {
					return err
				}
				qs = got.Questions
			}
			ans := training.Answers{}
			for _, q := range qs {
				if v := answer(q); len(v) > 0 {
					ans[q.ID] = v
				}
			}
			err := ts.AnswerTx(ctx, tx, a, sid, ans)
			if app.ErrorCode(err) == app.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			n++
		}
		return nil
	})
}

var needsComments = []string{"希望多安排同学科的课例研讨", "建议培训放在寒暑假", "希望有大单元教学设计的专题", "农村学校外出培训机会少",
	"希望提供线上回放", "作业设计方面需要专家指导"}

// demoNeedsSurveys sends two needs surveys in the county: one to all its
// teachers (about half answered) and one to one subject and stage (a
// third answered so far).
func demoNeedsSurveys(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, k *county, year int, teachers []*person) error {
	qs, err := training.ParseQuestions("单选|您最需要的培训内容|课堂教学改进;作业与评价设计;信息技术应用;班级管理与德育;教育科研方法" +
		"\n多选|您希望的培训形式|专家讲座;课例研讨;跟岗研修;网络研修;工作坊\n单选|您能接受的集中培训时长|1 天以内;2-3 天;一周;两周以上" +
		"\n评分|对本学年已参加培训的满意度\n填空|其他需求或建议")
	if err != nil {
		return err
	}
	all := training.Survey{Title: fmt.Sprintf("%s%d学年教师培训需求调研", k.prefix, year+1), RegionCode: k.code, Questions: qs}
	var subject, stage string
	for _, t := range teachers {
		if t.subject() != "" && t.stage() != "" {
			subject, stage = t.subject(), t.stage()
			break
		}
	}
	one := training.Survey{Title: fmt.Sprintf("%s%s教师专项培训需求调研", k.prefix, subject), RegionCode: k.code, Subject: subject, Stage: stage,
		Questions: qs}
	for i, sv := range []training.Survey{all, one} {
		sid, err := ts.CreateSurvey(ctx, mgr, sv)
		if err != nil {
			return err
		}
		if err := answerSurvey(ctx, ts, r, sid, teachers, []int{50, 33}[i], 400, func(q training.Question) []string {
			switch q.Kind {
			case "single":
				if len(q.Options) == 5 {
					return []string{pickWeighted(r, 35, 25, 20, 12, 8)}
				}
				return []string{pickWeighted(r, 20, 50, 22, 8)}
			case "multiple":
				return []string{fmt.Sprint(1 + r.IntN(2)), fmt.Sprint(3 + r.IntN(3))}
			case "rating":
				return []string{pickWeighted(r, 3, 7, 25, 40, 25)}
			}
			if r.IntN(4) == 0 {
				return []string{needsComments[r.IntN(len(needsComments))]}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// demoAssigned writes the county's 新班主任 program assigned by school:
// the first schools' admins each assign two teachers; the organiser has
// approved the first schools' and the rest wait.
func (g *gen) demoAssigned(ctx context.Context, ts *training.Service, mgr app.Actor, k *county, year int) error {
	pid, err := ts.CreateProgram(ctx, mgr, training.Program{SchoolYear: year, Title: k.prefix + "新任班主任岗前培训", Kind: "new_head",
		Hours: 24, Budget: 3, Provider: k.prefix + "教师发展中心", EnrolMode: "school"})
	if err != nil {
		return err
	}
	n := 0
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || len(s.teachers) < 3 || n >= 6 {
			continue
		}
		head := app.Actor{Username: builder.Username, OrgID: s.id, Perms: app.Perms(training.PermEnrolAssign, training.PermCreditView),
			Scope: app.Scope{All: true}}
		ids := []int64{s.teachers[len(s.teachers)-1].id, s.teachers[len(s.teachers)-2].id}
		if _, err := ts.Nominate(ctx, head, pid, ids); err != nil {
			return err
		}
		if n < 3 {
			if _, err := ts.DecideEnrolments(ctx, mgr, pid, ids, true, ""); err != nil {
				return err
			}
		}
		n++
	}
	return nil
}

// cityQuotaProgram writes the city's 学科带头人 program with places per
// county: most counties have nominated, some up to their quota; the city
// has approved some, returned one, and the rest wait.
func (g *gen) cityQuotaProgram(ctx context.Context, ts *training.Service, r *rand.Rand, c *city, year int) error {
	id, err := bureauID(ctx, ts, c.code)
	if err != nil {
		return err
	}
	mgr := app.Actor{Username: builder.Username, OrgID: id, Perms: app.Perms(training.PermProgramManage, training.PermCreditView,
		training.PermEnrolAssign), Scope: app.Scope{All: true}}
	pid, err := ts.CreateProgram(ctx, mgr, training.Program{SchoolYear: year, Title: c.name + "学科带头人培养对象高级研修班", Kind: "tier",
		Tier: "leader", Hours: 60, Budget: 20, Provider: "浙江师范大学教师教育学院", EnrolMode: "quota"})
	if err != nil {
		return err
	}
	returned := false
	for i, k := range c.counties {
		quota := 3 + r.IntN(3)
		if err := ts.SetQuota(ctx, mgr, pid, k.code, quota); err != nil {
			return err
		}
		var pool []int64
		for _, s := range g.schools {
			if s.county == k && s.id != 0 && len(s.teachers) > 0 {
				pool = append(pool, s.teachers[0].id)
			}
		}
		want := min(len(pool), []int{quota, quota - 1, 0, quota - 2}[i%4])
		if want <= 0 {
			continue // not nominated yet
		}
		ids := pool[:want]
		if _, err := ts.Nominate(ctx, mgr, pid, ids); err != nil {
			return err
		}
		if i%2 == 0 && len(ids) > 1 {
			if _, err := ts.DecideEnrolments(ctx, mgr, pid, ids[:len(ids)-1], true, ""); err != nil {
				return err
			}
			if !returned {
				returned = true
				if _, err := ts.DecideEnrolments(ctx, mgr, pid, ids[len(ids)-1:], false, "任教年限未满十年，不符合推荐条件"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
