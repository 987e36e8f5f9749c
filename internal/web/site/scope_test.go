package site_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/site"
	"jiaoyan/internal/web/webtest"
)

// fixtures are the kit's and every module's test registrations.
func fixtures(s *webtest.Site) []web.Fixtures {
	out := []web.Fixtures{web.KitFixtures()}
	for _, m := range site.Modules(s.Deps()) {
		out = append(out, m.Fixtures())
	}
	return out
}

// countyBObjects makes every registered county-B object and returns, by
// kind, the path values naming it, plus strings no county A page may show.
func countyBObjects(t *testing.T, s *webtest.Site) (map[string]map[string]string, []string) {
	objs := map[string]map[string]string{}
	var secrets []string
	for _, f := range fixtures(s) {
		for _, o := range f.Objects {
			if _, dup := objs[o.Kind]; dup {
				t.Fatalf("object kind %q is registered twice", o.Kind)
			}
			vals, more := o.Make(t, s.World)
			objs[o.Kind] = vals
			secrets = append(secrets, more...)
		}
	}
	return objs, secrets
}

// TestEveryRouteHidesOtherCountysObjects walks every route of the site as
// a county A administrator, teacher and school administrator: routes about
// a county B object answer 403 or 404, and no page shows county B's data.
// A route whose Object kind has no registered object fails the test.
func TestEveryRouteHidesOtherCountysObjects(t *testing.T) {
	s := webtest.New(t)
	objs, secrets := countyBObjects(t, s)
	for _, rt := range s.Server.Routes() {
		if rt.Object != "" && objs[rt.Object] == nil {
			t.Errorf("%s %s acts on %q objects but no module registers a test object of that kind", rt.Method, rt.Pattern, rt.Object)
		}
	}
	for _, user := range []string{"county_a", "teacher_a", "school_a"} {
		c := s.As(user)
		for _, rt := range s.Server.Routes() {
			if rt.Public || rt.Pattern == "/logout" {
				continue
			}
			walkRoute(t, c, user, rt, objs, secrets)
		}
	}
	// Positive controls: the same sessions do see their own county.
	if _, body := s.As("county_a").Get("/people"); !strings.Contains(body, "陈鹿城") {
		t.Fatal("county A admin does not see county A's teacher: the walk proves nothing")
	}
	if res, body := s.As("teacher_a").Get(fmt.Sprintf("/people/%d", s.TeacherA)); res.StatusCode != 200 || !strings.Contains(body, "陈鹿城") {
		t.Fatalf("teacher cannot open own record: %d", res.StatusCode)
	}
	p, _ := s.Org.FindPersonByID(context.Background(), testutil.Root, s.TeacherB)
	if p.Name != "王龙湾" || !p.Active {
		t.Fatalf("county B person was changed by the walk: %+v", p)
	}
}

func walkRoute(t *testing.T, c *webtest.Client, user string, rt web.Route, objs map[string]map[string]string, secrets []string) {
	t.Helper()
	path := rt.Pattern
	if rt.Object != "" {
		path = webtest.Fill(path, objs[rt.Object])
	}
	path = webtest.Fill(path, nil)
	form := url.Values{"name": {"改名"}, "version": {"1"}, "active": {"0"}, "roles": {"teacher"},
		"password": {"Xy#98765abc"}, "username": {"stolen_b"}, "org_id": {objs["org"]["id"]}}
	var res *http.Response
	var body string
	if rt.Method == "GET" {
		res, body = c.Get(path + "?org_id=" + objs["org"]["id"] + "&q=王")
	} else {
		res, body = c.Post(path, form)
	}
	body = webtest.Readable(t, res, body)
	if rt.Object != "" && res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("%s %s %s as %s: status %d, want 403/404", user, rt.Method, rt.Pattern, path, res.StatusCode)
	}
	for _, sec := range secrets {
		if strings.Contains(body, sec) || strings.Contains(res.Header.Get("Location"), sec) {
			t.Errorf("%s %s %s shows county B data %q", user, rt.Method, path, sec)
		}
	}
}

func TestSignedOutUserIsSentToLogin(t *testing.T) {
	s := webtest.New(t)
	c := s.Anon()
	for _, rt := range s.Server.Routes() {
		if rt.Public {
			continue
		}
		path := webtest.Fill(webtest.Fill(rt.Pattern, map[string]string{"id": "1", "code": "330302"}), nil)
		var res *http.Response
		if rt.Method == "GET" {
			res, _ = c.Get(path)
		} else {
			res, _ = c.Post(path, url.Values{})
		}
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s %s signed out: %d %s", rt.Method, rt.Pattern, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

func TestCrossSitePostIsRefused(t *testing.T) {
	s := webtest.New(t)
	c := s.As("county_a")
	req, _ := http.NewRequest("POST", s.URL+"/people", strings.NewReader("name=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := webtest.ReadBody(res)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "跨站") {
		t.Fatalf("cross-site POST: %d %s", res.StatusCode, body)
	}
}

// TestOutsideExpertReachesNoRegionData walks every route as an outside
// expert: an account bound to a pool expert, with no person record and no
// organisation. Routes about county B objects answer 403 or 404, no page
// shows either county's people, schools or submissions, and none fails.
func TestOutsideExpertReachesNoRegionData(t *testing.T) {
	s := webtest.New(t)
	objs, secrets := countyBObjects(t, s)
	reviewweb.NewOutsideExpert(t, s.World, reviewweb.ServiceOf(s.World), s.CountyA, s.BureauA, "周教授", "outside_zhou", "")
	secrets = append(secrets, "陈鹿城", "鹿城区实验小学")
	c := s.As("outside_zhou")
	for _, rt := range s.Server.Routes() {
		if rt.Public || rt.Pattern == "/logout" {
			continue
		}
		walkRoute(t, c, "outside_zhou", rt, objs, secrets)
	}
	n := 0
	for _, rt := range s.Server.Routes() {
		if rt.Public || rt.Method != "GET" {
			continue
		}
		path := webtest.Fill(webtest.Fill(rt.Pattern, objs[rt.Object]), nil)
		if res, _ := c.Get(path); res.StatusCode >= 500 {
			t.Errorf("outside expert's GET %s: %d", path, res.StatusCode)
		}
		n++
	}
	t.Logf("%d GET routes answered below 500", n)
	// Positive control: the account is signed in and holds the expert's page.
	if res, body := c.Get("/reviews"); res.StatusCode != 200 || !strings.Contains(body, "评审任务") {
		t.Fatalf("outside expert's /reviews: %d", res.StatusCode)
	}
}
