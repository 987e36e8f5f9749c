package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// uploadTargets posts a target-school file to a round and returns the
// status and page.
func uploadTargets(t *testing.T, c *client, round int64, name, data string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(data))
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/rounds/%d/targets/import", c.base, round), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, readBody(res)
}

func TestRoundTargetsFromFile(t *testing.T) {
	s := newSite(t)
	f := newRoundFixture(t, s, "330302", s.SchoolA, false, false)
	if err := f.Svc.RemoveTarget(context.Background(), roundActor, f.Round, s.SchoolA); err != nil {
		t.Fatal(err)
	}
	c := s.as("county_a")
	status, body := uploadTargets(t, c, f.Round, "名单.csv", "学校标识码\n2330000001\n9999999999\n")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "第3行") {
		t.Fatalf("bad code: %d, wants the row named:\n%s", status, body)
	}
	if list, _ := f.Svc.FindTargets(context.Background(), roundActor, f.Round); len(list) != 0 {
		t.Fatal("a file with a bad row still added schools")
	}
	if status, _ := uploadTargets(t, c, f.Round, "名单.csv", "学校标识码\n2330000001\n"); status != http.StatusSeeOther {
		t.Fatalf("good file: %d", status)
	}
	if list, _ := f.Svc.FindTargets(context.Background(), roundActor, f.Round); len(list) != 1 || list[0].SchoolID != s.SchoolA {
		t.Fatalf("targets after import: %+v", list)
	}
	if res, _ := c.get("/rounds/template"); res.StatusCode != 200 {
		t.Fatalf("template: %d", res.StatusCode)
	}
}

func TestLinkPageFormsOnlyForWriters(t *testing.T) {
	s := newSite(t)
	f := newRoundFixture(t, s, "330302", s.SchoolA, true, false)
	path := fmt.Sprintf("/links/%d", f.Link)
	if _, body := s.as("county_a").get(path); !strings.Contains(body, `name="survey"`) {
		t.Fatal("county admin (liaison.manage) gets no report form")
	}
	res, body := s.as("school_a").get(path)
	if res.StatusCode != 200 || strings.Contains(body, `name="survey"`) || !strings.Contains(body, "尚未填写") {
		t.Fatalf("school admin sees the link read-only: %d", res.StatusCode)
	}
}
