package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// extraObjects lets each module's test file add, in an init function, an
// object of its own kind in county B: the kind named in its routes' Object,
// the path values, and strings no county A page may show.
var extraObjects []func(t *testing.T, s *site) (kind string, vals map[string]string, secrets []string)

// countyBObjects creates one object of every kind in county B and returns
// the {id}/{code} values to put in route patterns, plus strings that must
// never appear in a county A user's page.
func countyBObjects(t *testing.T, s *site) (map[string]map[string]string, []string) {
	ctx := context.Background()
	gid, err := s.Org.SaveGroup(ctx, testutil.Root, org.Group{OrgID: s.SchoolB, Name: "龙湾语文组", Kind: "subject",
		LeaderID: s.TeacherB}, []int64{s.TeacherB})
	if err != nil {
		t.Fatal(err)
	}
	sid, err := s.Org.SaveStudio(ctx, testutil.Root, org.Studio{Name: "王龙湾名师工作室", Level: "county", OrgID: s.SchoolB,
		HostID: s.TeacherB}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.MustUser(t, s.TeacherB, "teacher_b", "teacher")
	jobID, err := (&jobs.Store{DB: s.DB}).Create(ctx, s.ActorOf(t, "teacher_b"), "import.people", "王龙湾的导入", "王龙湾.csv", []byte("王龙湾"))
	if err != nil {
		t.Fatal(err)
	}
	objs := map[string]map[string]string{
		"org":    {"id": fmt.Sprint(s.SchoolB)},
		"person": {"id": fmt.Sprint(s.TeacherB)},
		"group":  {"id": fmt.Sprint(gid)},
		"studio": {"id": fmt.Sprint(sid)},
		"user":   {"id": s.userID("teacher_b")},
		"region": {"code": "330303"},
		"role":   {"id": "1"},
		"job":    {"id": fmt.Sprint(jobID)},
	}
	secrets := []string{"王龙湾", "龙湾区永中小学", "龙湾语文组", "王龙湾名师工作室", testutil.IDB, "13987654321", "teacher_b"}
	for _, extra := range extraObjects {
		kind, vals, more := extra(t, s)
		objs[kind] = vals
		secrets = append(secrets, more...)
	}
	return objs, secrets
}

// TestEveryRouteHidesOtherCountysObjects walks every registered route as a
// county A administrator and as a county A teacher: routes about a county B
// object answer 403 or 404, and no page shows county B's data.
func TestEveryRouteHidesOtherCountysObjects(t *testing.T) {
	s := newSite(t)
	objs, secrets := countyBObjects(t, s)
	routes := (&web.Server{}).Routes()
	for _, user := range []string{"county_a", "teacher_a", "school_a"} {
		c := s.as(user)
		for _, rt := range routes {
			if rt.Public || rt.Pattern == "/logout" {
				continue
			}
			path := rt.Pattern
			if rt.Object != "" {
				path = fill(path, objs[rt.Object])
			}
			path = fill(path, nil)
			form := url.Values{"name": {"改名"}, "version": {"1"}, "active": {"0"}, "roles": {"teacher"},
				"password": {"Xy#98765abc"}, "username": {"stolen_b"}, "org_id": {objs["org"]["id"]}}
			var res *http.Response
			var body string
			if rt.Method == "GET" {
				res, body = c.get(path + "?org_id=" + objs["org"]["id"] + "&q=王")
			} else {
				res, body = c.post(path, form)
			}
			body = readable(t, res, body)
			if rt.Object != "" && res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s %s as %s: status %d, want 403/404", user, rt.Method, rt.Pattern, path, res.StatusCode)
			}
			for _, sec := range secrets {
				if strings.Contains(body, sec) || strings.Contains(res.Header.Get("Location"), sec) {
					t.Errorf("%s %s %s shows county B data %q", user, rt.Method, path, sec)
				}
			}
		}
	}
	// Positive controls: the same sessions do see their own county.
	if _, body := s.as("county_a").get("/people"); !strings.Contains(body, "陈鹿城") {
		t.Fatal("county A admin does not see county A's teacher: the walk proves nothing")
	}
	if res, body := s.as("teacher_a").get(fmt.Sprintf("/people/%d", s.TeacherA)); res.StatusCode != 200 || !strings.Contains(body, "陈鹿城") {
		t.Fatalf("teacher cannot open own record: %d", res.StatusCode)
	}
	p, _ := s.Org.FindPersonByID(context.Background(), testutil.Root, s.TeacherB)
	if p.Name != "王龙湾" || !p.Active {
		t.Fatalf("county B person was changed by the walk: %+v", p)
	}
}

func TestSignedOutUserIsSentToLogin(t *testing.T) {
	s := newSite(t)
	c := s.anon()
	for _, rt := range (&web.Server{}).Routes() {
		if rt.Public {
			continue
		}
		path := fill(fill(rt.Pattern, map[string]string{"id": "1", "code": "330302"}), nil)
		var res *http.Response
		if rt.Method == "GET" {
			res, _ = c.get(path)
		} else {
			res, _ = c.post(path, url.Values{})
		}
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s %s signed out: %d %s", rt.Method, rt.Pattern, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

func TestCrossSitePostIsRefused(t *testing.T) {
	s := newSite(t)
	c := s.as("county_a")
	req, _ := http.NewRequest("POST", s.URL+"/people", strings.NewReader("name=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(res)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "跨站") {
		t.Fatalf("cross-site POST: %d %s", res.StatusCode, body)
	}
}

// readable returns a response body as text a person would read: the cells
// of an xlsx download, or the body itself.
func readable(t *testing.T, res *http.Response, body string) string {
	if !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
		return body
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("download is not an xlsx: %v", err)
	}
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	return b.String()
}

func TestExportsFollowScope(t *testing.T) {
	s := newSite(t)
	countyBObjects(t, s)
	c := s.as("county_a")
	res, body := c.get("/export/people")
	text := readable(t, res, body)
	if !strings.Contains(text, "陈鹿城") || strings.Contains(text, "王龙湾") {
		t.Fatalf("county A's people export: %s", text)
	}
	res, body = s.as("teacher_a").get("/export/people")
	if text := readable(t, res, body); strings.Contains(text, testutil.IDA) || !strings.Contains(text, "3303**********0015") {
		t.Fatalf("teacher's export is not masked like the page: %s", text)
	}
}
