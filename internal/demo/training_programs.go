package demo

import (
	"context"
	"math/rand/v2"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/training"
)

// countyProgram is one of a county's programmes: the programme, how many
// teachers sign up to it and whether it is completed.
type countyProgram struct {
	p        training.Program
	n        int
	complete bool
}

// countyProgramsOf are the county's programmes of this 学年: a completed
// 骨干 programme with thirty of its teachers, a 新任教师 programme open for
// sign-up with a few sign-ups, and a completed 研训人员 programme.
func countyProgramsOf(k *county, year int) []countyProgram {
	progs := []countyProgram{
		{training.Program{Title: k.prefix + "骨干教师能力提升研修班", Kind: "tier", Tier: "backbone", Hours: 48, Budget: 12, Provider: "温州大学教师教育学院", Open: true}, 30, true},
		{training.Program{Title: k.prefix + "新任教师岗前培训", Kind: "new_teacher", Tier: "new", Hours: 40, Budget: 6, Provider: k.prefix + "教师发展中心", Open: true}, 5, false},
		{training.Program{Title: k.prefix + "研训人员能力提升培训", Kind: "trainer", Hours: 24, Budget: 4, Provider: "浙江师范大学", Open: true}, 12, true},
	}
	for i := range progs {
		progs[i].p.SchoolYear = year
	}
	return progs
}

// countyPrograms writes the county's programmes (countyProgramsOf), the
// 骨干 one's evaluation, its needs surveys and its 新班主任 programme.
func (g *gen) countyPrograms(ctx context.Context, ts *training.Service, r *rand.Rand, k *county, year int) (int, error) {
	id, err := bureauID(ctx, ts, k.code)
	if err != nil {
		return 0, err
	}
	mgr := app.Actor{Username: builder.Username, OrgID: id, Perms: app.Perms(training.PermProgramManage, training.PermCreditView),
		Scope: app.Scope{All: true}}
	var teachers []*person
	for _, s := range k.schools {
		if s.id != 0 {
			teachers = append(teachers, s.teachers...)
		}
	}
	progs := countyProgramsOf(k, year)
	for i, x := range progs {
		if err := runProgram(ctx, ts, r, mgr, x, i == 0, teachers); err != nil {
			return 0, err
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

// runProgram creates x as mgr, signs up x.n teachers drawn at random
// (signUpDrawn), has the evaluation answered by those signed up while it
// runs when evaluated, and completes it when x says so.
func runProgram(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, x countyProgram, evaluated bool, teachers []*person) error {
	pid, err := ts.CreateProgram(ctx, mgr, x.p)
	if err != nil {
		return err
	}
	enrolled, err := signUpDrawn(ctx, ts, r, mgr, pid, x.n, teachers)
	if err != nil {
		return err
	}
	if evaluated {
		if err := demoEvaluation(ctx, ts, r, mgr, pid, enrolled); err != nil {
			return err
		}
	}
	if x.complete {
		_, err = ts.CompleteProgram(ctx, mgr, pid, 1)
	}
	return err
}

// signUpDrawn signs n teachers drawn at random up to programme pid, in
// one transaction, and returns those signed up: a second draw of the same
// teacher is refused (EINVALID) and skipped.
func signUpDrawn(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, pid int64, n int, teachers []*person) ([]*person, error) {
	var enrolled []*person
	err := ts.DB.Write(ctx, func(tx *db.Tx) error {
		for i := 0; i < n && len(teachers) > 0; i++ {
			t := teachers[r.IntN(len(teachers))]
			a := app.Actor{Username: builder.Username, PersonID: t.id, OrgID: mgr.OrgID, Perms: app.Perms(training.PermCreditView), Scope: app.Scope{All: true}}
			err := ts.SignUpTx(ctx, tx, a, pid)
			switch {
			case err == nil:
				enrolled = append(enrolled, t)
			case app.ErrorCode(err) != app.EINVALID:
				return err
			}
		}
		return nil
	})
	return enrolled, err
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
