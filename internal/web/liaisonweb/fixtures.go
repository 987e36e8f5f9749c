package liaisonweb

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// TodayCST is the date the site's clock (the real one) is on.
func TodayCST() string { return time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02") }

// ResearcherIn creates an office in region, a 专职教研员 in it and their
// account (first sign-in done), and returns the person id.
func ResearcherIn(t testing.TB, w *testutil.World, region, office, name, username string) int64 {
	t.Helper()
	oid := w.MustOrg(t, org.Org{Name: office, Kind: org.KindResearchOffice, RegionCode: region})
	id := w.MustPerson(t, org.Person{Name: name, OrgID: oid, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: oid})
	w.MustUser(t, id, username, auth.RoleResearcher)
	if err := w.DB.Exec(context.Background(), "UPDATE users SET must_change = FALSE WHERE username = ?", username); err != nil {
		t.Fatal(err)
	}
	return id
}

// LiaisonOf is a liaison service over the world, for tests.
func LiaisonOf(w *testutil.World) *liaison.Service {
	return &liaison.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}, Dict: &dict.Store{DB: w.DB}}
}

// VisitBy writes a visit of researcher to school ending today, as the
// county administrator admin.
func VisitBy(t testing.TB, w *testutil.World, admin string, researcher, school int64, days int) int64 {
	t.Helper()
	start := time.Now().AddDate(0, 0, 1-days).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	id, err := LiaisonOf(w).SaveVisit(context.Background(), w.ActorOf(t, admin), liaison.Visit{ResearcherID: researcher, SchoolID: school,
		Purpose: liaison.PurposeLiaison, StartDate: start, EndDate: TodayCST(), LessonsObserved: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// RoundFixture is a county's 联系学校 round and 蹲点视导 plan made through
// the service, for the web tests.
type RoundFixture struct {
	Svc        *liaison.Service
	Researcher int64
	Round      int64
	Team       int64
	Link       int64
	Plan       int64
	Station    int64
}

// RoundActor manages rounds and stations everywhere, for tests.
var RoundActor = app.System("测试", liaison.PermLiaisonManage, liaison.PermVisitView, auth.PermPersonView, auth.PermOrgView)

// NewRoundFixture builds, in region (330302 or 330303) around school, a
// researcher, a round with the school as target and a team; link adds the
// link; stations plans and publishes a station plan.
func NewRoundFixture(t testing.TB, w *testutil.World, region string, school int64, link, stations bool) RoundFixture {
	t.Helper()
	ctx := context.Background()
	f := RoundFixture{Svc: &liaison.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}, Dict: &dict.Store{DB: w.DB}}}
	office := w.MustOrg(t, org.Org{Name: region + "教师发展中心", Kind: org.KindResearchOffice, RegionCode: region})
	f.Researcher = w.MustPerson(t, org.Person{Name: "教研员" + region, OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// The round's stages and team sizes are the region's rules (临沂 seed);
	// without them a round cannot be opened.
	err := f.Svc.Policy.ApplyPreset(ctx, testutil.Root, region, "linyi_2023_liaison", 2025)
	must(err)
	f.Round, err = f.Svc.CreateRound(ctx, RoundActor, region, 2025, "轮次"+region)
	must(err)
	_, err = f.Svc.ChooseTargets(ctx, RoundActor, f.Round, liaison.TargetFilter{Rural: true})
	must(err)
	f.Team, err = f.Svc.SaveTeam(ctx, RoundActor, f.Round, f.Researcher, 2, nil)
	must(err)
	if link {
		f.Link, err = f.Svc.AddLink(ctx, RoundActor, f.Round, f.Team, school)
		must(err)
	}
	if stations {
		f.Plan, err = f.Svc.CreateStationPlan(ctx, RoundActor, region, "蹲点"+region, dict.Term{Year: 2025, Half: dict.First}, 2)
		must(err)
		_, err = f.Svc.PlanStations(ctx, RoundActor, f.Plan, nil, liaison.TargetFilter{})
		must(err)
		must(f.Svc.PublishStationPlan(ctx, RoundActor, f.Plan, 1))
		_, list, err := f.Svc.FindStationPlan(ctx, RoundActor, f.Plan)
		must(err)
		f.Station = list[0].ID
	}
	return f
}

// countyB is, per test world, the county B round fixture the round, link
// and station_plan objects share.
var countyB = struct {
	sync.Mutex
	of map[*testutil.World]RoundFixture
}{of: map[*testutil.World]RoundFixture{}}

func countyBRound(t testing.TB, w *testutil.World) RoundFixture {
	countyB.Lock()
	defer countyB.Unlock()
	f, ok := countyB.of[w]
	if !ok {
		f = NewRoundFixture(t, w, "330303", w.SchoolB, true, true)
		countyB.of[w] = f
		t.Cleanup(func() { countyB.Lock(); delete(countyB.of, w); countyB.Unlock() })
	}
	return f
}

// scopeObjects make, in county B of the test world, one object of each
// kind the module's routes name, with strings no county A page may show.
func scopeObjects() []web.ScopeObject {
	secrets := []string{"轮次330303", "蹲点330303", "教研员330303"}
	return []web.ScopeObject{
		{Kind: "researcher", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id := ResearcherIn(t, w, "330303", "龙湾区教研室", "龙湾教研员乙", "res_b")
			return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾教研员乙", "龙湾区教研室"}
		}},
		{Kind: "visit", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id := ResearcherIn(t, w, "330303", "龙湾区教师发展中心", "龙湾教研员丙", "res_c")
			vid := VisitBy(t, w, "county_b", id, w.SchoolB, 1)
			return map[string]string{"id": fmt.Sprint(vid)}, []string{"龙湾教研员丙"}
		}},
		{Kind: "round", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(countyBRound(t, w).Round)}, secrets
		}},
		{Kind: "link", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(countyBRound(t, w).Link)}, secrets
		}},
		{Kind: "station_plan", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(countyBRound(t, w).Plan)}, secrets
		}},
	}
}

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]func(t testing.TB, w *testutil.World) web.Change {
	ch := map[string]func(t testing.TB, w *testutil.World) web.Change{}
	visitChanges(ch)
	roundChanges(ch)
	linkChanges(ch)
	stationChanges(ch)
	return ch
}

type changeMakers = map[string]func(t testing.TB, w *testutil.World) web.Change

// add registers the valid request of one audited route.
func add(ch changeMakers, key string, f func(t testing.TB, w *testutil.World) web.Change) {
	ch[key] = f
}

// formOf is a form of key, value pairs.
func formOf(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func idOf(n int64) string { return fmt.Sprint(n) }

// roundFix is a round of 鹿城区 with school A as its target.
func roundFix(t testing.TB, w *testutil.World, link, stations bool) RoundFixture {
	return NewRoundFixture(t, w, "330302", w.SchoolA, link, stations)
}

// visitChanges are the valid requests for the audited routes of visits, the quick form and training.
func visitChanges(ch changeMakers) {
	add(ch, "POST /visits", func(t testing.TB, w *testutil.World) web.Change {
		id := ResearcherIn(t, w, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		return web.Change{User: "county_a", Path: "/visits", Form: formOf("researcher_id", fmt.Sprint(id), "school_id", fmt.Sprint(w.SchoolA),
			"purpose", "service", "start_date", TodayCST(), "lessons_observed", "3")}
	})
	add(ch, "POST /visits/{id}", func(t testing.TB, w *testutil.World) web.Change {
		id := ResearcherIn(t, w, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		vid := VisitBy(t, w, "county_a", id, w.SchoolA, 1)
		return web.Change{User: "res_a", Path: fmt.Sprintf("/visits/%d", vid), Form: formOf("researcher_id", fmt.Sprint(id), "school_id",
			fmt.Sprint(w.SchoolA), "purpose", "liaison", "start_date", TodayCST(), "notes", "补记", "version", "1")}
	})
	add(ch, "POST /my/visit", func(t testing.TB, w *testutil.World) web.Change {
		ResearcherIn(t, w, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		return web.Change{User: "res_a", Path: "/my/visit", Form: formOf("school_id", fmt.Sprint(w.SchoolA), "purpose", "liaison", "start_date", TodayCST())}
	})
	add(ch, "POST /researchers/{id}/training", func(t testing.TB, w *testutil.World) web.Change {
		id := ResearcherIn(t, w, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		return web.Change{User: "res_a", Path: fmt.Sprintf("/researchers/%d/training", id), Form: formOf("kind", "training", "program", "省级研修",
			"hours", "24", "date", TodayCST())}
	})
}

// roundChanges are the valid requests for the audited routes of 联系学校轮次.
func roundChanges(ch changeMakers) {
	add(ch, "POST /rounds", func(t testing.TB, w *testutil.World) web.Change {
		withRules(t, w, "330302", "linyi_2023_liaison")
		return web.Change{User: "county_a", Path: "/rounds", Form: formOf("region", "330302", "first_year", "2025")}
	})
	add(ch, "POST /rounds/{id}/targets", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		if err := f.Svc.RemoveTarget(context.Background(), RoundActor, f.Round, w.SchoolA); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/targets", Form: formOf("rural", "1")}
	})
	add(ch, "POST /rounds/{id}/targets/import", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/targets/import", Form: formOf("codes", "2330000001")}
	})
	add(ch, "POST /rounds/{id}/targets/remove", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/targets/remove", Form: formOf("school_id", idOf(w.SchoolA))}
	})
	add(ch, "POST /rounds/{id}/teams", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/teams", Form: formOf("researcher", idOf(f.Researcher), "capacity", "3", "members", idOf(w.TeacherA))}
	})
	add(ch, "POST /rounds/{id}/teams/accept", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		if err := f.Svc.RemoveTeam(context.Background(), RoundActor, f.Round, f.Team); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/teams/accept", Form: nil}
	})
	add(ch, "POST /rounds/{id}/teams/remove", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/teams/remove", Form: formOf("team_id", idOf(f.Team))}
	})
	add(ch, "POST /rounds/{id}/plan", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/plan", Form: nil}
	})
	add(ch, "POST /rounds/{id}/links", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/links", Form: formOf("team_id", idOf(f.Team), "school_id", idOf(w.SchoolA))}
	})
	add(ch, "POST /rounds/{id}/publish", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/publish", Form: formOf("version", "1")}
	})
	add(ch, "POST /rounds/{id}/close", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		if err := f.Svc.PublishRound(context.Background(), RoundActor, f.Round, 1); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/rounds/" + idOf(f.Round) + "/close", Form: formOf("version", "2", "summary", "两年联系工作总结", "outcomes", "课题一项")}
	})
}

// linkChanges are the valid requests for the audited routes of 联系学校 links.
func linkChanges(ch changeMakers) {
	add(ch, "POST /links/{id}", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		return web.Change{User: "county_a", Path: "/links/" + idOf(f.Link), Form: formOf("version", "1", "survey", "调研报告", "improvement", "提升方案")}
	})
	add(ch, "POST /links/{id}/move", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		other := w.MustPerson(t, org.Person{Name: "教研员丁", OrgID: w.BureauA, ResearcherKind: "parttime", ResearcherSubject: "语文"})
		team, err := f.Svc.SaveTeam(context.Background(), RoundActor, f.Round, other, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/links/" + idOf(f.Link) + "/move", Form: formOf("team_id", idOf(team))}
	})
	add(ch, "POST /links/{id}/remove", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		return web.Change{User: "county_a", Path: "/links/" + idOf(f.Link) + "/remove", Form: nil}
	})
	add(ch, "POST /links/{id}/guidance", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		return web.Change{User: "county_a", Path: "/links/" + idOf(f.Link) + "/guidance", Form: formOf("teacher_id", idOf(w.TeacherA), "goal", "上好一节公开课")}
	})
	add(ch, "POST /links/{id}/followups", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		plan, err := f.Svc.AddGuidancePlan(context.Background(), RoundActor, f.Link, w.TeacherA, "磨课")
		if err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/links/" + idOf(f.Link) + "/followups", Form: formOf("plan_id", idOf(plan), "on_date", "2025-11-20", "note", "听课评课")}
	})
	add(ch, "POST /links/{id}/exchanges", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, true, false)
		return web.Change{User: "county_a", Path: "/links/" + idOf(f.Link) + "/exchanges", Form: formOf("on_date", "2025-12-20", "note", "期末交流")}
	})
}

// stationChanges are the valid requests for the audited routes of 蹲点视导 plans.
func stationChanges(ch changeMakers) {
	add(ch, "POST /stations", func(t testing.TB, w *testutil.World) web.Change {
		withRules(t, w, "330302", "ouhai_2024_school_training")
		return web.Change{User: "county_a", Path: "/stations", Form: formOf("region", "330302", "first_year", "2025", "first_half", "1")}
	})
	add(ch, "POST /stations/{id}/plan", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		plan, err := f.Svc.CreateStationPlan(context.Background(), RoundActor, "330302", "", dict.Term{Year: 2025, Half: dict.First}, 4)
		if err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/stations/" + idOf(plan) + "/plan", Form: nil}
	})
	add(ch, "POST /stations/{id}/publish", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, false)
		plan, err := f.Svc.CreateStationPlan(context.Background(), RoundActor, "330302", "", dict.Term{Year: 2025, Half: dict.First}, 4)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.PlanStations(context.Background(), RoundActor, plan, nil, liaison.TargetFilter{}); err != nil {
			t.Fatal(err)
		}
		return web.Change{User: "county_a", Path: "/stations/" + idOf(plan) + "/publish", Form: formOf("version", "1")}
	})
	add(ch, "POST /stations/{id}/visit", func(t testing.TB, w *testutil.World) web.Change {
		f := roundFix(t, w, false, true)
		return web.Change{User: "county_a", Path: "/stations/" + idOf(f.Plan) + "/visit", Form: formOf("station", idOf(f.Station), "station_phase", "opening", "start_date", "2025-09-10")}
	})
}

// withRules applies a seed's rules to region from 2025: rounds and station
// plans need the region's rules and never assume a number.
func withRules(t testing.TB, w *testutil.World, region, preset string) {
	t.Helper()
	if err := (&policy.Service{DB: w.DB}).ApplyPreset(context.Background(), testutil.Root, region, preset, 2025); err != nil {
		t.Fatal(err)
	}
}
