package reviewweb_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// upload posts one file as the browser's upload form does.
func upload(t *testing.T, c *webtest.Client, path, name string, data []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	webtest.ReadBody(res)
	return res
}

var pdf = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

func TestSubmissionFilesOpenInTheBrowserForTheAssignedExpertOnly(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageDraft, 0, false)
	author := s.As(f.Author)
	before := s.AuditCount()
	if res := upload(t, author, fmt.Sprintf("/submissions/%d/files", f.Submission), "申报书.pdf", pdf); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.StatusCode)
	}
	if n := s.AuditCount() - before; n != 1 {
		t.Fatalf("upload wrote %d audit rows", n)
	}
	// a non-PDF with a .pdf name is refused by content.
	if res := upload(t, author, fmt.Sprintf("/submissions/%d/files", f.Submission), "假的.pdf", []byte("<html>x</html>")); res.StatusCode == http.StatusSeeOther {
		t.Fatal("accepted HTML named .pdf")
	}
	ctx := context.Background()
	a := s.ActorOf(t, f.Author)
	if err := f.Svc.Submit(ctx, a, f.Submission); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.FormalCheck(ctx, s.CountyA, f.Submission, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.Assign(ctx, s.CountyA, f.Campaign, nil); err != nil {
		t.Fatal(err)
	}
	tasks, _ := f.Svc.MyTasks(ctx, s.ActorOf(t, f.ExpertUser))
	if len(tasks) != 1 {
		t.Fatalf("tasks %d", len(tasks))
	}
	e := s.As(f.ExpertUser)
	_, page := e.Get(fmt.Sprintf("/reviews/%d", tasks[0].ID))
	m := regexp.MustCompile(`href="(/reviews/\d+/files/\d+)"`).FindStringSubmatch(page)
	if m == nil || strings.Contains(page, "申报书.pdf") {
		t.Fatalf("task page lacks the file link or shows its name:\n%s", page)
	}
	res, body := e.Get(m[1])
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("file: %d %v", res.StatusCode, res.Header)
	}
	// another county's expert cannot reach it through their own task id.
	g := reviewweb.NewFlow(t, s.World, "b", "龙湾区评比", reviewweb.StageAssigned, 0, false)
	other := s.As(g.ExpertUser)
	aid := m[1][strings.LastIndex(m[1], "/")+1:]
	if res, _ := other.Get(fmt.Sprintf("/reviews/%d/files/%s", g.Task, aid)); res.StatusCode != 404 {
		t.Fatalf("file through another task: %d", res.StatusCode)
	}
	if res, _ := other.Get(m[1]); res.StatusCode != 404 {
		t.Fatalf("file of another expert's task: %d", res.StatusCode)
	}
}

func TestCallFilesReachWhoeverTheCallReaches(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageDraft, 0, false)
	if res := upload(t, s.As("county_a"), fmt.Sprintf("/campaigns/%d/files", f.Campaign), "评比通知.pdf", pdf); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.StatusCode)
	}
	if res := upload(t, s.As("county_b"), fmt.Sprintf("/campaigns/%d/files", f.Campaign), "x.pdf", pdf); res.StatusCode != 404 {
		t.Fatalf("county B uploads to county A's call: %d", res.StatusCode)
	}
	_, page := s.As("teacher_a").Get(fmt.Sprintf("/campaigns/%d", f.Campaign))
	m := regexp.MustCompile(`href="(/campaigns/\d+/files/\d+)">评比通知.pdf`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("teacher does not see the call's file:\n%s", page)
	}
	if res, body := s.As("teacher_a").Get(m[1]); res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("download: %d", res.StatusCode)
	}
	if res, _ := s.As("county_b").Get(m[1]); res.StatusCode != 404 {
		t.Fatalf("county B downloads county A's call file: %d", res.StatusCode)
	}
}

// A 成果库 entry's files are added by its publisher and open for whoever
// the entry reaches; county B neither adds nor downloads them.
func TestOutcomeFilesReachWhoeverTheOutcomeReaches(t *testing.T) {
	s := webtest.New(t)
	_, id := reviewweb.NewOutcome(t, s.World, "a", "鹿城区论文")
	path := fmt.Sprintf("/outcomes/%d", id)
	if _, body := s.As("teacher_a").Get(path); strings.Contains(body, `action="`+path+`/files"`) {
		t.Fatal("a teacher is offered the upload form")
	}
	admin := s.As("county_a") // signing in writes its own audit row
	before := s.AuditCount()
	if res := upload(t, admin, path+"/files", "案例全文.pdf", pdf); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.StatusCode)
	}
	if n := s.AuditCount() - before; n != 1 {
		t.Fatalf("upload wrote %d audit rows", n)
	}
	if res := upload(t, admin, path+"/files", "假的.pdf", []byte("<html>x</html>")); res.StatusCode == http.StatusSeeOther {
		t.Fatal("accepted HTML named .pdf")
	}
	if res := upload(t, s.As("county_b"), path+"/files", "x.pdf", pdf); res.StatusCode != 404 {
		t.Fatalf("county B uploads to county A's outcome: %d", res.StatusCode)
	}
	_, page := s.As("teacher_a").Get(path)
	m := regexp.MustCompile(`href="(/outcomes/\d+/files/\d+)">案例全文.pdf`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("teacher does not see the outcome's file:\n%s", page)
	}
	if res, body := s.As("teacher_a").Get(m[1]); res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("download: %d", res.StatusCode)
	}
	if res, _ := s.As("county_b").Get(m[1]); res.StatusCode != 404 {
		t.Fatalf("county B downloads county A's outcome file: %d", res.StatusCode)
	}
}
