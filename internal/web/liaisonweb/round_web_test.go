package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// roundFixture is a county's 联系学校 round and 蹲点视导 plan made through
// the service, for the web tests.
type roundFixture struct {
	Svc        *liaison.Service
	Researcher int64
	Round      int64
	Team       int64
	Link       int64
	Plan       int64
	Station    int64
}

var roundActor = app.System("测试", auth.PermLiaisonManage, auth.PermVisitView, auth.PermPersonView, auth.PermOrgView)

// newRoundFixture builds, in region (330302 or 330303) around school, a
// researcher, a round with the school as target and a team; link adds the
// link; stations plans and publishes a station plan.
func newRoundFixture(t *testing.T, s *site, region string, school int64, link, stations bool) roundFixture {
	t.Helper()
	ctx := context.Background()
	f := roundFixture{Svc: &liaison.Service{DB: s.DB, Org: s.Org, Policy: &policy.Service{DB: s.DB}, Dict: &dict.Store{DB: s.DB}}}
	office := s.MustOrg(t, org.Org{Name: region + "教师发展中心", Kind: org.KindResearchOffice, RegionCode: region})
	f.Researcher = s.MustPerson(t, org.Person{Name: "教研员" + region, OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.Round, err = f.Svc.CreateRound(ctx, roundActor, region, 2025, "轮次"+region)
	must(err)
	_, err = f.Svc.ChooseTargets(ctx, roundActor, f.Round, liaison.TargetFilter{Rural: true})
	must(err)
	f.Team, err = f.Svc.SaveTeam(ctx, roundActor, f.Round, f.Researcher, 2, nil)
	must(err)
	if link {
		f.Link, err = f.Svc.AddLink(ctx, roundActor, f.Round, f.Team, school)
		must(err)
	}
	if stations {
		f.Plan, err = f.Svc.CreateStationPlan(ctx, roundActor, region, "蹲点"+region, dict.Term{Year: 2025, Half: dict.First}, 2)
		must(err)
		_, err = f.Svc.PlanStations(ctx, roundActor, f.Plan, nil, liaison.TargetFilter{})
		must(err)
		must(f.Svc.PublishStationPlan(ctx, roundActor, f.Plan, 1))
		_, list, _ := f.Svc.FindStationPlan(ctx, roundActor, f.Plan)
		f.Station = list[0].ID
	}
	return f
}

func init() {
	extraObjects = append(extraObjects, func(t *testing.T, s *site) (string, map[string]string, []string) {
		f := newRoundFixture(t, s, "330303", s.SchoolB, true, true)
		objs := map[string]string{"id": fmt.Sprint(f.Round)}
		extraObjects2["link"] = map[string]string{"id": fmt.Sprint(f.Link)}
		extraObjects2["station_plan"] = map[string]string{"id": fmt.Sprint(f.Plan)}
		return "round", objs, []string{"轮次330303", "蹲点330303", "教研员330303"}
	})
	extraObjects = append(extraObjects, func(t *testing.T, s *site) (string, map[string]string, []string) {
		return "link", extraObjects2["link"], nil
	})
	extraObjects = append(extraObjects, func(t *testing.T, s *site) (string, map[string]string, []string) {
		return "station_plan", extraObjects2["station_plan"], nil
	})
	a := func(t *testing.T, s *site, link, stations bool) roundFixture {
		return newRoundFixture(t, s, "330302", s.SchoolA, link, stations)
	}
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			out.Add(kv[i], kv[i+1])
		}
		return out
	}
	id := func(n int64) string { return fmt.Sprint(n) }
	add := func(key string, f func(t *testing.T, s *site) change) { extraChanges[key] = f }
	add("POST /rounds", func(t *testing.T, s *site) change {
		return change{"county_a", "/rounds", v("region", "330302", "first_year", "2025")}
	})
	add("POST /rounds/{id}/targets", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		f.Svc.RemoveTarget(context.Background(), roundActor, f.Round, s.SchoolA)
		return change{"county_a", "/rounds/" + id(f.Round) + "/targets", v("rural", "1")}
	})
	add("POST /rounds/{id}/targets/import", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/targets/import", v("codes", "2330000001")}
	})
	add("POST /rounds/{id}/targets/remove", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/targets/remove", v("school_id", id(s.SchoolA))}
	})
	add("POST /rounds/{id}/teams", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/teams", v("researcher", id(f.Researcher), "capacity", "3", "members", id(s.TeacherA))}
	})
	add("POST /rounds/{id}/teams/remove", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/teams/remove", v("team_id", id(f.Team))}
	})
	add("POST /rounds/{id}/plan", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/plan", nil}
	})
	add("POST /rounds/{id}/links", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/links", v("team_id", id(f.Team), "school_id", id(s.SchoolA))}
	})
	add("POST /rounds/{id}/publish", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		return change{"county_a", "/rounds/" + id(f.Round) + "/publish", v("version", "1")}
	})
	add("POST /rounds/{id}/close", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		if err := f.Svc.PublishRound(context.Background(), roundActor, f.Round, 1); err != nil {
			t.Fatal(err)
		}
		return change{"county_a", "/rounds/" + id(f.Round) + "/close", v("version", "2", "summary", "两年联系工作总结", "outcomes", "课题一项")}
	})
	add("POST /links/{id}", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		return change{"county_a", "/links/" + id(f.Link), v("version", "1", "survey", "调研报告", "improvement", "提升方案")}
	})
	add("POST /links/{id}/move", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		other := s.MustPerson(t, org.Person{Name: "教研员丁", OrgID: s.BureauA, ResearcherKind: "parttime", ResearcherSubject: "语文"})
		team, err := f.Svc.SaveTeam(context.Background(), roundActor, f.Round, other, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		return change{"county_a", "/links/" + id(f.Link) + "/move", v("team_id", id(team))}
	})
	add("POST /links/{id}/remove", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		return change{"county_a", "/links/" + id(f.Link) + "/remove", nil}
	})
	add("POST /links/{id}/guidance", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		return change{"county_a", "/links/" + id(f.Link) + "/guidance", v("teacher_id", id(s.TeacherA), "goal", "上好一节公开课")}
	})
	add("POST /links/{id}/followups", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		plan, err := f.Svc.AddGuidancePlan(context.Background(), roundActor, f.Link, s.TeacherA, "磨课")
		if err != nil {
			t.Fatal(err)
		}
		return change{"county_a", "/links/" + id(f.Link) + "/followups", v("plan_id", id(plan), "on_date", "2025-11-20", "note", "听课评课")}
	})
	add("POST /links/{id}/exchanges", func(t *testing.T, s *site) change {
		f := a(t, s, true, false)
		return change{"county_a", "/links/" + id(f.Link) + "/exchanges", v("on_date", "2025-12-20", "note", "期末交流")}
	})
	add("POST /stations", func(t *testing.T, s *site) change {
		return change{"county_a", "/stations", v("region", "330302", "first_year", "2025", "first_half", "1")}
	})
	add("POST /stations/{id}/plan", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		plan, err := f.Svc.CreateStationPlan(context.Background(), roundActor, "330302", "", dict.Term{Year: 2025, Half: dict.First}, 4)
		if err != nil {
			t.Fatal(err)
		}
		return change{"county_a", "/stations/" + id(plan) + "/plan", nil}
	})
	add("POST /stations/{id}/publish", func(t *testing.T, s *site) change {
		f := a(t, s, false, false)
		plan, _ := f.Svc.CreateStationPlan(context.Background(), roundActor, "330302", "", dict.Term{Year: 2025, Half: dict.First}, 4)
		if _, err := f.Svc.PlanStations(context.Background(), roundActor, plan, nil, liaison.TargetFilter{}); err != nil {
			t.Fatal(err)
		}
		return change{"county_a", "/stations/" + id(plan) + "/publish", v("version", "1")}
	})
	add("POST /stations/{id}/visit", func(t *testing.T, s *site) change {
		f := a(t, s, false, true)
		return change{"county_a", "/stations/" + id(f.Plan) + "/visit", v("station", id(f.Station), "station_phase", "opening", "start_date", "2025-09-10")}
	})
}

// extraObjects2 passes the county B link and station plan from the round
// object's creator to the kinds registered after it.
var extraObjects2 = map[string]map[string]string{}

func TestRoundPagesShowCompliance(t *testing.T) {
	s := newSite(t)
	f := newRoundFixture(t, s, "330302", s.SchoolA, true, true)
	c := s.as("county_a")
	if _, body := c.get("/rounds"); !strings.Contains(body, "轮次330302") {
		t.Fatal("county A's round missing from the list")
	}
	res, body := c.post(fmt.Sprintf("/rounds/%d/publish", f.Round), url.Values{"version": {"1"}})
	if res.StatusCode != 303 {
		t.Fatalf("publish: %d %s", res.StatusCode, body)
	}
	_, body = c.get(fmt.Sprintf("/rounds/%d", f.Round))
	if !strings.Contains(body, "已发布") || !strings.Contains(body, "鹿城区实验小学") || !strings.Contains(body, "5 天折算") {
		t.Fatalf("round page lacks status, link or the 5-day note:\n%s", body)
	}
	_, body = c.get(fmt.Sprintf("/links/%d", f.Link))
	if !strings.Contains(body, "2025学年第一学期") || !strings.Contains(body, "调研报告") {
		t.Fatalf("link page:\n%s", body)
	}
	res, body = c.post(fmt.Sprintf("/links/%d", f.Link), url.Values{"version": {"9"}, "survey": {"x"}})
	if res.StatusCode != 409 || !strings.Contains(body, "修改") {
		t.Fatalf("stale link save: %d", res.StatusCode)
	}
	_, body = c.get(fmt.Sprintf("/stations/%d", f.Plan))
	if !strings.Contains(body, "记期初") {
		t.Fatalf("station page lacks the 期初 link:\n%s", body)
	}
	_, body = c.get("/stations/coverage?region=330302&from=2025")
	if !strings.Contains(body, "缺口") || !strings.Contains(body, "鹿城区实验小学") {
		t.Fatalf("coverage page:\n%s", body)
	}
	if res, _ := c.get("/stations/coverage/export?region=330302"); res.StatusCode != 200 {
		t.Fatalf("coverage export: %d", res.StatusCode)
	}
	if res, _ := c.get(fmt.Sprintf("/rounds/%d/export", f.Round)); res.StatusCode != 200 {
		t.Fatalf("round export: %d", res.StatusCode)
	}
}
