package liaisonweb_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// liaisonTables are the tables the liaison and report pages read; the walk
// takes each away in turn.
var liaisonTables = []string{"visits", "visit_members", "liaison_rounds", "liaison_targets", "liaison_teams", "liaison_links",
	"liaison_exchanges", "guidance_plans", "guidance_followups", "station_plans", "stations", "credit_entries", "regions",
	"orgs", "people", "policy_values"}

// liaisonPrefixes are the pages of the liaison and report modules.
var liaisonPrefixes = []string{"/researchers", "/visits", "/rounds", "/links", "/stations", "/my", "/liaison"}

// TestDatabaseFaultShowsTheErrorPage walks every HTML page of the liaison
// and report modules as the system administrator with one table at a time
// renamed away: each page either does not read that table (and looks
// exactly as before) or shows the error page — never a page with an empty
// list or a missing choice.
func TestDatabaseFaultShowsTheErrorPage(t *testing.T) {
	s := webtest.New(t)
	s.Admin(t, "fault_sys", auth.RoleSysAdmin)
	c := s.As("fault_sys")
	objs := map[string]map[string]string{}
	for _, o := range liaisonweb.Module(nil, nil, nil).Fixtures().Objects {
		objs[o.Kind], _ = o.Make(t, s.World)
	}
	type page struct{ path, want string }
	var pages []page
	for _, rt := range s.Server.Routes() {
		if rt.Method != "GET" || !liaisonRoute(rt) {
			continue
		}
		path := webtest.Fill(webtest.Fill(rt.Pattern, objs[rt.Object]), nil)
		if res, body := c.Get(path); res.StatusCode == http.StatusOK && strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			pages = append(pages, page{path, body})
		}
	}
	if len(pages) < 12 {
		t.Fatalf("only %d pages to walk", len(pages))
	}
	failed := 0
	for _, table := range liaisonTables {
		rename(t, s, table, table+"_gone")
		for _, p := range pages {
			res, body := c.Get(p.path)
			switch {
			case res.StatusCode == http.StatusInternalServerError && strings.Contains(body, "系统内部错误"):
				failed++
			case res.StatusCode == http.StatusOK && body == p.want:
			default:
				t.Errorf("without table %s, GET %s: status %d and a page unlike before, not the error page", table, p.path, res.StatusCode)
			}
		}
		rename(t, s, table+"_gone", table)
	}
	if failed < len(liaisonTables) {
		t.Errorf("only %d error pages over %d faults: the walk proves nothing", failed, len(liaisonTables))
	}
}

func liaisonRoute(rt web.Route) bool {
	if strings.Contains(rt.Pattern, "/attachments/") || strings.Contains(rt.Pattern, "export") {
		return false
	}
	for _, p := range liaisonPrefixes {
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
