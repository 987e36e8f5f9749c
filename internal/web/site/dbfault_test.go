package site_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// faultTables are the tables the org, role, policy and notify pages read;
// the walk takes each away in turn (the sign-in tables stay).
var faultTables = []string{"regions", "orgs", "people", "person_honours", "teaching_groups", "group_members",
	"studios", "studio_members", "policy_sets", "policy_values", "school_calendars", "dict_entries",
	"todos", "notices", "notice_targets", "notice_roles", "notice_receipts", "messages", "notify_mail", "attachments"}

// faultPrefixes are the pages of the org, admin role, policy and notify
// modules (and the home page).
var faultPrefixes = []string{"/orgs", "/people", "/groups", "/studios", "/regions", "/roles", "/policy", "/dicts",
	"/calendar", "/notices", "/todo", "/messages", "/{$}"}

type faultPage struct {
	c    *webtest.Client
	who  string
	path string
	want string // the page before the fault
}

// TestDatabaseFaultShowsTheErrorPage walks every HTML page of the org,
// role, policy and notify modules as the system and security
// administrators, with one table at a time renamed away: each page either
// does not read that table (and looks exactly as before) or shows the
// error page (500, 系统内部错误) — never a page with an empty list.
func TestDatabaseFaultShowsTheErrorPage(t *testing.T) {
	s := webtest.New(t)
	objs, _ := countyBObjects(t, s)
	s.Admin(t, "fault_sys", auth.RoleSysAdmin)
	s.Admin(t, "fault_sec", auth.RoleSecAdmin)
	pages := faultPages(t, s, objs)
	if len(pages) < 15 {
		t.Fatalf("only %d pages to walk", len(pages))
	}
	failed := 0
	for _, table := range faultTables {
		rename(t, s, table, table+"_gone")
		for _, p := range pages {
			res, body := p.c.Get(p.path)
			switch {
			case res.StatusCode == http.StatusInternalServerError && strings.Contains(body, "系统内部错误"):
				failed++
			case res.StatusCode == http.StatusOK && body == p.want:
			default:
				t.Errorf("without table %s, %s GET %s: status %d and a page unlike before, not the error page",
					table, p.who, p.path, res.StatusCode)
			}
		}
		rename(t, s, table+"_gone", table)
	}
	if failed < len(faultTables) {
		t.Errorf("only %d error pages over %d faults: the walk proves nothing", failed, len(faultTables))
	}
}

// faultPages are the module GET pages that render HTML with status 200
// for the system administrator (or, failing that, the security one).
func faultPages(t *testing.T, s *webtest.Site, objs map[string]map[string]string) []faultPage {
	clients := []struct {
		who string
		c   *webtest.Client
	}{{"系统管理员", s.As("fault_sys")}, {"安全管理员", s.As("fault_sec")}}
	var out []faultPage
	for _, rt := range s.Server.Routes() {
		if rt.Method != "GET" || !faultRoute(rt) {
			continue
		}
		path := webtest.Fill(webtest.Fill(rt.Pattern, objs[rt.Object]), nil)
		for _, cl := range clients {
			res, body := cl.c.Get(path)
			if res.StatusCode == http.StatusOK && strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				out = append(out, faultPage{c: cl.c, who: cl.who, path: path, want: body})
				break
			}
		}
	}
	return out
}

func faultRoute(rt web.Route) bool {
	if strings.Contains(rt.Pattern, "/files/") || strings.HasPrefix(rt.Pattern, "/export") {
		return false
	}
	for _, p := range faultPrefixes {
		if strings.HasPrefix(rt.Pattern, p) {
			return true
		}
	}
	return false
}

func rename(t *testing.T, s *webtest.Site, from, to string) {
	t.Helper()
	if err := s.DB.Exec(context.Background(), "ALTER TABLE "+from+" RENAME TO "+to); err != nil {
		t.Fatalf("rename %s: %v", from, err)
	}
}
