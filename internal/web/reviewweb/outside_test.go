package reviewweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

func countPeople(t *testing.T, s *webtest.Site) int {
	t.Helper()
	var n int
	if err := s.DB.Read(context.Background(), func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(context.Background(), "SELECT COUNT(*) FROM people")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

var oneTimePassword = regexp.MustCompile(`id="one-time-password" class="secret">([^<]+)<`)

// The pool manager joins a university expert and opens an account from the
// expert's page: the password is shown once, no person record is made, and
// the expert must change the password before anything else.
func TestPoolManagerOpensAnOutsideExpertsAccount(t *testing.T) {
	s := webtest.New(t)
	people := countPeople(t, s)
	c := s.As("county_a")
	res, _ := c.Post("/experts", url.Values{"name": {"周教授"}, "affiliation": {"温州大学教育学院"}, "subjects": {"数学"},
		"max_load": {"6"}, "reason": {"高校专家入库"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("join: %d", res.StatusCode)
	}
	expert := strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")
	if _, body := c.Get(expert); !strings.Contains(body, "开通账号") {
		t.Fatal("the outside expert's page has no 开通账号 form")
	}
	if _, body := c.Post(expert+"/account", url.Values{"username": {"周 教授"}}); !strings.Contains(body, "用户名应为 3-40 位字母") {
		t.Fatal("a bad username is not refused at the field")
	}
	audits := s.AuditCount()
	res, body := c.Post(expert+"/account", url.Values{"username": {"zhou_wzu"}})
	if n := s.AuditCount() - audits; n != 1 {
		t.Fatalf("opening the account wrote %d audit rows, want 1", n)
	}
	m := oneTimePassword.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil || res.Header.Get("Cache-Control") != "no-store" || !strings.Contains(body, "首次登录须修改密码") {
		t.Fatalf("account page: %d\n%s", res.StatusCode, body)
	}
	password := m[1]
	if _, body := c.Get(expert); strings.Contains(body, `action="`+expert+`/account"`) || !strings.Contains(body, "已开通账号") {
		t.Fatal("the expert page still offers a second account")
	}
	if _, body := c.Post(expert+"/account", url.Values{"username": {"zhou_wzu2"}}); !strings.Contains(body, "已开通账号") {
		t.Fatal("a second account for the same expert is not refused")
	}
	if n := countPeople(t, s); n != people {
		t.Fatalf("opening the account made %d person records", n-people)
	}
	// An in-tree expert signs in with their own account.
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageDraft, 0, false)
	if _, body := c.Post(fmt.Sprintf("/experts/%d/account", f.Expert), url.Values{"username": {"twice"}}); !strings.Contains(body, "请使用其本人账号登录") {
		t.Fatal("an in-tree expert got a second account")
	}
	// County B's manager cannot open one for county A's expert.
	if res, _ := s.As("county_b").Post(expert+"/account", url.Values{"username": {"zhou_b"}}); res.StatusCode != 404 && res.StatusCode != 403 {
		t.Fatalf("county B opened an account: %d", res.StatusCode)
	}

	e := webtest.NewClient(t, s.URL)
	if res, _ := e.Post("/login", url.Values{"username": {"zhou_wzu"}, "password": {"wrong#Pass1"}}); res.StatusCode == http.StatusSeeOther {
		t.Fatal("a wrong password signed in")
	}
	res, _ = e.Post("/login", url.Values{"username": {"zhou_wzu"}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in with the one-time password: %d", res.StatusCode)
	}
	if res, _ := e.Get("/reviews"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/password" {
		t.Fatalf("the first sign-in is not sent to change the password: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = e.Post("/account/password", url.Values{"old_password": {password}, "new_password": {"Wzu#2026zhou"}, "confirm": {"Wzu#2026zhou"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d", res.StatusCode)
	}
	if res, body := e.Get("/reviews"); res.StatusCode != 200 || !strings.Contains(body, "评审任务") {
		t.Fatalf("/reviews after the change: %d", res.StatusCode)
	}
}

// An outside expert signs in over HTTP, accepts, declares no conflict and
// scores their task; from the attacker's side they open no person, no
// organisation, no other expert's task, and no name of a blind or
// conflicted submission.
func TestOutsideExpertScoresButSeesNothingElse(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewOutsideFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageAssigned)
	if err := s.DB.Exec(context.Background(), "UPDATE review_campaigns SET blind = TRUE WHERE id = ?", f.Campaign); err != nil {
		t.Fatal(err)
	}
	other := reviewweb.NewFlowKind(t, s.World, "a", "鹿城区论文评比", review.KindPaper, reviewweb.StageAssigned, 0, false)
	e := s.As(f.ExpertUser)
	_, list := e.Get("/reviews")
	if !strings.Contains(list, "鹿城区评比申报项目") || strings.Contains(list, "鹿城区论文评比申报项目") {
		t.Fatalf("task list:\n%s", list)
	}
	task := fmt.Sprintf("/reviews/%d", f.Task)
	res, body := e.Get(task)
	if res.StatusCode != 200 || !strings.Contains(body, "案例正文") || strings.Contains(body, "鹿城区评比申报人") || strings.Contains(body, "鹿城区实验小学") {
		t.Fatalf("blind task page (%d) shows names or lacks the text:\n%s", res.StatusCode, body)
	}
	if res, _ := e.Post(task+"/respond", url.Values{"accept": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", res.StatusCode)
	}
	if res, _ := e.Post(task+"/declare", url.Values{"conflict": {"0"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("declare: %d", res.StatusCode)
	}
	tk, err := f.Svc.FindTask(context.Background(), s.ActorOf(t, f.ExpertUser), f.Task)
	if err != nil {
		t.Fatal(err)
	}
	res, _ = e.Post(task+"/scores", url.Values{"version": {fmt.Sprint(tk.Version)}, "score_0": {"36"}, "score_1": {"50"}, "final": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit scores: %d", res.StatusCode)
	}
	if _, body := e.Get(task); !strings.Contains(body, "总分：86.0（已提交）") {
		t.Fatal("the submitted total is not on the task page")
	}

	// The attacker's side.
	for _, path := range []string{
		fmt.Sprintf("/people/%d", s.TeacherA), fmt.Sprintf("/people/%d", s.TeacherB), fmt.Sprintf("/orgs/%d", s.SchoolA),
		fmt.Sprintf("/orgs/%d", s.BureauA), fmt.Sprintf("/reviews/%d", other.Task), fmt.Sprintf("/submissions/%d", f.Submission),
		fmt.Sprintf("/experts/%d", f.Expert), fmt.Sprintf("/campaigns/%d", f.Campaign),
	} {
		if res, body := e.Get(path); res.StatusCode != 404 && res.StatusCode != 403 || strings.Contains(body, "陈鹿城") {
			t.Errorf("outside expert opens %s: %d", path, res.StatusCode)
		}
	}
	for _, path := range []string{"/people", "/orgs", "/", "/reviews", "/projects", "/outcomes", "/campaigns"} {
		_, body := e.Get(path)
		for _, secret := range []string{"陈鹿城", "王龙湾", "鹿城区实验小学", "鹿城区评比申报人", "鹿城区论文评比申报项目"} {
			if strings.Contains(body, secret) {
				t.Errorf("outside expert's %s shows %q", path, secret)
			}
		}
	}
	if res, _ := e.Post(fmt.Sprintf("/reviews/%d/scores", other.Task), url.Values{"version": {"1"}, "score_0": {"40"}}); res.StatusCode != 404 {
		t.Fatalf("scoring another expert's task: %d", res.StatusCode)
	}

	// A conflict declared on a second task takes it off the expert's pages.
	g := reviewweb.NewOutsideFlow(t, s.World, "b", "龙湾区案例评比", reviewweb.StageAssigned)
	ge := s.As(g.ExpertUser)
	gt := fmt.Sprintf("/reviews/%d", g.Task)
	if res, _ := ge.Post(gt+"/declare", url.Values{"conflict": {"1"}, "reason": {"申报人是我指导的研究生"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("declare a conflict: %d", res.StatusCode)
	}
	if res, body := ge.Get(gt); res.StatusCode != 404 || strings.Contains(body, "龙湾区案例评比申报人") {
		t.Fatalf("the conflicted task still opens: %d", res.StatusCode)
	}
	if _, list := ge.Get("/reviews"); strings.Contains(list, "龙湾区案例评比申报") {
		t.Fatal("the conflicted submission is still listed")
	}
}
