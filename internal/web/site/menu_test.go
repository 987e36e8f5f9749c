package site_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

var (
	navRE  = regexp.MustCompile(`(?s)<nav id="nav" class="side">(.*?)</nav>`)
	hrefRE = regexp.MustCompile(`href="([^"]+)"`)
)

// roleUsers signs up one user of every built-in role, each where a real
// one works (the 三员 with no person), and returns username -> role.
func roleUsers(t *testing.T, s *webtest.Site) map[string]string {
	office := s.MustOrg(t, org.Org{Name: "鹿城区教研室", Kind: org.KindResearchOffice, RegionCode: "330302"})
	people := map[string]org.Person{
		auth.RoleCityAdmin:   {Name: "市局用户", OrgID: s.BureauA},
		auth.RoleCountyAdmin: {Name: "县局用户", OrgID: s.BureauA},
		auth.RoleSchoolAdmin: {Name: "校管用户", OrgID: s.SchoolA},
		auth.RoleResearcher:  {Name: "教研员用户", OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office},
		auth.RoleTeacher:     {Name: "教师用户", OrgID: s.SchoolA},
		auth.RoleExpert:      {Name: "专家用户", OrgID: s.SchoolA, Expert: true},
	}
	users := map[string]string{}
	for _, role := range []string{auth.RoleSysAdmin, auth.RoleSecAdmin, auth.RoleAuditor} {
		s.Admin(t, "role_"+role, role)
		users["role_"+role] = role
	}
	for role, p := range people {
		web.TestUser(t, s.World, s.MustPerson(t, p), "role_"+role, role)
		users["role_"+role] = role
	}
	return users
}

// TestEveryMenuLinkOpensForEveryRole signs in a user of every built-in role
// and opens every link of their side menu: each answers 200, none 403 or
// an error page.
func TestEveryMenuLinkOpensForEveryRole(t *testing.T) {
	s := webtest.New(t)
	links := 0
	for user, role := range roleUsers(t, s) {
		c := s.As(user)
		_, home := c.Get("/")
		nav := navRE.FindStringSubmatch(home)
		if nav == nil {
			t.Fatalf("%s: home has no side menu", role)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(nav[1], -1) {
			links++
			res, body := c.Get(m[1])
			if res.StatusCode != http.StatusOK || strings.Contains(body, `class="flash err"`) {
				t.Errorf("%s (%s): menu link %s answers %d %s", role, user, m[1], res.StatusCode, errText(body))
			}
		}
	}
	_, home := s.As("role_" + auth.RoleSchoolAdmin).Get("/")
	for _, planOnly := range []string{`href="/rounds"`, `href="/stations"`} {
		if strings.Contains(navRE.FindString(home), planOnly) {
			t.Errorf("a school administrator's menu offers %s, the bureau's planning page", planOnly)
		}
	}
	if links < 20 {
		t.Fatalf("only %d menu links walked", links)
	}
}

var errRE = regexp.MustCompile(`class="flash err"[^>]*>([^<]*)`)

func errText(body string) string {
	if m := errRE.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}
