package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// activityPlan is one demo 教研活动: its kind, name and theme.
type activityPlan struct{ kind, title, theme string }

var countyActivities = []activityPlan{
	{"themed", "小学数学大单元教学研讨", "大单元整体教学设计"},
	{"showcase", "初中语文群文阅读课例展示", "群文阅读的议题设计"},
	{"onsite", "农村学校英语课堂现场指导", "英语课堂的分层提问"},
	{"regional", "小学科学实验教学区域教研", "探究实验的证据意识"},
	{"integrated", "初中道德与法治综合教研", "议题式教学"},
	{"project", "作业设计项目研究推进会", "分层作业与减负提质"},
	{"online", "高中物理网络教研", "情境化命题"},
	{"cluster", "片区联盟校数学同课异构", "同课异构中的学情诊断"},
}

var cityActivities = []activityPlan{
	{"regional", "全市新课标学科教研员研修", "核心素养导向的教学评一致性"},
	{"showcase", "全市优质课展示（小学语文）", "学习任务群的课堂实施"},
}

// writeActivities gives every county a term of 教研活动 by its bureau (the
// city two more): past ones with sign-ups, 签到 (and so attendance 学时 in
// the ledger), their 活动记录 and outcomes at every review stage; one held
// today, open to sign-up and already under way; and upcoming published ones.
// It runs with the liaison work, whose 校历 it places the term by.
func (g *gen) writeActivities(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Liaison == nil {
		return nil
	}
	today := t.today().In(activity.CST)
	svc := &activity.Service{DB: t.Org.DB, Dict: t.Liaison.Dict, Keys: t.Org.Keys}
	w := &actWriter{svc: svc, db: t.Org.DB, today: today, paths: map[int64]string{}}
	c := g.cities[0]
	n := 0
	for i, k := range g.counties {
		// Counties hold more or fewer of the term's activities.
		w.spread = i
		plans := countyActivities[:len(countyActivities)-i%4]
		m, err := w.county(ctx, k.prefix+"教育局", plans, g.attendees(k, g.bigSchool(k)))
		if err != nil {
			return fmt.Errorf("%s教研活动：%w", k.prefix, err)
		}
		n += m
	}
	var all []*person
	for _, k := range c.counties {
		all = append(all, g.attendees(k, nil)[:min(4, len(g.attendees(k, nil)))]...)
	}
	m, err := w.county(ctx, c.name+"教育局", cityActivities, all)
	if err != nil {
		return fmt.Errorf("%s教研活动：%w", c.name, err)
	}
	sum.Activities = n + m
	if err := w.studyDays(ctx, c.name+"教育局"); err != nil {
		return fmt.Errorf("%s学科研修日：%w", c.name, err)
	}
	logf(log, "教研活动 %d 场，报名 %d 人次，签到 %d 人次", sum.Activities, w.signUps, w.checkIns)
	return nil
}

// demoStudyDays are the city's 学科研修日, from the current 学年.
var demoStudyDays = []activity.StudyDay{{Subject: "数学", Weekday: 3, Half: activity.HalfPM},
	{Subject: "语文", Weekday: 4, Half: activity.HalfPM}, {Subject: "英语", Weekday: 2, Half: activity.HalfAM}}

// studyDays sets the city bureau's 学科研修日, which the calendar marks and
// new activities of the subject default to.
func (w *actWriter) studyDays(ctx context.Context, bureau string) error {
	org, err := publisher(ctx, w.db, bureau, 0)
	if err != nil {
		return err
	}
	org.Perms = app.Perms(activity.PermManage)
	for _, d := range demoStudyDays {
		d.FromYear = dict.SchoolYearOf(w.today)
		if _, err := w.svc.SaveStudyDay(ctx, org, d); err != nil {
			return err
		}
	}
	return nil
}

// attendees are the county's plain teachers, in school order, leaving out
// those of skip (the sample teacher's school, so today's activity is still
// there for them to sign up to).
func (g *gen) attendees(k *county, skip *school) []*person {
	var out []*person
	for _, s := range k.schools {
		if s == skip {
			continue
		}
		for _, x := range s.teachers {
			if x.p.ResearcherKind == "" && !x.p.Expert && x.id != 0 {
				out = append(out, x)
			}
		}
	}
	return out
}

type actWriter struct {
	svc               *activity.Service
	db                *db.DB
	today             time.Time
	paths             map[int64]string // organisation paths by id
	signUps, checkIns int
	spread            int // the county's number, which varies its figures
}

// county writes the plans of bureau: spread over the term up to today, one
// today, and two after it.
func (w *actWriter) county(ctx context.Context, bureau string, plans []activityPlan, people []*person) (int, error) {
	org, err := publisher(ctx, w.db, bureau, 0)
	if err != nil {
		return 0, err
	}
	org.Perms = app.Perms(activity.PermManage, activity.PermReview)
	term := dict.TermOf(w.today)
	start, _ := dict.DefaultCalendar.Bounds(term, activity.CST)
	span := int(w.today.Sub(start).Hours()/24) - 1
	for i, p := range plans {
		day := start.AddDate(0, 0, 7+i*max(span-7, 1)/len(plans))
		switch {
		case i == len(plans)-1:
			day = w.today.AddDate(0, 0, 7)
		case i == len(plans)-2:
			day = w.today.AddDate(0, 0, 14)
		}
		if err := w.one(ctx, org, p, day, day.Add(17*time.Hour).Before(w.today), people, i); err != nil {
			return 0, err
		}
	}
	today := activityPlan{"themed", "今日主题教研：课堂观察与评课", "基于证据的课堂观察"}
	if err := w.today0(ctx, org, today, people); err != nil {
		return 0, err
	}
	return len(plans) + 1, nil
}

// one writes an activity of org on day 14:00–16:30; a past one gets its
// sign-ups, check-ins, record and outcome.
func (w *actWriter) one(ctx context.Context, org app.Actor, p activityPlan, day time.Time, past bool, people []*person, i int) error {
	d := day.Format(time.DateOnly)
	a := activity.Activity{OrgID: org.OrgID, Kind: p.kind, Title: p.title, Theme: p.theme, Plan: planText(p),
		StartsAt: d + " 14:00", EndsAt: d + " 16:30", Place: "教师发展中心报告厅", SignupMode: activity.ModeOpen, Hours: 3,
		OutcomeKind: activity.OutcomeCase, OutcomeDue: day.AddDate(0, 0, 14).Format(time.DateOnly)}
	if p.kind == "online" {
		a.Place, a.OnlineLink = "", "https://meeting.tencent.com/dm/jiaoyan"
	}
	w.svc.Now = func() time.Time { return day.Add(-72 * time.Hour) }
	id, err := w.svc.CreateActivity(ctx, org, a, activity.AudienceRegion)
	if err == nil {
		err = w.svc.Publish(ctx, org, id, 1)
	}
	if err != nil || !past {
		return err
	}
	// Sign-ups (10–24) and attendance (60–90%) differ by county and
	// activity, as they do in a real term.
	picked := pickPeople(people, i*7, 10+(w.spread*7+i*5)%15)
	if err := w.signUp(ctx, id, picked); err != nil {
		return err
	}
	came := len(picked) * (6 + (w.spread+i)%4) / 10
	opens, _ := a.Window()
	if err := w.checkIn(ctx, org, id, opens.Add(10*time.Minute), picked[:came]); err != nil {
		return err
	}
	return w.close(ctx, org, id, day, came)
}

// close ends a past activity; older ones have their outcome submitted and
// the oldest approved, so every review stage shows.
func (w *actWriter) close(ctx context.Context, org app.Actor, id int64, day time.Time, came int) error {
	w.svc.Now = func() time.Time { return day.Add(18 * time.Hour) }
	d, err := w.svc.FindActivityByID(ctx, org, id)
	if err != nil {
		return err
	}
	if err := w.svc.End(ctx, org, id, d.Version, fmt.Sprintf("到会 %d 人。课例展示后分组评课，专家作专题点评。", came)); err != nil {
		return err
	}
	age := w.today.Sub(day)
	if age < 10*24*time.Hour {
		return nil
	}
	if err := w.svc.SubmitOutcome(ctx, org, id, d.Version+1, "教研案例："+d.Theme+"的实践与反思"); err != nil || age < 30*24*time.Hour {
		return err
	}
	return w.svc.Review(ctx, org, id, d.Version+2, true, "")
}

// today0 writes today's activity, an afternoon-length session of two and a
// half hours running now (so the venue's code and check-in are live when
// the demo is shown), with some signed up and three already checked in.
func (w *actWriter) today0(ctx context.Context, org app.Actor, p activityPlan, people []*person) error {
	starts, ends := liveSession(w.today)
	a := activity.Activity{OrgID: org.OrgID, Kind: p.kind, Title: p.title, Theme: p.theme, Plan: planText(p),
		StartsAt: starts.Format(activity.TimeLayout), EndsAt: ends.Format(activity.TimeLayout), Place: "教师发展中心报告厅",
		SignupMode: activity.ModeOpen, Hours: 2}
	w.svc.Now = func() time.Time { return w.today }
	id, err := w.svc.CreateActivity(ctx, org, a, activity.AudienceRegion)
	if err == nil {
		err = w.svc.Publish(ctx, org, id, 1)
	}
	if err != nil {
		return err
	}
	picked := pickPeople(people, 3, 10)
	if err := w.signUp(ctx, id, picked); err != nil {
		return err
	}
	return w.checkIn(ctx, org, id, w.today, picked[:min(3, len(picked))])
}

// pickPeople is n of people from offset on, wrapping round.
func pickPeople(people []*person, offset, n int) []*person {
	var out []*person
	for i := 0; i < min(n, len(people)); i++ {
		out = append(out, people[(offset+i)%len(people)])
	}
	return out
}

func planText(p activityPlan) string {
	return "一、活动主题：" + p.theme + "\n二、课例展示（两节）\n三、分组评课与研讨\n四、专家点评与总结"
}

// liveSession is a 2 h 30 min session around now, on the half hour: it
// began half an hour to an hour ago (14:00–16:30 for a demo made at 14:45),
// kept within today.
func liveSession(now time.Time) (starts, ends time.Time) {
	now = now.In(activity.CST)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, activity.CST)
	starts, ends = now.Truncate(30*time.Minute).Add(-30*time.Minute), day.Add(24*time.Hour-time.Minute)
	if starts.Before(day) {
		starts = day
	}
	if e := starts.Add(150 * time.Minute); e.Before(ends) {
		ends = e
	}
	return starts, ends
}
