package web_test

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
)

// attach posts a file to a visit as a multipart form.
func (c *client) attach(visitID int64, name string, data []byte) (*http.Response, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/visits/%d/attachments", c.base, visitID), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, readBody(res)
}

func TestVisitAttachmentUploadDownloadAndScope(t *testing.T) {
	s := newSite(t)
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
	c := s.as("res_c")
	before := s.auditCount()
	if r, body := c.attach(vid, "听课记录.txt", []byte("第3节 数学 听课记录")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", r.StatusCode, body)
	}
	if s.auditCount() != before+1 {
		t.Fatalf("upload wrote %d audit rows, want 1", s.auditCount()-before)
	}
	if r, body := c.attach(vid, "photo.jpg", []byte("<script>alert(1)</script>")); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不是图片") {
		t.Fatalf("a script named .jpg was accepted: %d", r.StatusCode)
	}
	_, page := c.get(fmt.Sprintf("/visits/%d", vid))
	if !strings.Contains(page, "听课记录.txt") {
		t.Fatal("visit page does not list the attachment")
	}
	a, _ := svc.Attachments(ctx, testutil.Root, vid)
	path := fmt.Sprintf("/visits/%d/attachments/%d", vid, a[0].ID)
	if r, body := s.as("school_a").get(path); r.StatusCode != 200 || body != "第3节 数学 听课记录" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("school admin download: %d %q", r.StatusCode, body)
	}
	if r, body := s.as("county_b").get(path); r.StatusCode != 404 || strings.Contains(body, "听课记录") {
		t.Fatalf("county B downloaded county A's attachment: %d", r.StatusCode)
	}
	if r, _ := s.as("school_a").attach(vid, "x.txt", []byte("x")); r.StatusCode != http.StatusForbidden {
		t.Fatalf("school admin attached to a researcher's visit: %d", r.StatusCode)
	}
}
