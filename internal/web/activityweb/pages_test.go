package activityweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

// venueCode reads the check-in link off the organiser's QR page.
func venueCode(t *testing.T, s *webtest.Site, id int64) string {
	t.Helper()
	_, body := s.As("county_a").Get(fmt.Sprintf("/activities/%d/qr", id))
	m := regexp.MustCompile(`checkin\?code=([^"&]+)`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "data:image/png;base64,") {
		t.Fatalf("QR page has no check-in link and image: %s", body)
	}
	code, _ := url.QueryUnescape(m[1])
	return code
}

func TestTeacherSignsUpChecksInAndSeesTheHours(t *testing.T) {
	s := webtest.New(t)
	id := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
	teacher := s.As("teacher_a")
	if _, body := teacher.Get("/activities"); !strings.Contains(body, "鹿城区小学数学研讨") {
		t.Fatalf("teacher's list lacks the open activity: %s", body)
	}
	res, body := follow(teacher, fmt.Sprintf("/activities/%d/signup", id), nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "报名成功") || !strings.Contains(body, "请在活动现场扫码签到") {
		t.Fatalf("sign-up: %d %s", res.StatusCode, body)
	}
	code := venueCode(t, s, id)
	if _, body := teacher.Get(fmt.Sprintf("/activities/%d/checkin?code=%s", id, url.QueryEscape(code))); !strings.Contains(body, "确认签到") {
		t.Fatalf("check-in page: %s", body)
	}
	res, body = follow(teacher, fmt.Sprintf("/activities/%d/checkin", id), url.Values{"code": {code}})
	if !strings.Contains(body, "签到成功") || !strings.Contains(body, "累计 3 学时") {
		t.Fatalf("after check-in: %d %s", res.StatusCode, body)
	}
	if _, body := s.As("county_a").Get(fmt.Sprintf("/activities/%d", id)); !strings.Contains(body, "已签到 1 人") || !strings.Contains(body, "陈鹿城") {
		t.Errorf("organiser's page lacks the attendance: %s", body)
	}
}

func TestAnotherActivitysCodeIsRefusedAtTheField(t *testing.T) {
	s := webtest.New(t)
	id := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
	other := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区初中语文研讨", activity.ModeOpen)
	code := venueCode(t, s, other)
	teacher := s.As("teacher_a")
	before := s.AuditCount()
	res, body := teacher.Post(fmt.Sprintf("/activities/%d/checkin", id), url.Values{"code": {code}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "这不是本场活动的签到码") {
		t.Fatalf("another activity's code: %d %s", res.StatusCode, body)
	}
	if s.AuditCount() != before {
		t.Errorf("a refused check-in wrote an audit row")
	}
}

func TestBadFormShowsTheMessageAtTheField(t *testing.T) {
	s := webtest.New(t)
	form := url.Values{"organiser": {fmt.Sprintf("%d:0:0", s.World.BureauA)}, "kind": {"themed"}, "title": {"研讨"},
		"starts_at": {"2025-10-15T14:00"}, "ends_at": {"2025-10-15T16:00"}, "audience": {"region"}, "signup_mode": {"open"}, "hours": {"三"}}
	res, body := s.As("county_a").Post("/activities", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "学时应为数字") {
		t.Fatalf("bad hours: %d %s", res.StatusCode, body)
	}
	var n int
	err := s.DB.Read(context.Background(), func(tx *db.Tx) (err error) {
		n, err = tx.Count(context.Background(), "SELECT COUNT(*) FROM activities")
		return
	})
	if err != nil || n != 0 {
		t.Errorf("%d activities written by a refused form (%v)", n, err)
	}
}

// follow opens the page a POST redirected to.
func follow(c *webtest.Client, path string, form url.Values) (*http.Response, string) {
	res, body := c.Post(path, form)
	if res.StatusCode != http.StatusSeeOther {
		return res, body
	}
	return c.Get(res.Header.Get("Location"))
}

// TestLiaisonTeamMemberManagesOnThePages: the researcher names their 联系组
// on the form; a member teacher opens the edit page and publishes; a
// teacher outside the team gets no edit page.
func TestLiaisonTeamMemberManagesOnThePages(t *testing.T) {
	s := webtest.New(t)
	res := s.MustPerson(t, org.Person{Name: "鹿城教研员", OrgID: s.BureauA})
	web.TestUser(t, s.World, res, "res_a", auth.RoleResearcher)
	var team int64
	err := s.DB.Write(context.Background(), func(tx *db.Tx) error {
		round, err := tx.InsertID(context.Background(), `INSERT INTO liaison_rounds (region_code, name, first_year, prepare_start, prepare_end,
			implement_start, implement_end, summary_start, summary_end, status, created_at, updated_at)
			VALUES ('330302', '联系学校第一轮', 2025, '', '', '', '', '', '', 'published', 0, 0) RETURNING id`)
		if err == nil {
			team, err = tx.InsertID(context.Background(), "INSERT INTO liaison_teams (round_id, researcher_id, capacity) VALUES (?, ?, 4) RETURNING id", round, res)
		}
		if err == nil {
			_, err = tx.Exec(context.Background(), "INSERT INTO liaison_team_members (team_id, person_id) VALUES (?, ?)", team, s.TeacherA)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	researcher := s.As("res_a")
	if _, body := researcher.Get("/activities/new"); !strings.Contains(body, "鹿城教研员联系组（联系学校第一轮）") {
		t.Fatalf("the form does not offer the 联系组:\n%s", body)
	}
	d := activityweb.Draft(0, "", activity.ModeOpen)
	res2, _ := researcher.Post("/activities", url.Values{"organiser": {fmt.Sprintf("%d:0:0:%d", s.BureauA, team)}, "kind": {"themed"},
		"title": {"联系组课堂诊断"}, "theme": {"课堂提问"}, "plan": {"诊断与研讨"}, "starts_at": {d.StartsAt}, "ends_at": {d.EndsAt},
		"place": {"报告厅"}, "audience": {"region"}, "signup_mode": {"open"}, "hours": {"2"}})
	loc := res2.Header.Get("Location")
	if res2.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/activities/") {
		t.Fatalf("create: %d %s", res2.StatusCode, loc)
	}
	path := strings.TrimSuffix(strings.SplitN(loc, "?", 2)[0], "/edit")
	member := s.As("teacher_a")
	if res, body := member.Get(path + "/edit"); res.StatusCode != 200 || !strings.Contains(body, "联系组课堂诊断") {
		t.Fatalf("the member's edit page: %d", res.StatusCode)
	}
	if res, _ := member.Post(path+"/publish", url.Values{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the member's publish: %d", res.StatusCode)
	}
	outsider := s.MustPerson(t, org.Person{Name: "孙局外", OrgID: s.SchoolA})
	web.TestUser(t, s.World, outsider, "teacher_x", auth.RoleTeacher)
	if res, _ := s.As("teacher_x").Get(path + "/edit"); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("a teacher outside the team opened the edit page: %d", res.StatusCode)
	}
}
