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
func (g *gen) writeReview(ctx context.Context, t Target, log io.Writer, _ *Summary) error {
	base := t.Review
	if base == nil {
		base = &review.Service{DB: t.Org.DB, Policy: t.Policy}
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
	return fmt.Sprintf("%d 项申报，%d 项立项并发证书", len(subs), n), err
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

// writeContest sets the city's rotation rule (this 学年 is 小学's) and
// opens a 比拼 round (学期初方案比拼) taking submissions.
func (g *gen) writeContest(ctx context.Context, d *reviewDemo) (string, error) {
	year := dict.SchoolYearOf(d.today.AddDate(0, 0, -3))
	err := d.svc.Policy.SetValue(ctx, app.System("演示数据", auth.PermRegionEdit), g.cities[0].code, policy.RuleContestRotationStartYear,
		float64(year-1), year, "演示：上一学年由中学开展", 0)
	if err != nil {
		return "", err
	}
	id, err := d.at(-3).CreateCampaign(ctx, d.mgr, review.Campaign{Kind: review.KindContest, Title: g.cities[0].name + "学期初校本研修方案比拼（小学）",
		CallText: "本学年由小学开展：各小学提交本学期校本研修方案，学期中现场展示，学期末成效比拼。", OrgID: d.mgr.OrgID, Opens: d.date(-3), Closes: d.date(20),
		ReviewDue: d.date(30), SchoolQuota: 1, Reviewers: 3, Method: review.MethodMean},
		[]review.RubricItem{{Name: "目标与主题", Max: 30}, {Name: "实施安排", Max: 40}, {Name: "保障与评价", Max: 30}})
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
	subs, err := d.submitAll(ctx, id, -1, authors, func(x *person) string { return x.school.name + "校本研修方案" }, false)
	return fmt.Sprintf("%d 所学校已提交方案", len(subs)), err
}

func firstN(ps []*person, n int) []*person {
	if len(ps) > n {
		return ps[:n]
	}
	return ps
}
