package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
)

// worker is the actor the demo's liaison work is written as.
var worker = app.System("演示数据", auth.PermRegionEdit, auth.PermOrgView, auth.PermPersonView, auth.PermVisitView,
	auth.PermVisitEdit, auth.PermLiaisonManage)

// work is the current 学年's liaison work of one county, as the demo plans it.
type work struct {
	k        *county
	year     int // the round's first 学年
	round    int64
	links    []liaison.Link
	stations []liaison.Station
}

// today is the date the demo's work runs up to: the liaison clock, else now.
func (t Target) today() time.Time {
	if t.Liaison != nil && t.Liaison.Now != nil {
		return t.Liaison.Now()
	}
	return time.Now()
}

// writeLiaison fills the current 学年 of every county: 校历 for it and the
// year before, a running 联系学校 round whose teams come from the planner's
// proposals, a published 蹲点视导 rotation, and visits, training and link
// follow-up up to today. It is skipped when the target has no liaison
// service. The random source is its own, so the rest of the demo is the same
// with or without it.
func (g *gen) writeLiaison(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Liaison == nil {
		return nil
	}
	today := t.today()
	year := dict.SchoolYearOf(today)
	r := rand.New(rand.NewPCG(uint64(g.seed), 0x6c69616973)) // "liais"
	for _, k := range g.counties {
		w := &work{k: k, year: year}
		if err := g.countyWork(ctx, t.Liaison, w, year); err != nil {
			return fmt.Errorf("%s联系学校与蹲点视导：%w", k.prefix, err)
		}
		n, err := g.writeVisits(ctx, t.Liaison, r, w, year, today)
		if err != nil {
			return fmt.Errorf("%s到校记录：%w", k.prefix, err)
		}
		sum.Visits += n
		sum.Links += len(w.links)
		logf(log, "%s：联系学校 %d 所，蹲点 %d 人次，到校记录 %d 条", k.prefix, len(w.links), len(w.stations), n)
	}
	return g.writeUpperVisits(ctx, t.Liaison, r, year, today, sum)
}

// countyWork writes the county's 校历, round and station plan.
func (g *gen) countyWork(ctx context.Context, ls *liaison.Service, w *work, year int) error {
	for _, y := range []int{year - 1, year} {
		if err := ls.Dict.SaveCalendar(ctx, worker, calendarOf(w.k.code, y)); err != nil {
			return err
		}
	}
	if err := runRound(ctx, ls, w, year); err != nil {
		return err
	}
	return runStations(ctx, ls, w, year)
}

// calendarOf is a 浙江-like 校历: 9月1日 to late January, mid-February to early July.
func calendarOf(region string, y int) dict.YearCalendar {
	return dict.YearCalendar{Region: region, Year: y, Term1Start: fmt.Sprintf("%d-09-01", y), Term1End: fmt.Sprintf("%d-01-22", y+1),
		Term2Start: fmt.Sprintf("%d-02-20", y+1), Term2End: fmt.Sprintf("%d-07-03", y+1)}
}

// runRound opens the county's round for 学年 year, takes its rural and weak
// schools and teaching points, accepts the planner's team proposals, plans
// and publishes: the round is then in its 落实 stage.
func runRound(ctx context.Context, ls *liaison.Service, w *work, year int) error {
	id, err := ls.CreateRound(ctx, worker, w.k.code, year, "")
	if err != nil {
		return err
	}
	w.round = id
	if _, err := ls.ChooseTargets(ctx, worker, id, liaison.TargetFilter{Rural: true, Weak: true, TeachingPoints: true}); err != nil {
		return err
	}
	props, err := ls.ProposeTeams(ctx, worker, id)
	if err != nil {
		return err
	}
	if _, err := ls.AcceptTeams(ctx, worker, id, props); err != nil {
		return err
	}
	if _, err := ls.PlanRound(ctx, worker, id); err != nil {
		return err
	}
	rd, err := ls.FindRound(ctx, worker, id)
	if err == nil {
		err = ls.PublishRound(ctx, worker, id, rd.Version)
	}
	if err == nil {
		w.links, err = ls.FindLinks(ctx, worker, id)
	}
	return err
}

// runStations plans and publishes the county's 蹲点视导 rotation from the
// first 学期 of year over all its schools.
func runStations(ctx context.Context, ls *liaison.Service, w *work, year int) error {
	id, err := ls.CreateStationPlan(ctx, worker, w.k.code, "", dict.Term{Year: year, Half: dict.First}, 0)
	if err != nil {
		return err
	}
	if _, err := ls.PlanStations(ctx, worker, id, nil, liaison.TargetFilter{}); err != nil {
		return err
	}
	p, _, err := ls.FindStationPlan(ctx, worker, id)
	if err == nil {
		err = ls.PublishStationPlan(ctx, worker, id, p.Version)
	}
	if err == nil {
		_, w.stations, err = ls.FindStationPlan(ctx, worker, id)
	}
	return err
}
