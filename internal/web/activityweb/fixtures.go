package activityweb

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	objects := []web.ScopeObject{{Kind: "activity", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
		id := Published(t, w, "county_b", w.BureauB, "龙湾区群文阅读研讨", activity.ModeOpen)
		return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾区群文阅读研讨"}
	}}}
	return web.Fixtures{Objects: append(append(append(objects, obsObjects()...), serviceObjects()...), roomObjects()...), Changes: auditedChanges(),
		Skip: []string{"POST /activities/{id}/files", "POST /threads/{id}/posts/{pid}/files"}} // multipart: see files_test.go
}

// ServiceOf is an activity service over the test world.
func ServiceOf(w *testutil.World) *activity.Service {
	return &activity.Service{DB: w.DB, Keys: w.Keys, Policy: &policy.Service{DB: w.DB}}
}

// Draft is a complete activity of org running from an hour ago to two
// hours on, so that its 签到码 is valid now.
func Draft(org int64, title, mode string) activity.Activity {
	now := time.Now().In(activity.CST)
	return activity.Activity{OrgID: org, Kind: "themed", Title: title, Theme: "单元整体教学", Plan: "课例展示与研讨",
		StartsAt: now.Add(-time.Hour).Format(activity.TimeLayout), EndsAt: now.Add(2 * time.Hour).Format(activity.TimeLayout),
		Place: "报告厅", SignupMode: mode, Hours: 3, OutcomeKind: activity.OutcomeCase, OutcomeDue: now.AddDate(0, 1, 0).Format(time.DateOnly)}
}

// Published creates and publishes an activity of org by user (its region
// as audience) and returns its id.
func Published(t testing.TB, w *testutil.World, user string, org int64, title, mode string) int64 {
	t.Helper()
	id := DraftBy(t, w, user, org, title, mode)
	if err := ServiceOf(w).Publish(context.Background(), w.ActorOf(t, user), id, 1); err != nil {
		t.Fatal(err)
	}
	return id
}

// DraftBy creates a draft of org by user.
func DraftBy(t testing.TB, w *testutil.World, user string, org int64, title, mode string) int64 {
	t.Helper()
	id, err := ServiceOf(w).CreateActivity(context.Background(), w.ActorOf(t, user), Draft(org, title, mode), activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type changeMaker = func(t testing.TB, w *testutil.World) web.Change

func form(kv ...string) url.Values { return web.Form(kv...) }

// countyA is a published open activity of county A's bureau.
func countyA(t testing.TB, w *testutil.World) int64 {
	return Published(t, w, "county_a", w.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
}

// ended is countyA's activity ended with its record.
func ended(t testing.TB, w *testutil.World) int64 {
	id := countyA(t, w)
	if err := ServiceOf(w).End(context.Background(), w.ActorOf(t, "county_a"), id, 2, "到会 30 人"); err != nil {
		t.Fatal(err)
	}
	return id
}

func path(id int64, tail string) string { return fmt.Sprintf("/activities/%d%s", id, tail) }

// auditedChanges are valid requests for the module's audited routes.
func auditedChanges() map[string]changeMaker {
	d := Draft(0, "", activity.ModeOpen)
	fields := func(kv ...string) url.Values {
		return form(append([]string{"kind", "themed", "title", "鹿城区小学数学研讨", "theme", "单元整体教学", "plan", "课例展示",
			"starts_at", d.StartsAt, "ends_at", d.EndsAt, "place", "报告厅", "audience", "region", "signup_mode", "open", "hours", "3"}, kv...)...)
	}
	ch := map[string]changeMaker{
		"POST /activities": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/activities", Form: fields("organiser", fmt.Sprintf("%d:0:0", w.BureauA))}
		},
		"POST /activities/study-days": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: "/activities/study-days", Form: form("subject", "数学", "weekday", "3", "half", "pm",
				"from_year", fmt.Sprint(dict.SchoolYearOf(time.Now())))}
		},
		"POST /activities/{id}": func(t testing.TB, w *testutil.World) web.Change {
			id := DraftBy(t, w, "county_a", w.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
			return web.Change{User: "county_a", Path: path(id, ""), Form: fields("version", "1")}
		},
		"POST /activities/{id}/publish": func(t testing.TB, w *testutil.World) web.Change {
			id := DraftBy(t, w, "county_a", w.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
			return web.Change{User: "county_a", Path: path(id, "/publish"), Form: form("version", "1")}
		},
		"POST /activities/{id}/end": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: path(countyA(t, w), "/end"), Form: form("version", "2", "record", "到会 30 人")}
		},
		"POST /activities/{id}/outcome": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: path(ended(t, w), "/outcome"), Form: form("version", "3", "outcome", "教研案例一篇")}
		},
		"POST /activities/{id}/review": func(t testing.TB, w *testutil.World) web.Change {
			id := ended(t, w)
			if err := ServiceOf(w).SubmitOutcome(context.Background(), w.ActorOf(t, "county_a"), id, 3, "教研案例一篇"); err != nil {
				t.Fatal(err)
			}
			return web.Change{User: "county_a", Path: path(id, "/review"), Form: form("version", "4", "decision", "return", "reason", "缺少课例分析")}
		},
		"POST /activities/{id}/invite": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "county_a", Path: path(countyA(t, w), "/invite"), Form: form("people", fmt.Sprint(w.TeacherA))}
		},
		"POST /activities/{id}/signup": func(t testing.TB, w *testutil.World) web.Change {
			return web.Change{User: "teacher_a", Path: path(countyA(t, w), "/signup")}
		},
		"POST /activities/{id}/cancel": func(t testing.TB, w *testutil.World) web.Change {
			id := countyA(t, w)
			if err := ServiceOf(w).SignUp(context.Background(), w.ActorOf(t, "teacher_a"), id); err != nil {
				t.Fatal(err)
			}
			return web.Change{User: "teacher_a", Path: path(id, "/cancel")}
		},
		"POST /activities/{id}/checkin": func(t testing.TB, w *testutil.World) web.Change {
			id := countyA(t, w)
			_, code, err := ServiceOf(w).CheckinCode(context.Background(), w.ActorOf(t, "county_a"), id)
			if err != nil {
				t.Fatal(err)
			}
			return web.Change{User: "teacher_a", Path: path(id, "/checkin"), Form: form("code", code)}
		},
	}
	ch["POST /activity-kinds"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "city_admin", Path: "/activity-kinds", Form: form("name", "课例研修")}
	}
	ch["POST /activity-kinds/{code}"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "city_admin", Path: "/activity-kinds/online", Form: form("op", "rename", "name", "线上教研", "version", "1")}
	}
	obsChanges(ch)
	serviceChanges(ch)
	roomChanges(ch)
	studioChanges(ch)
	return ch
}
