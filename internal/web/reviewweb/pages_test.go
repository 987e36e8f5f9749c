package reviewweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/plan"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// waitJob polls the job page until the job has ended and returns its text.
func waitJob(t *testing.T, c *webtest.Client, path string) string {
	t.Helper()
	for range 100 {
		_, body := c.Get(path)
		if !strings.Contains(body, `hx-trigger="every 1s"`) {
			return body
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("job did not end")
	return ""
}

func TestAssignFromThePageEqualsTheEngineOptimum(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StagePassed, 0, true)
	// more submissions and experts than one each, so the choice matters.
	for i := range 4 {
		pid := s.MustPerson(t, org.Person{Name: fmt.Sprintf("作者%d", i), OrgID: s.SchoolA, Subjects: []string{"数学"}})
		web.TestUser(t, s.World, pid, fmt.Sprintf("rv_more_%d", i), auth.RoleTeacher)
		a := s.ActorOf(t, fmt.Sprintf("rv_more_%d", i))
		id, _, err := f.Svc.SaveDraft(context.Background(), a, review.Submission{CampaignID: f.Campaign, Title: fmt.Sprintf("案例%d", i),
			Subject: "数学", Stage: "primary", Content: "x"})
		if err == nil {
			err = f.Svc.Submit(context.Background(), a, id)
		}
		if err == nil {
			err = f.Svc.FormalCheck(context.Background(), s.CountyA, id, true, "")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err := f.Svc.AssignmentProblem(context.Background(), s.CountyA, f.Campaign)
	if err != nil {
		t.Fatal(err)
	}
	best, err := plan.SolveReview(p)
	if err != nil {
		t.Fatal(err)
	}
	c := s.As("county_a")
	res, _ := c.Post(fmt.Sprintf("/campaigns/%d/assign", f.Campaign), nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("assign: %d %s", res.StatusCode, loc)
	}
	body := waitJob(t, c, loc)
	if !strings.Contains(body, fmt.Sprintf("已发出 %d 份评审邀请", best.Pairs)) {
		t.Fatalf("job page does not report %d invitations:\n%s", best.Pairs, body)
	}
	var pairs int
	var aff int64
	err = s.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT COUNT(*), COALESCE(SUM(affinity), 0) FROM review_assignments WHERE campaign_id = ?", f.Campaign).Scan(&pairs, &aff)
	})
	if err != nil || pairs != best.Pairs || aff != best.TotalAffinity || pairs != 5 {
		t.Fatalf("stored %d pairs, affinity %d; engine %d, %d (%v)", pairs, aff, best.Pairs, best.TotalAffinity, err)
	}
	// the campaign page shows each expert's progress.
	if _, body := c.Get(fmt.Sprintf("/campaigns/%d", f.Campaign)); !strings.Contains(body, "鹿城区评比评审专家1") || !strings.Contains(body, "专家评审进度") {
		t.Fatal("campaign page lacks the experts' progress")
	}
}

func TestExpertPagesAreOwnOnlyAndBlind(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageAssigned, 0, false)
	if err := s.DB.Exec(context.Background(), "UPDATE review_campaigns SET blind = TRUE WHERE id = ?", f.Campaign); err != nil {
		t.Fatal(err)
	}
	g := reviewweb.NewFlow(t, s.World, "b", "龙湾区评比", reviewweb.StageAssigned, 0, false)
	e := s.As(f.ExpertUser)
	_, list := e.Get("/reviews")
	if !strings.Contains(list, "鹿城区评比申报项目") || strings.Contains(list, "龙湾区评比申报项目") {
		t.Fatalf("task list:\n%s", list)
	}
	res, body := e.Get(fmt.Sprintf("/reviews/%d", f.Task))
	if res.StatusCode != 200 || !strings.Contains(body, "案例正文") || strings.Contains(body, "鹿城区评比申报人") || strings.Contains(body, "鹿城区实验小学") {
		t.Fatalf("blind task page (%d) shows names or lacks the text:\n%s", res.StatusCode, body)
	}
	// tampering with the id: another expert's task is not found.
	if res, body := e.Get(fmt.Sprintf("/reviews/%d", g.Task)); res.StatusCode != 404 || strings.Contains(body, "龙湾区评比申报项目") {
		t.Fatalf("other expert's task: %d", res.StatusCode)
	}
	if res, _ := e.Post(fmt.Sprintf("/reviews/%d/scores", g.Task), url.Values{"version": {"1"}, "score_0": {"40"}}); res.StatusCode != 404 {
		t.Fatalf("scoring another expert's task: %d", res.StatusCode)
	}
	// nor can an expert open the submission itself by its id.
	if res, _ := e.Get(fmt.Sprintf("/submissions/%d", f.Submission)); res.StatusCode != 404 && res.StatusCode != 403 {
		t.Fatalf("expert opens the submission page: %d", res.StatusCode)
	}
}

// hxPost sends an htmx request, as the autosaving forms do.
func hxPost(t *testing.T, c *webtest.Client, path string, form url.Values) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", c.Base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, webtest.ReadBody(res)
}

func TestScoreFormAutosavesAndSubmits(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageDeclared, 0, false)
	e := s.As(f.ExpertUser)
	path := fmt.Sprintf("/reviews/%d/scores", f.Task)
	task, _ := f.Svc.FindTask(context.Background(), s.ActorOf(t, f.ExpertUser), f.Task)
	code, body := hxPost(t, e, path, url.Values{"version": {fmt.Sprint(task.Version)}, "score_0": {"35"}})
	if code != 200 || !strings.Contains(body, "已自动保存") || !strings.Contains(body, fmt.Sprintf(`value="%d"`, task.Version+1)) {
		t.Fatalf("autosave: %d %s", code, body)
	}
	_, page := e.Get(fmt.Sprintf("/reviews/%d", f.Task))
	if !strings.Contains(page, `name="score_0" inputmode="decimal" value="35"`) {
		t.Fatal("the autosaved score is not on the form")
	}
	res, body := e.Post(path, url.Values{"version": {fmt.Sprint(task.Version + 1)}, "score_0": {"35"}, "score_1": {"70"}, "final": {"1"}})
	if res.StatusCode != 422 || !strings.Contains(body, "“成效”的得分应在 0 到 60 之间") {
		t.Fatalf("over full marks: %d", res.StatusCode)
	}
	res, _ = e.Post(path, url.Values{"version": {fmt.Sprint(task.Version + 1)}, "score_0": {"35"}, "score_1": {"52"}, "final": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	if _, page := e.Get(fmt.Sprintf("/reviews/%d", f.Task)); !strings.Contains(page, "总分：87.0（已提交）") {
		t.Fatal("submitted total not shown")
	}
}

func TestPublicCertificateCheck(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StagePublicityOver, 0, false)
	if _, err := f.Svc.Finalize(context.Background(), s.CountyA, f.Campaign); err != nil {
		t.Fatal(err)
	}
	certs, err := f.Svc.CertificatesOf(context.Background(), s.CountyA, f.Campaign)
	if err != nil || len(certs) != 1 {
		t.Fatalf("certs %v %v", certs, err)
	}
	anon := s.Anon()
	res, body := anon.Get("/certificates/" + certs[0].Serial)
	if res.StatusCode != 200 || !strings.Contains(body, "鹿城区评比申报人") || !strings.Contains(body, "鹿城区评比") || strings.Contains(body, "案例正文") {
		t.Fatalf("check page: %d\n%s", res.StatusCode, body)
	}
	if res, _ := anon.Get("/certificates/AAAA-BBBB-CCCC-DDDD"); res.StatusCode != 404 {
		t.Fatalf("made-up serial: %d", res.StatusCode)
	}
	res, pdf := anon.Get("/certificates/" + certs[0].Serial + "/pdf")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-1.4") {
		t.Fatalf("pdf: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func TestProjectPagesFromEstablishToTheTable(t *testing.T) {
	s := webtest.New(t)
	f, id := reviewweb.NewProject(t, s.World, "a", "鹿城区课题")
	author := s.As(f.Author)
	if _, body := author.Get("/projects"); !strings.Contains(body, "鹿城区课题申报项目") || strings.Contains(body, "课题统计") {
		t.Fatal("the leader does not see their project, or sees the bureau's table")
	}
	c := s.As("county_a")
	res, _ := c.Post(fmt.Sprintf("/projects/%d/advance", id), url.Values{"version": {"1"}, "date": {"2026-01-05"}, "note": {"开题论证"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("advance: %d", res.StatusCode)
	}
	_, body := c.Get("/projects?status=opened")
	if !strings.Contains(body, "鹿城区课题申报项目") || !strings.Contains(body, "课题统计") || !strings.Contains(body, "鹿城区") {
		t.Fatalf("bureau list:\n%s", body)
	}
	if _, body := c.Get("/projects?status=concluded"); strings.Contains(body, "鹿城区课题申报项目") {
		t.Fatal("status filter not applied")
	}
	if _, body := s.As("county_b").Get(fmt.Sprintf("/projects/%d", id)); !strings.Contains(body, "页面不存在") && !strings.Contains(body, "找不到") {
		t.Fatal("county B opens county A's project")
	}
}

func TestOutcomesReachTheirRegionOnly(t *testing.T) {
	s := webtest.New(t)
	reviewweb.NewOutcome(t, s.World, "a", "鹿城区论文")
	if _, body := s.As("teacher_a").Get("/outcomes?kind=case&subject=数学"); !strings.Contains(body, "鹿城区论文申报项目") {
		t.Fatal("county A teacher does not see county A's outcome")
	}
	if _, body := s.As("teacher_a").Get("/outcomes?kind=course"); strings.Contains(body, "鹿城区论文申报项目") {
		t.Fatal("kind filter not applied")
	}
	if _, body := s.As("county_b").Get("/outcomes"); strings.Contains(body, "鹿城区论文申报项目") {
		t.Fatal("county B sees county A's outcome")
	}
	_, body := s.As("county_a").Get("/campaigns/awards")
	if !strings.Contains(body, "鹿城区论文") {
		t.Fatal("award report lacks the campaign")
	}
	if !strings.Contains(body, "本区域未设定规则：每年评出先进教研组") {
		t.Fatal("award report does not say the yearly rule is unset")
	}
}
