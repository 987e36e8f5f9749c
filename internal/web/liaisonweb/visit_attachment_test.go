package liaisonweb_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

// attach posts a file to a visit as a multipart form.
func attach(c *webtest.Client, visitID int64, name string, data []byte) (*http.Response, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/visits/%d/attachments", c.Base, visitID), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		c.T.Fatal(err)
	}
	return res, webtest.ReadBody(res)
}

func TestVisitAttachmentUploadDownloadAndScope(t *testing.T) {
	s := webtest.New(t)
	ctx := context.Background()
	office := s.MustOrg(t, org.Org{Name: "鹿城区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330302"})
	res := s.MustPerson(t, org.Person{Name: "教研员丙", OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学"})
	s.MustUser(t, res, "res_c", auth.RoleResearcher)
	s.DB.Exec(ctx, "UPDATE users SET must_change = FALSE WHERE username = ?", "res_c")
	svc := &liaison.Service{DB: s.DB, Org: s.Org}
	vid, err := svc.SaveVisit(ctx, testutil.Root, liaison.Visit{ResearcherID: res, SchoolID: s.SchoolA, Purpose: liaison.PurposeLiaison,
		StartDate: "2025-10-09"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := s.As("res_c")
	before := s.AuditCount()
	if r, body := attach(c, vid, "听课记录.txt", []byte("第3节 数学 听课记录")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", r.StatusCode, body)
	}
	if s.AuditCount() != before+1 {
		t.Fatalf("upload wrote %d audit rows, want 1", s.AuditCount()-before)
	}
	if r, body := attach(c, vid, "photo.jpg", []byte("<script>alert(1)</script>")); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不是 JPEG 图片") {
		t.Fatalf("a script named .jpg was accepted: %d", r.StatusCode)
	}
	_, page := c.Get(fmt.Sprintf("/visits/%d", vid))
	if !strings.Contains(page, "听课记录.txt") {
		t.Fatal("visit page does not list the attachment")
	}
	a, _ := svc.Attachments(ctx, testutil.Root, vid)
	path := fmt.Sprintf("/visits/%d/attachments/%d", vid, a[0].ID)
	if r, body := s.As("school_a").Get(path); r.StatusCode != 200 || body != "第3节 数学 听课记录" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("school admin download: %d %q", r.StatusCode, body)
	}
	if r, _ := s.As("school_a").Get(path); !strings.Contains(r.Header.Get("Content-Disposition"), "filename*=UTF-8''%E5%90%AC%E8%AF%BE%E8%AE%B0%E5%BD%95.txt") {
		t.Fatalf("download is not named 听课记录.txt: %q", r.Header.Get("Content-Disposition"))
	}
	req, _ := http.NewRequest("GET", c.Base+path, nil)
	req.Header.Set("Range", "bytes=0-3")
	if r, err := c.Do(req); err != nil || r.StatusCode != http.StatusPartialContent || webtest.ReadBody(r) != "第3" {
		t.Fatalf("range request: %v %v", r.StatusCode, err)
	}
	if r, body := attach(c, vid, "录音.mp3", append([]byte("ID3"), make([]byte, 11<<20)...)); r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "文件不能超过 10 MB") {
		t.Fatalf("an 11 MB recording: %d", r.StatusCode)
	}
	if r, body := s.As("county_b").Get(path); r.StatusCode != 404 || strings.Contains(body, "第3节 数学") || strings.Contains(body, "听课记录.txt") {
		t.Fatalf("county B downloaded county A's attachment: %d", r.StatusCode)
	}
	if r, _ := attach(s.As("school_a"), vid, "x.txt", []byte("x")); r.StatusCode != http.StatusForbidden {
		t.Fatalf("school admin attached to a researcher's visit: %d", r.StatusCode)
	}
}
