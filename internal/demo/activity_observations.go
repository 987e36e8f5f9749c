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

// demoRubric is the city research institute's 评课量表.
const demoRubric = "等级：优秀=1，良好=0.8，合格=0.6，待改进=0.4\n" +
	"教学目标|目标明确，符合课标与学情|15\n教学内容|重点突出，容量适当|15\n教学过程|学生主体，活动充分，思维有深度|30\n" +
	"教学方法|方法得当，信息技术运用合理|15\n教学效果|目标达成，学生参与度高|25"

// codingRules are the demo city's 课堂观察 settings (the common practice of
// S-T analysis: 30 s samples, Rt 0.3 / 0.7, Ch 0.4; FIAS every 3 s).
var codingRules = map[policy.RuleKey]float64{policy.RuleActivitySTIntervalSeconds: 30, policy.RuleActivitySTPracticeRt: 30,
	policy.RuleActivitySTLectureRt: 70, policy.RuleActivitySTDialogueCh: 40, policy.RuleActivityFIASIntervalSeconds: 3,
	policy.RuleActivityObserverAnonymous: 0}

// writeObservations sets the city's 课堂观察 rules, has its research
// institute publish a rubric, and gives every county researcher a few
// 听课记录 this term, scored with it and some coded with S-T; the last one
// of each stays a draft.
func (g *gen) writeObservations(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Liaison == nil || t.Policy == nil {
		return nil
	}
	c := g.cities[0]
	today := t.today().In(activity.CST)
	year := dict.SchoolYearOf(today)
	rules := app.System("演示数据", auth.PermRegionEdit, auth.PermRegionView)
	for k, v := range codingRules {
		if err := t.Policy.SetValue(ctx, rules, c.code, k, v, year, "演示数据", 0); err != nil {
			return fmt.Errorf("课堂观察规则：%w", err)
		}
	}
	svc := &activity.Service{DB: t.Org.DB, Dict: t.Liaison.Dict, Keys: t.Org.Keys, Policy: t.Policy, Now: t.today}
	office, err := publisher(ctx, t.Org.DB, c.name+"教育教学研究院", 0)
	if err != nil {
		return err
	}
	office.Perms, office.Scope = app.Perms(activity.PermManage), app.Scope{All: true}
	rid, err := svc.SaveRubric(ctx, office, activity.Rubric{Name: c.name + "课堂教学评价表"}, demoRubric)
	if err != nil {
		return fmt.Errorf("评课量表：%w", err)
	}
	n := 0
	for _, k := range g.counties {
		teachers := g.attendees(k, nil)
		err := t.Org.DB.Write(ctx, func(tx *db.Tx) error { // one transaction for the county's records
			for i, x := range g.researchersOf(k) {
				m, err := observe(ctx, tx, svc, x, teachers, rid, i, today)
				if err != nil {
					return err
				}
				n += m
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s听课记录：%w", k.prefix, err)
		}
	}
	logf(log, "评课量表 1 份，听课记录 %d 条", n)
	return nil
}

// researchersOf are the county's 教研员.
func (g *gen) researchersOf(k *county) []*person {
	var out []*person
	for _, x := range g.people {
		if x.county == k && x.p.ResearcherKind != "" && x.id != 0 {
			out = append(out, x)
		}
	}
	return out
}

var demoTopics = []string{"分数的初步认识", "长方形和正方形的面积", "《背影》中的父爱", "光的折射", "一次函数的图像", "英语阅读课：我的校园生活"}

// observe writes four records by researcher x, a week apart back from
// today, of teachers from offset i on, inside tx.
func observe(ctx context.Context, tx *db.Tx, svc *activity.Service, x *person, teachers []*person, rid int64, i int, today time.Time) (int, error) {
	a := app.Actor{Username: "演示数据", PersonID: x.id, OrgID: x.p.OrgID, Perms: app.Perms(activity.PermManage), Scope: app.Scope{All: true}, IP: "本机"}
	for j := 0; j < 4 && len(teachers) > 0; j++ {
		tch := teachers[(i*5+j)%len(teachers)]
		kind := activity.LessonRegular
		if j == 2 {
			kind = activity.LessonOpen
		}
		id, err := svc.CreateObservationTx(ctx, tx, a, activity.Observation{TeacherID: tch.id, Topic: demoTopics[(i+j)%len(demoTopics)],
			Date: today.AddDate(0, 0, -7*j).Format(time.DateOnly), LessonType: kind, Subject: tch.subject(), RubricID: rid})
		if err != nil {
			return j, err
		}
		if j == 0 {
			continue // today's stays a draft
		}
		if j == 1 {
			if err := svc.SaveCodesTx(ctx, tx, a, id, "TTTSSTTSTTSSTSTTTTSSTSTTTSSTTT", "5 5 4 8 8 2 5 5 4 9 9 3 5 6 8 10"); err != nil {
				return j, err
			}
		}
		_, err = svc.SaveDraftTx(ctx, tx, a, activity.Draft{ID: id, Version: 1, Levels: []int{j % 2, 0, 1, j % 3, 1},
			Diagnosis: "情境创设贴近学生生活，小组合作较充分；练习的层次性可以加强。", Suggestion: "增加分层练习，关注后进生的课堂参与。"}, true)
		if err != nil {
			return j, err
		}
	}
	return 4, nil
}
