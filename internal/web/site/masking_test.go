package site_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// TestNoFullNumberOnAnyPageOrExport (DESIGN §6, PIPL §28/§51): a user of
// every built-in role, each filed with a full ID number and phone of their
// own, walks every page reachable from the menu and links, and downloads
// every export route and export link; no full ID number or phone of anyone
// appears, as no built-in role holds 查看完整身份证号与手机号. Once a security
// administrator grants it to 县级管理员, the county's full numbers do
// appear on that role's pages, so the walk can see them.
func TestNoFullNumberOnAnyPageOrExport(t *testing.T) {
	s := webtest.New(t)
	secrets := []string{testutil.IDA, testutil.IDB, "13812345678", "13987654321"}
	users := maskingUsers(t, s, &secrets)
	exports := exportRoutes(s)
	sawMasked := false
	for _, user := range sortedKeys(users) {
		w := walkNumbers(t, s.As(user), secrets, exports)
		sawMasked = sawMasked || w.masked
		for _, l := range w.leaks {
			t.Errorf("%s (%s): %s", user, users[user], l)
		}
		if w.pages < 3 {
			t.Errorf("%s reached only %d pages: the walk no longer follows the menu", user, w.pages)
		}
	}
	if !sawMasked {
		t.Fatal("no page showed a masked number: the walk never reached the people pages")
	}
	grantSensitive(t, s, auth.RoleCountyAdmin)
	if w := walkNumbers(t, s.As("county_a"), secrets, exports); !slices.ContainsFunc(w.leaks, func(l string) bool {
		return strings.Contains(l, testutil.IDA)
	}) {
		t.Fatal("a county admin granted 查看完整身份证号与手机号 still sees no full ID number: the walk cannot fail")
	}
}

// maskingUsers are the world's users plus one of every built-in role,
// each business user a person with a full ID number and phone added to
// secrets; it returns username -> role code.
func maskingUsers(t *testing.T, s *webtest.Site, secrets *[]string) map[string]string {
	office := s.MustOrg(t, org.Org{Name: "鹿城区教研室", Kind: org.KindResearchOffice, RegionCode: "330302"})
	people := map[string]org.Person{
		auth.RoleCityAdmin:   {Name: "市局用户", OrgID: s.BureauA},
		auth.RoleCountyAdmin: {Name: "县局用户", OrgID: s.BureauA},
		auth.RoleSchoolAdmin: {Name: "校管用户", OrgID: s.SchoolA},
		auth.RoleResearcher:  {Name: "教研员用户", OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office},
		auth.RoleTeacher:     {Name: "教师用户", OrgID: s.SchoolA},
		auth.RoleExpert:      {Name: "专家用户", OrgID: s.SchoolA, Expert: true},
	}
	users := map[string]string{"county_a": auth.RoleCountyAdmin, "school_a": auth.RoleSchoolAdmin,
		"teacher_a": auth.RoleTeacher, "city_admin": auth.RoleCityAdmin}
	for _, role := range []string{auth.RoleSysAdmin, auth.RoleSecAdmin, auth.RoleAuditor} {
		s.Admin(t, "mask_"+role, role)
		users["mask_"+role] = role
	}
	n := 0
	for _, role := range sortedKeys(people) {
		n++
		p := people[role]
		p.IDNumber, p.Phone = validID(fmt.Sprintf("33030219800101%03d", n)), fmt.Sprintf("139000000%02d", n)
		*secrets = append(*secrets, p.IDNumber, p.Phone)
		web.TestUser(t, s.World, s.MustPerson(t, p), "mask_"+role, role)
		users["mask_"+role] = role
	}
	return users
}

// validID appends the GB 11643 check character to 17 digits.
func validID(d17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(d17[i]-'0') * w
	}
	return d17 + string("10X98765432"[sum%11])
}

// exportRoutes are the site's GET export routes without path values.
func exportRoutes(s *webtest.Site) []string {
	var out []string
	for _, rt := range s.Server.Routes() {
		if rt.Method == "GET" && strings.Contains(rt.Pattern, "export") && !strings.Contains(rt.Pattern, "{") {
			out = append(out, rt.Pattern)
		}
	}
	return out
}

// numberWalk is what one user's walk found.
type numberWalk struct {
	pages  int
	masked bool     // some page showed a masked number (the walk reached people)
	leaks  []string // "path shows N", one per page and full number
}

// walkNumbers walks c's pages breadth first from "/" (at most two pages
// per path shape, 150 pages), then fetches the export routes and every
// export link met, and reports each full number (of secrets) in a page's
// HTML or a download's cells.
func walkNumbers(t *testing.T, c *webtest.Client, secrets, exports []string) numberWalk {
	t.Helper()
	var w numberWalk
	seen, shapes := map[string]bool{"/": true}, map[string]int{}
	queue, downloads := []string{"/"}, slices.Clone(exports)
	for len(queue) > 0 && w.pages < 150 {
		page := queue[0]
		queue = queue[1:]
		res, body := c.Get(page)
		if res.StatusCode != http.StatusOK {
			continue
		}
		w.pages++
		w.check(page, webtest.Readable(t, res, body), secrets)
		for _, link := range links(body) {
			shape := digits.ReplaceAllString(strings.SplitN(link, "?", 2)[0], "N")
			if seen[link] || shapes[shape] >= 2 {
				continue
			}
			seen[link] = true
			if strings.Contains(link, "export") && strings.HasPrefix(link, "/") {
				downloads = append(downloads, link)
			} else if !skipLink(link) {
				shapes[shape]++
				queue = append(queue, link)
			}
		}
	}
	for _, d := range downloads {
		res, body := c.Get(d)
		w.check(d, webtest.Readable(t, res, body), secrets)
	}
	return w
}

func (w *numberWalk) check(path, text string, secrets []string) {
	w.masked = w.masked || strings.Contains(text, "3303**********0015")
	for _, sec := range secrets {
		if strings.Contains(text, sec) {
			w.leaks = append(w.leaks, path+" shows "+sec)
		}
	}
}

// grantSensitive has a security administrator grant 查看完整身份证号与手机号
// to the built-in role code.
func grantSensitive(t *testing.T, s *webtest.Site, code string) {
	t.Helper()
	ctx := context.Background()
	sec := s.MustUser(t, 0, "mask_granter", auth.RoleSecAdmin)
	roles, err := s.Auth.FindRoles(ctx, sec)
	if err != nil {
		t.Fatal(err)
	}
	r := roles[slices.IndexFunc(roles, func(r auth.Role) bool { return r.Code == code })]
	in := auth.RoleInput{Name: r.Name, Scope: r.Scope, Permissions: append(r.Permissions, auth.PermPersonSensitive), Version: r.Version}
	if _, err := s.Auth.SaveRole(ctx, sec, r.ID, in); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
