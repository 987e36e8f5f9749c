package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
)

// writeVisits writes a county's visits and training for both 学年, then the
// follow-up work of its links; it returns how many visits it wrote.
func (g *gen) writeVisits(ctx context.Context, ls *liaison.Service, r *rand.Rand, w *work, year int, today time.Time) (int, error) {
	schools := schoolIDs(w.k.schools)
	var visits []liaison.Visit
	var training []liaison.Training
	for _, x := range g.people {
		if x.county != w.k || x.p.ResearcherKind != "fulltime" {
			continue
		}
		visits = append(visits, g.researcherVisits(ctx, ls, r, w, x.id, year, today, schools)...)
		training = append(training, researcherTraining(r, x.id, year, today)...)
	}
	lessons := takeLessons(visits, year)
	n, err := ls.SaveVisits(ctx, worker, visits)
	if err == nil {
		err = writeVisitLessons(ctx, ls.DB, visits, lessons)
	}
	if err == nil {
		_, err = ls.SaveTrainings(ctx, worker, training)
	}
	if err == nil {
		err = g.followUp(ctx, ls, r, w, today)
	}
	return n, err
}

// writeUpperVisits gives the city offices' full-time researchers visits to
// the city's schools and training, without links or stations.
func (g *gen) writeUpperVisits(ctx context.Context, ls *liaison.Service, r *rand.Rand, year int, today time.Time, sum *Summary) error {
	var visits []liaison.Visit
	var training []liaison.Training
	for _, x := range g.people {
		if x.county != nil || x.p.ResearcherKind != "fulltime" {
			continue
		}
		w := &work{k: g.counties[r.IntN(len(g.counties))]}
		visits = append(visits, g.researcherVisits(ctx, ls, r, w, x.id, year, today, schoolIDs(w.k.schools))...)
		training = append(training, researcherTraining(r, x.id, year, today)...)
	}
	if len(visits) == 0 {
		return nil
	}
	lessons := takeLessons(visits, year)
	n, err := ls.SaveVisits(ctx, worker, visits)
	if err == nil {
		err = writeVisitLessons(ctx, ls.DB, visits, lessons)
	}
	if err == nil {
		_, err = ls.SaveTrainings(ctx, worker, training)
	}
	sum.Visits += n
	return err
}

func schoolIDs(list []*school) []int64 {
	out := make([]int64, len(list))
	for i, s := range list {
		out[i] = s.id
	}
	return out
}

// researcherVisits plans one researcher's visits in every window up to
// today: the station's 期初 and 期中 visits, a week at each linked school,
// then other visits to the pace drawn for the term (mostly the same pace
// as the term before), and for some a 下校任教 stint two years back.
func (g *gen) researcherVisits(ctx context.Context, ls *liaison.Service, r *rand.Rand, w *work, id int64, year int, today time.Time, schools []int64) []liaison.Visit {
	var out []liaison.Visit
	p := drawPace(r)
	for _, win := range termWindows(w.k.code, year, today) {
		if r.Float64() < 0.3 {
			p = drawPace(r)
		}
		tp := &termPlan{researcher: id, pace: p, rule: g.ruleDays(ctx, ls, w.k.code, policy.RuleResearcherSchoolDaysPerTerm, win.term.Year, 20),
			linkDays: 5 * g.ruleDays(ctx, ls, w.k.code, policy.RuleLiaisonOnsiteWeeksPerTerm, win.term.Year, 1)}
		tp.chunks = append(w.stationChunks(id, win), w.linkChunks(id, win, tp.linkDays)...)
		tp.fill(r, schools)
		out = append(out, tp.visits(r, win)...)
	}
	if r.Float64() < 0.4 && len(schools) > 0 {
		at := time.Date(year-2, 10, 12+7*r.IntN(6), 0, 0, 0, 0, time.UTC)
		out = append(out, liaison.Visit{ResearcherID: id, SchoolID: schools[r.IntN(len(schools))], Purpose: liaison.PurposeStint,
			StartDate: at.Format("2006-01-02"), EndDate: at.AddDate(0, 0, 4).Format("2006-01-02"), Days: 5, LessonsObserved: 10})
	}
	return out
}

// stationChunks are the 期初 visit (first fortnight) and the 期中 visit
// (weeks 9-10) of the researcher's station in the window's term.
func (w *work) stationChunks(id int64, win window) []chunk {
	for _, st := range w.stations {
		if st.ResearcherID == id && st.Term == win.term {
			c := chunk{school: st.SchoolID, purpose: liaison.PurposeStation, days: 2, station: st.ID, phase: "opening", week: 0}
			mid := c
			mid.phase, mid.week = "midterm", 8
			return []chunk{c, mid}
		}
	}
	return nil
}

// linkChunks are a week (the rule's days) at each of the researcher's
// linked schools, in the round's terms only.
func (w *work) linkChunks(id int64, win window, days int) []chunk {
	var out []chunk
	for _, k := range w.links {
		if k.ResearcherID == id && win.term.Year >= w.year {
			out = append(out, chunk{school: k.SchoolID, purpose: liaison.PurposeLiaison, days: min(5, days), link: k.ID, week: -1})
		}
	}
	return out
}

// programmes are the trainings and research activities researchers attend.
var programmes = []string{"教研员专业能力提升研修班", "学科核心素养与大单元教学专题培训", "新课标课堂评价专题研修",
	"命题与评价能力培训", "教育科研方法专题研修", "浙江省教研员网络研修（线上）"}

var activities = []string{"区域教研活动：同课异构", "市级课题中期论证", "学科教研组长工作会议", "送教下乡集中研讨"}

// researcherTraining is a year's training (last year mostly at or above
// 72 学时, this year part of the way) and one research activity each year.
func researcherTraining(r *rand.Rand, id int64, year int, today time.Time) []liaison.Training {
	var out []liaison.Training
	for _, y := range []int{year - 1, year} {
		from := time.Date(y, 9, 10, 0, 0, 0, 0, time.UTC)
		span := int(min(today.Sub(from), 300*24*time.Hour).Hours() / 24)
		if span <= 0 {
			continue
		}
		hours := 40 + r.IntN(31)
		if y < year && r.Float64() < 0.8 {
			hours = 72 + r.IntN(25)
		} else if y == year {
			hours = 8 + r.IntN(40)
		}
		for h := hours; h > 0; {
			n := min(h, 8*(1+r.IntN(4)))
			out = append(out, liaison.Training{ResearcherID: id, Kind: liaison.KindTraining, Program: programmes[r.IntN(len(programmes))],
				Hours: n, Date: from.AddDate(0, 0, r.IntN(span)).Format("2006-01-02")})
			h -= n
		}
		out = append(out, liaison.Training{ResearcherID: id, Kind: liaison.KindResearch, Program: activities[r.IntN(len(activities))],
			Date: from.AddDate(0, 0, r.IntN(span)).Format("2006-01-02")})
	}
	return out
}

// followUp writes 调研报告 and 提升方案 for about half the links, a 跟进式指导
// plan with follow-ups for a third, and the term's 工作交流 for most.
func (g *gen) followUp(ctx context.Context, ls *liaison.Service, r *rand.Rand, w *work, today time.Time) error {
	bySchool := map[int64]*school{}
	for _, s := range w.k.schools {
		bySchool[s.id] = s
	}
	start := time.Date(dict.SchoolYearOf(today), 9, 15, 0, 0, 0, 0, time.UTC)
	span := int(today.Sub(start).Hours() / 24)
	if span <= 0 {
		return nil
	}
	day := func() string { return start.AddDate(0, 0, r.IntN(span)).Format("2006-01-02") }
	return ls.DB.Write(ctx, func(tx *db.Tx) error { // one transaction for the county's follow-up
		for _, k := range w.links {
			if err := g.linkTexts(ctx, tx, ls, r, k, bySchool[k.SchoolID], day); err != nil {
				return fmt.Errorf("%s：%w", k.SchoolName, err)
			}
		}
		return nil
	})
}

func (g *gen) linkTexts(ctx context.Context, tx *db.Tx, ls *liaison.Service, r *rand.Rand, k liaison.Link, s *school, day func() string) error {
	if r.Float64() < 0.5 {
		survey := fmt.Sprintf("%s调研：听课%d节，查阅教案与作业，座谈教师%d人。课堂以讲授为主，学生活动偏少；青年教师占比较高，校本教研形式单一。",
			k.SchoolName, 6+r.IntN(8), 5+r.IntN(10))
		plan := "一、每月一次联合教研，围绕大单元教学设计开展同课异构；二、骨干教师结对青年教师，跟进听课；三、学期末组织教学展示。"
		if err := ls.SaveLinkTextsTx(ctx, tx, worker, k.ID, k.Version, survey, plan); err != nil {
			return err
		}
	}
	if r.Float64() < 0.7 {
		note := "本学期工作交流：通报联系学校听课情况，商定下阶段教研主题。"
		if err := ls.AddExchangeTx(ctx, tx, worker, k.ID, day(), note); err != nil {
			return err
		}
	}
	if s == nil || len(s.teachers) == 0 || r.Float64() >= 0.33 {
		return nil
	}
	t := s.teachers[r.IntN(len(s.teachers))]
	id, err := ls.AddGuidancePlanTx(ctx, tx, worker, k.ID, t.id, "提升课堂提问与学生活动设计，学期内完成一节校级公开课")
	for i := range 1 + r.IntN(2) {
		if err == nil {
			err = ls.AddFollowupTx(ctx, tx, worker, id, day(), fmt.Sprintf("第%d次跟进：听课并反馈，教学设计已修改。", i+1))
		}
	}
	return err
}
