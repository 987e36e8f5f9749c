// Package demo fills a database with a realistic synthetic region for demos,
// screenshots and load tests: real GB/T 2260 regions, schools with a
// realistic stage, locale and weak-school mix, teachers with Chinese names,
// valid ID numbers and consistent titles, ages and tiers, researchers,
// teaching groups, 名师工作室 and sample sign-in accounts. The same size and
// seed give the same regions, organisations, people, groups and studios;
// only the sample passwords are fresh each run.
//
// Everything is written through the org and auth services, so validation,
// data scope and the audit log apply as for any import.
package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/training"
)

// Target is where the demo writes.
type Target struct {
	Org    *org.Service
	Auth   *auth.Service
	Policy *policy.Service // optional: when set, the cities get rule sets from the seed presets
	// Liaison is optional: when set, every county gets its 校历, a running
	// 联系学校 round, a 蹲点视导 rotation, visits and training up to today
	// (its clock). It needs Dict set.
	Liaison *liaison.Service
	// Review is optional: without it the review demo runs over Org's
	// database with the real clock (the liaison clock when set).
	Review *review.Service
	// Training is optional: when set, the cities get credit rules and the
	// teachers credit ledgers and claims.
	Training *training.Service
}

// Summary counts what Generate wrote and lists the sample accounts.
type Summary struct {
	Size                    Size
	Seed                    int64
	Root                    string // 温州市, 浙江省
	Cities, Counties        int
	MountainCounties        int
	Bureaus, Offices        int
	Schools, TeachingPoints int
	RuralSchools, Weak      int
	People, Teachers        int
	FullTime, PartTime      int // 专职 / 兼职 教研员
	Experts                 int
	Groups, Studios         int
	Rules                   int // policy rules set on the demo cities
	Links, Visits           int // 联系学校 links and 到校记录 written
	Activities              int // 教研活动 written
	Accounts                []Account
	Elapsed                 time.Duration
}

// builder is the actor the demo writes as: scope 全部 and every data
// permission, recorded in the audit log as 演示数据.
var builder = app.System("演示数据", auth.PermRegionView, auth.PermRegionEdit, auth.PermOrgView, auth.PermOrgEdit,
	auth.PermPersonView, auth.PermPersonEdit, auth.PermPersonSensitive, auth.PermGroupView, auth.PermGroupEdit,
	auth.PermAccountManage, auth.PermRoleManage)

// Generate writes the region of size and seed into the database behind t,
// logging progress to log. It refuses (EINVALID) when the region's root
// (温州市, 浙江省) is already there: the demo is for an empty database.
func Generate(ctx context.Context, t Target, size Size, seed int64, log io.Writer) (Summary, error) {
	start := time.Now()
	g := plan(size, seed)
	sum := g.summary(size, seed)
	if err := g.checkEmpty(ctx, t.Org); err != nil {
		return sum, err
	}
	steps := []struct {
		name string
		run  func(context.Context, Target, io.Writer, *Summary) error
	}{
		{"行政区域", g.writeRegions}, {"机构与学校", g.writeOrgs}, {"人员", g.writePeople}, {"读回编号", g.loadIDs},
		{"教研组", g.writeGroups}, {"名师工作室", g.writeStudios}, {"政策规则", g.writePolicy}, {"示例账号", g.writeAccounts},
		{"联系学校、蹲点与到校", g.writeLiaison}, {"通知公告与提醒", g.writeNotices},
		{"教研活动", g.writeActivities}, {"听课评课", g.writeObservations}, {"送教助研", g.writeServices}, {"网络教研", g.writeRooms},
		{"学分台账与认定", g.writeTraining}, {"质量监测", g.writeQuality}, {"评审活动与专家库", g.writeReview},
	}
	for _, step := range steps {
		at := time.Now()
		if err := step.run(ctx, t, log, &sum); err != nil {
			return sum, err
		}
		logf(log, "—— %s完成，用时 %.1f 秒", step.name, time.Since(at).Seconds())
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

func (g *gen) rootCode() string {
	if g.p.province != "" {
		return g.p.province
	}
	return g.cities[0].code
}

func (g *gen) checkEmpty(ctx context.Context, o *org.Service) error {
	r, err := o.FindRegionByCode(ctx, builder, g.rootCode())
	if err == nil {
		return app.Invalid("db", "数据库中已有 %s（%s）的数据；演示数据只能写入空数据库，请换一个 --db", r.Name, r.Code)
	}
	if app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	return nil
}

// summary counts the planned region; groups, studios and accounts are
// counted as they are written.
func (g *gen) summary(size Size, seed int64) Summary {
	s := Summary{Size: size, Seed: seed, Root: g.province, Cities: len(g.cities), Counties: len(g.counties)}
	if s.Root == "" {
		s.Root = g.cities[0].name
	}
	for _, k := range g.counties {
		if k.mountain {
			s.MountainCounties++
		}
	}
	for _, o := range g.offices {
		if o.kind == org.KindBureau {
			s.Bureaus++
		} else {
			s.Offices++
		}
	}
	for _, sc := range g.schools {
		g.countSchool(&s, sc)
	}
	for _, x := range g.people {
		countPerson(&s, x)
	}
	return s
}

func (g *gen) countSchool(s *Summary, sc *school) {
	if sc.kind == kPoint {
		s.TeachingPoints++
		return
	}
	s.Schools++
	if sc.locale == "rural" {
		s.RuralSchools++
	}
	if sc.weak {
		s.Weak++
	}
}

func countPerson(s *Summary, x *person) {
	s.People++
	if x.school != nil {
		s.Teachers++
	}
	switch x.p.ResearcherKind {
	case "fulltime":
		s.FullTime++
	case "parttime":
		s.PartTime++
	}
	if x.p.Expert {
		s.Experts++
	}
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}
