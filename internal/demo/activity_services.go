package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

var serviceMenu = []string{"专题讲座：大单元教学设计", "示范课：小学数学", "同课异构：初中语文", "课堂诊断", "命题指导"}

// writeServices gives every county bureau a 送教助研 menu whose providers are
// senior teachers of the county, and two orders from its schools: one sent
// and rated, one waiting for the office.
func (g *gen) writeServices(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Liaison == nil {
		return nil
	}
	today := t.today().In(activity.CST)
	svc := &activity.Service{DB: t.Org.DB, Dict: t.Liaison.Dict, Keys: t.Org.Keys, Policy: t.Policy, Now: t.today}
	if t.Policy != nil {
		rules := app.System("演示数据", auth.PermRegionEdit, auth.PermRegionView)
		for _, c := range g.cities { // every city of a province, not only the first
			if err := t.Policy.SetValue(ctx, rules, c.code, policy.RuleActivityProviderQualified, 1, dict.SchoolYearOf(today), "演示数据", 0); err != nil {
				return fmt.Errorf("%s送教人员资格规则：%w", c.name, err)
			}
		}
	}
	n := 0
	for _, k := range g.counties {
		office, err := publisher(ctx, t.Org.DB, k.prefix+"教育局", 0)
		if err != nil {
			return err
		}
		office.Perms = app.Perms(activity.PermManage)
		teachers := providersFirst(g.attendees(k, nil))
		var schools []*school
		for _, sc := range k.schools {
			if sc.kind != kPoint {
				schools = append(schools, sc)
			}
		}
		if len(schools) < 2 || len(teachers) < 3 {
			continue
		}
		var items []int64
		for i, name := range serviceMenu {
			// a 名师 of the county and a teacher who does not meet 002's conditions
			id, err := svc.CreateServiceItem(ctx, office, activity.ServiceItem{Name: name}, []int64{teachers[0].id, teachers[len(teachers)-1-i%2].id})
			if err != nil {
				return fmt.Errorf("%s送教菜单：%w", k.prefix, err)
			}
			items = append(items, id)
		}
		if teachers[0].p.Tier != "master" {
			continue // no 名师 in the county to send: the menu waits for orders
		}
		if err := g.orders(ctx, svc, office, schools, items, teachers, today); err != nil {
			return fmt.Errorf("%s送教订单：%w", k.prefix, err)
		}
		n += 2
	}
	logf(log, "送教菜单 %d 项，送教订单 %d 个", len(serviceMenu)*len(g.counties), n)
	return nil
}

// orders: the county's first school (not a teaching point) ordered the first item, sent a week
// ago and rated; the second school's order of the second item waits.
func (g *gen) orders(ctx context.Context, svc *activity.Service, office app.Actor, schools []*school, items []int64, teachers []*person, today time.Time) error {
	schoolActor := func(s *school) (app.Actor, error) {
		a := app.Actor{Username: "演示数据", OrgID: s.id, Perms: app.Perms(activity.PermManage), IP: "本机"}
		err := svc.DB.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", s.id).Scan(&a.OrgPath)
		})
		a.Scope = app.Scope{Prefixes: []string{a.OrgPath}}
		return a, err
	}
	first, err := schoolActor(schools[0])
	if err != nil {
		return err
	}
	order, err := svc.PlaceOrder(ctx, first, items[0], activity.ServiceOrder{Need: "青年教师的大单元教学设计能力", Preferred: "本月内周三下午", Audience: "全体青年教师"})
	if err != nil {
		return err
	}
	day := today.AddDate(0, 0, -7).Format(time.DateOnly)
	office.Scope = app.Scope{All: true}
	plan := activity.ServicePlan{Body: "一、专题讲座\n二、青年教师说课与点评", StartsAt: day + " 14:00", EndsAt: day + " 16:30", Place: schools[0].name,
		Hours: 2, Days: 1}
	err = svc.ProposePlan(ctx, office, order, 1, plan)
	if err == nil {
		err = svc.ReturnPlan(ctx, first, order, 2, "希望增加青年教师说课环节的时间")
	}
	if err == nil {
		plan.Body, plan.Reason = "一、专题讲座（40 分钟）\n二、青年教师说课与点评（90 分钟）", "按学校意见延长说课与点评"
		err = svc.ProposePlan(ctx, office, order, 3, plan)
	}
	if err == nil {
		err = svc.ConfirmPlan(ctx, first, order, 4)
	}
	var aid int64
	if err == nil {
		aid, err = svc.Dispatch(ctx, office, order, 5, teachers[0].id)
	}
	if err == nil {
		err = svc.End(ctx, office, aid, 1, "讲座一场，青年教师说课 6 人。")
	}
	if err == nil {
		err = svc.Feedback(ctx, first, order, 6, 5, "讲座贴近学校实际，希望下学期继续。")
	}
	if err != nil {
		return err
	}
	second, err := schoolActor(schools[1])
	var waiting int64
	if err == nil {
		waiting, err = svc.PlaceOrder(ctx, second, items[1], activity.ServiceOrder{Need: "数学课堂提问的有效性", Preferred: "下月上旬", Audience: "数学教研组"})
	}
	if err == nil { // the office's plan waits for the school's answer
		next := today.AddDate(0, 0, 14).Format(time.DateOnly)
		err = svc.ProposePlan(ctx, office, waiting, 1, activity.ServicePlan{Body: "一、示范课一节\n二、课堂提问专题评课", StartsAt: next + " 14:00",
			EndsAt: next + " 16:30", Place: schools[1].name, Hours: 2, Days: 1})
	}
	return err
}

// writeRooms gives every county a 虚拟教研室 of its bureau with ten of its
// teachers, last week's online session with its record and replay, and a
// thread with a reply and an @mention.
func (g *gen) writeRooms(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Liaison == nil {
		return nil
	}
	svc := &activity.Service{DB: t.Org.DB, Keys: t.Org.Keys, Now: t.today}
	week := t.today().In(activity.CST).AddDate(0, 0, -7).Format(time.DateOnly)
	for _, k := range g.counties {
		office, err := publisher(ctx, t.Org.DB, k.prefix+"教育局", 0)
		if err != nil {
			return err
		}
		office.Perms, office.Scope = app.Perms(activity.PermManage), app.Scope{All: true}
		people := pickPeople(g.attendees(k, nil), 0, 10)
		if len(people) < 2 {
			continue
		}
		ids := make([]int64, len(people))
		for i, x := range people {
			ids[i] = x.id
		}
		room, err := svc.CreateRoom(ctx, office, activity.Room{Name: k.prefix + "小学数学虚拟教研室", Subject: "数学", Stage: "小学"}, ids)
		if err == nil {
			err = svc.AddSession(ctx, office, room, activity.RoomSession{Title: "单元作业设计线上研讨", StartsAt: week + " 19:30",
				Link: "https://meeting.tencent.com/dm/jiaoyan", Record: "三所学校分享分层作业案例", ReplayLink: "https://meeting.tencent.com/replay/jiaoyan"})
		}
		if err != nil {
			return fmt.Errorf("%s虚拟教研室：%w", k.prefix, err)
		}
		a, err := (&actWriter{db: t.Org.DB, paths: map[int64]string{}}).personActor(ctx, people[0])
		if err != nil {
			return err
		}
		a.Perms = app.Perms()
		thread, err := svc.Post(ctx, a, room, 0, "三年级分层作业怎么设计", "我们尝试了基础、提高、拓展三层，请 @"+people[1].p.Name+" 谈谈你们学校的做法。")
		if err == nil {
			b, e := (&actWriter{db: t.Org.DB, paths: map[int64]string{}}).personActor(ctx, people[1])
			if err = e; err == nil {
				_, err = svc.Post(ctx, b, room, thread, "", "我们按学生自选的方式分层，效果不错，附上作业单样例。")
			}
		}
		if err != nil {
			return fmt.Errorf("%s主题帖：%w", k.prefix, err)
		}
	}
	logf(log, "虚拟教研室 %d 个", len(g.counties))
	return nil
}

// providersFirst puts the teachers who meet seed 002's 送教 conditions (名师)
// first, keeping the order otherwise.
func providersFirst(ts []*person) []*person {
	out := make([]*person, 0, len(ts))
	for _, x := range ts {
		if x.p.Tier == "master" {
			out = append(out, x)
		}
	}
	for _, x := range ts {
		if x.p.Tier != "master" {
			out = append(out, x)
		}
	}
	return out
}
