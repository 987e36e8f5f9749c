package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// change is one valid state-changing request: who sends it, where, what.
type change struct {
	user string // "" = signed out
	path string
	form url.Values
}

func changes(t *testing.T, s *site) map[string]func() change {
	ctx := context.Background()
	a, tA, sA := fmt.Sprint(s.SchoolA), fmt.Sprint(s.TeacherA), s.userID("teacher_a")
	year := fmt.Sprint((&policy.Service{DB: s.DB}).CurrentSchoolYear())
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			out.Add(kv[i], kv[i+1])
		}
		return out
	}
	return map[string]func() change{
		"POST /login":  func() change { return change{"", "/login", v("username", "teacher_a", "password", testutil.Password)} },
		"POST /logout": func() change { return change{"county_a", "/logout", nil} },
		"POST /account/password": func() change {
			return change{"teacher_a", "/account/password", v("old_password", testutil.Password, "new_password", "Nw#2026pass", "confirm", "Nw#2026pass")}
		},
		"POST /regions": func() change {
			return change{"county_a", "/regions", v("code", "330302001", "name", "五马街道", "level", "town", "parent_code", "330302")}
		},
		"POST /regions/{code}": func() change {
			return change{"county_a", "/regions/330302", v("name", "鹿城区", "mountain", "1", "version", "1")}
		},
		"POST /orgs": func() change {
			return change{"county_a", "/orgs", v("name", "新学校", "kind", "school", "region_code", "330302", "school_code", "2330000777", "stages", "junior", "locale", "town")}
		},
		"POST /orgs/{id}": func() change {
			return change{"county_a", "/orgs/" + a, v("name", "鹿城区实验小学", "school_code", "2330000001", "stages", "primary", "locale", "urban", "version", "1")}
		},
		"POST /orgs/{id}/active": func() change { return change{"county_a", "/orgs/" + a + "/active", v("active", "0", "version", "1")} },
		"POST /people": func() change {
			return change{"county_a", "/people", v("name", "新老师", "org_id", a, "gender", "1")}
		},
		"POST /people/{id}": func() change {
			return change{"county_a", "/people/" + tA, v("name", "陈鹿城", "org_id", a, "title", "senior", "version", "1", "id_number", testutil.IDA)}
		},
		"POST /people/{id}/active": func() change {
			return change{"county_a", "/people/" + tA + "/active", v("active", "0", "version", "1")}
		},
		"POST /people/{id}/account": func() change {
			id := s.MustPerson(t, org.Person{Name: "孙新人", OrgID: s.SchoolA})
			return change{"county_a", fmt.Sprintf("/people/%d/account", id), v("username", "sun_x", "password", "Sx#2026abc", "roles", "teacher")}
		},
		"POST /groups": func() change {
			return change{"school_a", "/groups", v("org_id", a, "name", "数学组", "kind", "subject", "leader", tA, "members", tA)}
		},
		"POST /groups/{id}": func() change {
			id, _ := s.Org.SaveGroup(ctx, testutil.Root, org.Group{OrgID: s.SchoolA, Name: "英语组", Kind: "subject"}, nil)
			return change{"school_a", fmt.Sprintf("/groups/%d", id), v("org_id", a, "name", "英语教研组", "kind", "subject", "version", "1")}
		},
		"POST /studios": func() change {
			return change{"county_a", "/studios", v("name", "陈鹿城工作室", "level", "county", "org_id", a, "host", tA)}
		},
		"POST /studios/{id}": func() change {
			id, _ := s.Org.SaveStudio(ctx, testutil.Root, org.Studio{Name: "甲工作室", Level: "county", OrgID: s.SchoolA, HostID: s.TeacherA}, nil)
			return change{"county_a", fmt.Sprintf("/studios/%d", id), v("name", "乙工作室", "level", "city", "org_id", a, "host", tA, "version", "1")}
		},
		"POST /policy/preset": func() change {
			return change{"county_a", "/policy/preset", v("region", "330302", "preset", "wenzhou_2024_26", "from_year", year)}
		},
		"POST /policy/rule": func() change {
			return change{"county_a", "/policy/rule", v("region", "330302", "rule", "researcher.training_hours_per_year", "value", "80", "from_year", year, "version", "0")}
		},
		"POST /dicts/{table}": func() change {
			s.admin(t, "sys", auth.RoleSysAdmin)
			return change{"sys", "/dicts/subject", v("code", "calligraphy", "name", "书法", "sort", "99", "enabled", "1")}
		},
		"POST /calendar": func() change {
			return change{"county_a", "/calendar", v("region", "330302", "year", "2025", "term1_start", "2025-09-01", "term1_end", "2026-01-23",
				"term2_start", "2026-02-24", "term2_end", "2026-07-03")}
		},
		"POST /accounts/{id}/roles": func() change {
			return change{"county_a", "/accounts/" + sA + "/roles", v("roles", "teacher", "roles", "expert")}
		},
		"POST /accounts/{id}/reset":  func() change { return change{"county_a", "/accounts/" + sA + "/reset", v("password", "Tmp#2026xyz")} },
		"POST /accounts/{id}/unlock": func() change { return change{"county_a", "/accounts/" + sA + "/unlock", nil} },
		"POST /accounts/{id}/active": func() change { return change{"county_a", "/accounts/" + sA + "/active", v("active", "0")} },
		"POST /accounts/{id}/totp-reset": func() change {
			s.admin(t, "sec", auth.RoleSecAdmin)
			return change{"sec", "/accounts/" + sA + "/totp-reset", nil}
		},
		"POST /roles": func() change {
			s.admin(t, "sec", auth.RoleSecAdmin)
			return change{"sec", "/roles", v("code", "reviewer", "name", "评审秘书", "scope", "subtree", "permissions", "person.view")}
		},
		"POST /roles/{id}": func() change {
			s.admin(t, "sec", auth.RoleSecAdmin)
			return change{"sec", "/roles/8", v("name", "教师", "scope", "self", "permissions", "person.view", "version", "1")}
		},
	}
}

// extraChanges lets each module's test file register valid requests for its
// own audited routes (in an init function), keyed "METHOD /pattern".
var extraChanges = map[string]func(t *testing.T, s *site) change{}

// TestEveryChangeWritesOneAuditRow sends a valid request to every route
// marked Audited and checks the audit log grew by exactly one row.
func TestEveryChangeWritesOneAuditRow(t *testing.T) {
	totpRoutes := map[string]bool{"POST /account/totp/begin": true, "POST /account/totp": true, "POST /login/totp": true,
		"POST /import/{kind}": true, "POST /visits/{id}/attachments": true} // multipart or multi-step: tested on their own
	for _, rt := range (&web.Server{}).Routes() {
		key := rt.Method + " " + rt.Pattern
		if !rt.Audited || totpRoutes[key] {
			continue
		}
		t.Run(key, func(t *testing.T) {
			s := newSite(t)
			all := changes(t, s)
			for k, f := range extraChanges {
				all[k] = func() change { return f(t, s) }
			}
			mk, ok := all[key]
			if !ok {
				t.Fatalf("no valid request for audited route %s: add one", key)
			}
			ch := mk()
			c := s.anon()
			if ch.user != "" {
				c = s.as(ch.user)
			}
			before := s.auditCount()
			res, body := c.post(ch.path, ch.form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if got := s.auditCount() - before; got != 1 {
				t.Fatalf("audit rows written: %d, want 1", got)
			}
		})
	}
}

// TestAdminTOTPFlowOverHTTP enrols an administrator's authenticator and
// signs in with a code; each of the three steps writes one audit row.
func TestAdminTOTPFlowOverHTTP(t *testing.T) {
	s := newSite(t)
	s.Auth.Policy.RequireAdminTOTP = true
	s.admin(t, "sys", auth.RoleSysAdmin)
	c := s.as("sys")
	if res, _ := c.get("/"); res.Header.Get("Location") != "/account/totp" {
		t.Fatalf("admin without TOTP not sent to enrolment: %s", res.Header.Get("Location"))
	}
	n := s.auditCount()
	_, body := c.post("/account/totp/begin", nil)
	m := regexp.MustCompile(`id="totp-secret" class="secret">([A-Z2-7]+)<`).FindStringSubmatch(body)
	if m == nil || s.auditCount() != n+1 {
		t.Fatalf("no secret shown or not audited: %s", body)
	}
	step := auth.TOTPStep(time.Now())
	code, _ := auth.TOTPCode(m[1], step)
	if res, body := c.post("/account/totp", url.Values{"code": {code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", res.StatusCode, body)
	}
	c2 := s.as("sys")
	if res, _ := c2.get("/people"); res.Header.Get("Location") != "/login/totp" {
		t.Fatalf("second sign-in skipped the code: %s", res.Header.Get("Location"))
	}
	n = s.auditCount()
	next, _ := auth.TOTPCode(m[1], step+1)
	if res, body := c2.post("/login/totp", url.Values{"code": {next}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("verify: %d %s", res.StatusCode, body)
	}
	if s.auditCount() != n+1 {
		t.Fatal("code verification not audited")
	}
	if res, _ := c2.get("/people"); res.StatusCode != http.StatusOK {
		t.Fatalf("after code: %d", res.StatusCode)
	}
}

// TestImportWritesOneAuditRow: an import (run as a job) leaves one audit
// row for the whole batch.
func TestImportWritesOneAuditRow(t *testing.T) {
	s := newSite(t)
	c := s.as("county_a")
	before := s.auditCount()
	page := c.upload("regions", "r.csv", csvFile("区划代码,名称,级别,上级区划代码", "330302002,南汇街道,镇街,330302"), false)
	if !strings.Contains(page, "新增 1 条") || s.auditCount() != before+1 {
		t.Fatalf("audit rows %d, page %s", s.auditCount()-before, page)
	}
}
