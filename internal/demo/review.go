package demo

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
)

// reviewDemo is the city's review work as the demo writes it.
type reviewDemo struct {
	svc     review.Service // a copy whose clock each phase sets
	mgr     app.Actor      // the city bureau, organising
	today   time.Time
	experts []*person
	paths   map[int64]string // school id -> org path
}

// at runs the service as if it were days from today.
func (d *reviewDemo) at(days int) *review.Service {
	s := d.svc
	t := d.today.AddDate(0, 0, days)
	s.Now = func() time.Time { return t }
	return &s
}

func (d *reviewDemo) date(days int) string {
	return d.today.AddDate(0, 0, days).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
}

// writeReview fills the first city's review work: a 专家库 of its
// experts; a 课题申报 run to its final list (立项) with certificates; a
// blind 评比 at the scoring stage with tasks waiting for demo.expert; and
// a 比拼 round taking submissions.
func (g *gen) writeReview(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	base := t.Review
	if base == nil {
		base = &review.Service{DB: t.Org.DB, Policy: t.Policy}
	}
	if base.Auth == nil {
		base.Auth = t.Auth
	}
	if base.Policy == nil {
		base.Policy = &policy.Service{DB: t.Org.DB}
	}
	c := g.cities[0]
	mgr, err := publisher(ctx, t.Org.DB, c.name+"教育局", 0)
	if err != nil {
		return err
	}
	mgr.Perms = app.Perms(review.PermCampaignManage, review.PermExpertManage, review.PermRecommend)
	d := &reviewDemo{svc: *base, mgr: mgr, today: t.today(), paths: map[int64]string{}}
	if err := g.writePool(ctx, d); err != nil {
		return fmt.Errorf("专家库：%w", err)
	}
	if err := g.writeOutsideExpert(ctx, d, sum); err != nil {
		return fmt.Errorf("外部专家：%w", err)
	}
	steps := []struct {
		name string
		run  func(context.Context, *reviewDemo) (string, error)
	}{{"课题申报", g.writeProjectCall}, {"评比", g.writeAward}, {"比拼", g.writeContest}}
	for _, s := range steps {
		note, err := s.run(ctx, d)
		if err != nil {
			return fmt.Errorf("%s：%w", s.name, err)
		}
		logf(log, "%s：%s", s.name, note)
	}
	return nil
}

// cityPeople are the first city's school staff passing keep.
func (g *gen) cityPeople(keep func(*person) bool) []*person {
	var out []*person
	for _, x := range g.people {
		if x.id != 0 && x.school != nil && x.school.id != 0 && x.school.county != nil && x.school.county.city == g.cities[0] && keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// writePool puts the city's experts (and demo.expert) in the bureau's pool.
func (g *gen) writePool(ctx context.Context, d *reviewDemo) error {
	demoExpert := g.expert()
	d.experts = g.cityPeople(func(x *person) bool { return x.p.Expert && x.p.ResearcherKind == "" })
	if demoExpert != nil && demoExpert.id != 0 && !containsPerson(d.experts, demoExpert) {
		d.experts = append(d.experts, demoExpert)
	}
	for i, x := range d.experts {
		load := 6
		if x == demoExpert {
			load = 12
		}
		_, err := d.at(-120).JoinPool(ctx, d.mgr, review.Expert{PersonID: x.id, PoolOrgID: d.mgr.OrgID, Subjects: x.p.Subjects,
			Stages: x.p.Stages, Senior: x.p.Title == "principal" || i%4 == 0, MaxLoad: load}, "学校推荐，市教育局审核入库")
		if err != nil {
			return err
		}
	}
	return nil
}

// writeOutsideExpert puts a university expert (no person record) in the
// pool in demo.expert's subject, so the 评比 draws on them too, and opens
// their account demo.outside, listed with the sample accounts.
func (g *gen) writeOutsideExpert(ctx context.Context, d *reviewDemo, sum *Summary) error {
	me := g.expert()
	if me == nil || d.svc.Auth == nil || sum == nil {
		return nil
	}
	id, err := d.at(-100).JoinPool(ctx, d.mgr, review.Expert{Name: "周明华", Affiliation: "温州大学教师教育学院", PoolOrgID: d.mgr.OrgID,
		Subjects: me.p.Subjects, Stages: me.p.Stages, Topics: []string{"课堂教学评价"}, Senior: true, MaxLoad: 8}, "高校专家，市教育局聘请入库")
	if err != nil {
		return err
	}
	opener := d.mgr
	opener.Roles = []string{auth.RoleCityAdmin}
	opener.Perms = app.Perms(review.PermExpertManage, auth.PermAccountManage)
	acc, err := d.at(-100).OpenExpertAccount(ctx, opener, id, "demo.outside")
	if err != nil {
		return err
	}
	sum.Accounts = append(sum.Accounts, Account{Username: acc.Username, Password: acc.Password, Role: auth.RoleExpert,
		RoleName: "外部专家", Person: "周明华（温州大学教师教育学院，无人员档案）", Sees: "仅本人的评审任务（不见任何区域数据）"})
	return nil
}

// seniorFirst orders 高级 and 正高级 teachers before the others.
func seniorFirst(x *person) int {
	if x.p.Title == "senior" || x.p.Title == "principal" {
		return 0
	}
	return 1
}

// covered reports whether some pool expert of another school takes the
// person's subject.
func (d *reviewDemo) covered(x *person) bool {
	for _, e := range d.experts {
		if e.school != x.school && slices.Contains(e.p.Subjects, x.subject()) {
			return true
		}
	}
	return false
}

func containsPerson(ps []*person, x *person) bool {
	for _, p := range ps {
		if p == x {
			return true
		}
	}
	return false
}

// actorOf is a teacher of the demo signed in, for the service.
func (d *reviewDemo) actorOf(ctx context.Context, x *person, perms ...app.Perm) (app.Actor, error) {
	path, ok := d.paths[x.school.id]
	if !ok {
		err := d.svc.DB.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", x.school.id).Scan(&path)
		})
		if err != nil {
			return app.Actor{}, err
		}
		d.paths[x.school.id] = path
	}
	return app.Actor{Username: "演示数据", PersonID: x.id, OrgID: x.school.id, OrgPath: path, Perms: app.Perms(perms...),
		Scope: app.Scope{SelfPersonID: x.id}, IP: "本机"}, nil
}

// submitAll drafts and submits one entry by each author at day, and
// passes the 形式审查 when pass.
func (d *reviewDemo) submitAll(ctx context.Context, campaign int64, day int, authors []*person, title func(*person) string, pass bool) ([]int64, error) {
	var ids []int64
	for _, x := range authors {
		a, err := d.actorOf(ctx, x, review.PermSubmit)
		if err != nil {
			return nil, err
		}
		s, name := d.at(day), title(x)
		id, _, err := s.SaveDraft(ctx, a, review.Submission{CampaignID: campaign, Title: name, Subject: x.subject(), Stage: x.stage(),
			Content: name + "：问题的提出、研究目标、研究内容与方法、预期成果。"})
		if err == nil {
			err = s.Submit(ctx, a, id)
		}
		if err == nil && pass {
			err = s.FormalCheck(ctx, d.mgr, id, true, "")
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// scoreTasks has every expert but skip score all their open tasks in the
// campaign at day: scores spread by submission and expert.
func (d *reviewDemo) scoreTasks(ctx context.Context, campaign int64, day int, skip *person) (int, error) {
	done := 0
	for i, x := range d.experts {
		if x == skip {
			continue
		}
		a, err := d.actorOf(ctx, x, review.PermScore)
		if err != nil {
			return 0, err
		}
		s := d.at(day)
		tasks, err := s.MyTasks(ctx, a)
		if err != nil {
			return 0, err
		}
		for _, task := range tasks {
			if task.CampaignID != campaign || task.Status == review.AsDone {
				continue
			}
			if err := s.Declare(ctx, a, task.ID, false, ""); err != nil {
				return 0, err
			}
			if task, err = s.FindTask(ctx, a, task.ID); err != nil {
				return 0, err
			}
			var scores []float64
			for j, it := range task.Rubric {
				f := 0.6 + float64((int(task.Submission.ID)*7+i*3+j)%40)/100
				scores = append(scores, float64(int(f*float64(it.Max))))
			}
			if _, err := s.SaveScores(ctx, a, review.ScoreForm{Task: task.ID, Version: task.Version, Scores: scores,
				Comment: "选题有现实意义，设计较规范。", Final: true}); err != nil {
				return 0, err
			}
			done++
		}
	}
	return done, nil
}

var projectRubric = []review.RubricItem{{Name: "选题价值", Max: 25}, {Name: "研究设计", Max: 35}, {Name: "研究基础", Max: 20}, {Name: "预期成果", Max: 20}}

// writeProjectCall runs a 课题申报 from the call to the final list (立项).
func (g *gen) writeProjectCall(ctx context.Context, d *reviewDemo) (string, error) {
	id, err := d.at(-95).CreateCampaign(ctx, d.mgr, review.Campaign{Kind: review.KindProjectApply, Title: g.cities[0].name + "教育科学规划课题申报",
		CallText: "围绕课堂教学改革、作业设计与评价改革等方向申报，每项课题须有明确的研究问题与实施计划。", OrgID: d.mgr.OrgID,
		Opens: d.date(-90), Closes: d.date(-60), ReviewDue: d.date(-45), Reviewers: 3, Method: review.MethodMean, AwardQuota: 6,
		OutlierGap: 15}, projectRubric)
	if err != nil {
		return "", err
	}
	authors := g.cityPeople(func(x *person) bool { return !x.p.Expert && x.p.ResearcherKind == "" && d.covered(x) })
	slices.SortStableFunc(authors, func(a, b *person) int { return seniorFirst(a) - seniorFirst(b) })
	authors = firstN(authors, 12)
	if len(authors) == 0 {
		return "专家库不覆盖任何教师的学科，未申报", nil
	}
	subs, err := d.submitAll(ctx, id, -75, authors, func(x *person) string { return x.subject() + "学科单元整体教学设计的实践研究" }, true)
	if err != nil {
		return "", err
	}
	if _, err := d.at(-58).Assign(ctx, d.mgr, id, nil); err != nil {
		return "", err
	}
	scored, err := d.scoreTasks(ctx, id, -50, nil)
	if err != nil || scored == 0 {
		return "未能分配专家", err
	}
	if _, err := d.at(-44).AggregateCampaign(ctx, d.mgr, id); err != nil {
		return "", err
	}
	if err := d.at(-42).StartPublicity(ctx, d.mgr, id, d.date(-42), d.date(-36)); err != nil {
		return "", err
	}
	n, err := d.at(-35).Finalize(ctx, d.mgr, id)
	if err != nil {
		return "", err
	}
	year := dict.SchoolYearOf(d.today.AddDate(0, 0, -30))
	if _, err := d.at(-30).Establish(ctx, d.mgr, review.Establishment{Campaign: id, Level: review.LevelCity, Year: year,
		DueOpen: d.date(-5), DueMid: d.date(150), DueEnd: d.date(330)}); err != nil {
		return "", err
	}
	projects, _, err := d.svc.FindProjects(ctx, d.mgr, review.ProjectFilter{Limit: 50})
	if err != nil || len(projects) == 0 {
		return "", err
	}
	// two have held their 开题, the rest are due (one overdue on the bureau's table).
	for _, p := range projects[:min(2, len(projects))] {
		if err := d.at(-10).Advance(ctx, d.mgr, p.ID, p.Version, d.date(-10), "开题论证会通过", ""); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d 项申报，%d 项入选并发证书，立项 %d 项（如 %s 主持的课题，见其人员档案）", len(subs), n, len(projects), projects[0].Leader), nil
}

// writeAward is a blind 评比 at the scoring stage: the other experts have
// scored, demo.expert's tasks are waiting.
func (g *gen) writeAward(ctx context.Context, d *reviewDemo) (string, error) {
	me := g.expert()
	id, err := d.at(-35).CreateCampaign(ctx, d.mgr, review.Campaign{Kind: review.KindAward, Title: g.cities[0].name + "优秀教学案例评比",
		CallText: "每校限报 2 项，匿名评审。", OrgID: d.mgr.OrgID, Opens: d.date(-30), Closes: d.date(-10), ReviewDue: d.date(7),
		SchoolQuota: 2, Reviewers: 3, Blind: true, AvoidCounty: false, Method: review.MethodTrimmed, AwardQuota: 5, AwardCategory: "cases", OutlierGap: 15},
		[]review.RubricItem{{Name: "案例主题", Max: 30}, {Name: "过程与方法", Max: 40}, {Name: "成效与反思", Max: 30}})
	if err != nil {
		return "", err
	}
	// entries in demo.expert's subject, more than the others in it can
	// take, so demo.expert is needed.
	capacity := 0
	for _, x := range d.experts {
		if x != me && me != nil && x.subject() == me.subject() {
			capacity += 6
		}
	}
	n := min(capacity/3+4, 40)
	perSchool := map[int64]int{}
	authors := firstN(g.cityPeople(func(x *person) bool {
		if x.p.Expert || x.p.ResearcherKind != "" || x.p.Title == "senior" || perSchool[x.school.id] >= 2 || me == nil || x.subject() != me.subject() {
			return false
		}
		perSchool[x.school.id]++
		return true
	}), n)
	n = 0 // titles carry no names: the 评比 is blind
	subs, err := d.submitAll(ctx, id, -20, authors, func(x *person) string {
		n++
		return fmt.Sprintf("%s课堂教学案例第%d号", x.subject(), n)
	}, false)
	if err != nil || len(subs) == 0 {
		return "无申报", err
	}
	for _, sid := range subs {
		if err := d.at(-20).Recommend(ctx, schoolRecommender(d, sid), id, review.LevelSchool, []int64{sid}); err != nil {
			return "", err
		}
		if err := d.at(-8).FormalCheck(ctx, d.mgr, sid, true, ""); err != nil {
			return "", err
		}
	}
	out, err := d.at(-5).Assign(ctx, d.mgr, id, nil)
	if err != nil {
		return "", err
	}
	done, err := d.scoreTasks(ctx, id, -2, me)
	return fmt.Sprintf("%d 项申报，%d 份评审邀请，%d 份已评分", len(subs), out.Pairs, done), err
}

// schoolRecommender is the bureau acting as the school's recommender (the
// demo has no school administrator account at every school).
func schoolRecommender(d *reviewDemo, _ int64) app.Actor {
	a := d.mgr
	a.Perms = app.Perms(review.PermRecommend, review.PermCampaignManage)
	return a
}

var contestRubric = []review.RubricItem{{Name: "目标与主题", Max: 30}, {Name: "实施安排", Max: 40}, {Name: "保障与评价", Max: 30}}

// writeContest sets the city's rotation rule (last 学年 中学, this 学年
// 小学) and the phase weights (30/30/40), runs last 学年's 中学 round
// through all three phases to its standing, and opens this 学年's 小学
// round, its 方案比拼 taking submissions.
func (g *gen) writeContest(ctx context.Context, d *reviewDemo) (string, error) {
	year := dict.SchoolYearOf(d.today.AddDate(0, 0, -3))
	sys := app.System("演示数据", auth.PermRegionEdit)
	code := g.cities[0].code
	// the bureau set these rules last 学年, before that round.
	pol := *d.svc.Policy
	pol.Now = func() time.Time { return time.Date(year-1, 9, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)) }
	if err := pol.SetValue(ctx, sys, code, policy.RuleContestRotationStartYear, float64(year-1), year-1, "演示：上一学年由中学开展", 0); err != nil {
		return "", err
	}
	for i, k := range review.PhaseWeightRules {
		if err := pol.SetValue(ctx, sys, code, k, []float64{30, 30, 40}[i], year-1, "演示：方案 30%、现场展示 30%、成效 40%", 0); err != nil {
			return "", err
		}
	}
	last, err := g.pastRound(ctx, d, year-1)
	if err != nil {
		return "", fmt.Errorf("上一学年比拼：%w", err)
	}
	note, err := g.currentRound(ctx, d, year)
	return fmt.Sprintf("上一学年中学比拼 %d 所学校三阶段评完；%s", last, note), err
}

// dayOf is the offset in days from today of date (2025-09-10).
func (d *reviewDemo) dayOf(date string) int {
	t, _ := time.ParseInLocation("2006-01-02", date, time.FixedZone("CST", 8*3600))
	return int(t.Sub(d.today).Hours() / 24)
}

// pastRound runs year's 中学 round: six schools enter each phase (the
// last one skips 成效比拼), the pool scores them and each phase is
// aggregated, publicised and its final list set. It returns how many schools took part.
func (g *gen) pastRound(ctx context.Context, d *reviewDemo, year int) (int, error) {
	dates := [3][2]string{{fmt.Sprintf("%d-09-10", year), fmt.Sprintf("%d-09-30", year)},
		{fmt.Sprintf("%d-11-01", year), fmt.Sprintf("%d-11-20", year)}, {fmt.Sprintf("%d-12-20", year), fmt.Sprintf("%d-01-10", year+1)}}
	_, ids, err := d.at(d.dayOf(dates[0][0])-5).CreateContestRound(ctx, d.mgr, review.ContestRound{OrgID: d.mgr.OrgID,
		Term: fmt.Sprintf("%d学年", year), Reviewers: 2, Rubrics: [3][]review.RubricItem{contestRubric, contestRubric, contestRubric}, Dates: dates,
		ReviewDue: [3]string{fmt.Sprintf("%d-10-15", year), fmt.Sprintf("%d-12-05", year), fmt.Sprintf("%d-01-25", year+1)}})
	if err != nil {
		return 0, err
	}
	seen := map[int64]bool{}
	schools := firstN(g.cityPeople(func(x *person) bool {
		st := x.stage()
		if st != "junior" && st != "senior" || seen[x.school.id] || x.p.Expert || x.p.ResearcherKind != "" || !d.covered(x) {
			return false
		}
		seen[x.school.id] = true
		return true
	}), 6)
	for p, id := range ids {
		open := d.dayOf(dates[p][0])
		entrants := schools
		if p == 2 && len(entrants) > 1 {
			entrants = entrants[:len(entrants)-1]
		}
		subs, err := d.submitAll(ctx, id, open+1, entrants, func(x *person) string { return x.school.name + review.ContestPhaseNames[p] }, false)
		if err != nil {
			return 0, err
		}
		for _, sid := range subs {
			if err := d.at(open+2).Recommend(ctx, schoolRecommender(d, sid), id, review.LevelSchool, []int64{sid}); err != nil {
				return 0, err
			}
			if err := d.at(open+3).FormalCheck(ctx, d.mgr, sid, true, ""); err != nil {
				return 0, err
			}
		}
		if len(subs) == 0 {
			continue
		}
		if _, err := d.at(d.dayOf(dates[p][1])+1).Assign(ctx, d.mgr, id, nil); err != nil {
			return 0, err
		}
		if _, err := d.scoreTasks(ctx, id, d.dayOf(dates[p][1])+3, nil); err != nil {
			return 0, err
		}
		if _, err := d.at(d.dayOf(dates[p][1])+6).AggregateCampaign(ctx, d.mgr, id); err != nil {
			return 0, err
		}
		if err := d.publishPhase(ctx, id, d.dayOf(dates[p][1])+6); err != nil {
			return 0, err
		}
	}
	return len(schools), nil
}

// currentRound opens year's 小学 round when its three phases fit in the
// 学年 from today (方案比拼 now, 现场展示 and 成效比拼 later), with six
// schools' 方案 in.
func (g *gen) currentRound(ctx context.Context, d *reviewDemo, year int) (string, error) {
	dates := [3][2]string{{d.date(-3), d.date(20)}, {d.date(30), d.date(50)}, {d.date(60), d.date(80)}}
	if dict.SchoolYearOf(d.today.AddDate(0, 0, 80)) != year {
		return "本学年余下时间不足三个阶段，未发布本学年比拼", nil
	}
	_, ids, err := d.at(-3).CreateContestRound(ctx, d.mgr, review.ContestRound{OrgID: d.mgr.OrgID, Term: fmt.Sprintf("%d学年", year),
		Reviewers: 3, Rubrics: [3][]review.RubricItem{contestRubric, contestRubric, contestRubric}, Dates: dates,
		ReviewDue: [3]string{d.date(27), d.date(57), d.date(87)}})
	if err != nil {
		return "", err
	}
	seen := map[int64]bool{}
	authors := firstN(g.cityPeople(func(x *person) bool {
		if x.stage() != "primary" || x.p.Title != "principal" && x.p.Title != "senior" || seen[x.school.id] || x.p.Expert {
			return false
		}
		seen[x.school.id] = true
		return true
	}), 6)
	subs, err := d.submitAll(ctx, ids[0], -1, authors, func(x *person) string { return x.school.name + "校本研修方案" }, false)
	return fmt.Sprintf("本学年小学比拼：%d 所学校已提交方案", len(subs)), err
}

func firstN(ps []*person, n int) []*person {
	if len(ps) > n {
		return ps[:n]
	}
	return ps
}
