package liaisonweb_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// uploadTargets posts a target-school file to a round and returns the
// status and page.
func uploadTargets(t *testing.T, c *webtest.Client, round int64, name, data string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(data))
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/rounds/%d/targets/import", c.Base, round), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, webtest.ReadBody(res)
}

func TestRoundTargetsFromFile(t *testing.T) {
	s := webtest.New(t)
	f := liaisonweb.NewRoundFixture(t, s.World, "330302", s.SchoolA, false, false)
	if err := f.Svc.RemoveTarget(context.Background(), liaisonweb.RoundActor, f.Round, s.SchoolA); err != nil {
		t.Fatal(err)
	}
	c := s.As("county_a")
	status, body := uploadTargets(t, c, f.Round, "名单.csv", "学校标识码\n2330000001\n9999999999\n")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "第3行") {
		t.Fatalf("bad code: %d, wants the row named:\n%s", status, body)
	}
	if list, _ := f.Svc.FindTargets(context.Background(), liaisonweb.RoundActor, f.Round); len(list) != 0 {
		t.Fatal("a file with a bad row still added schools")
	}
	if status, _ := uploadTargets(t, c, f.Round, "名单.csv", "学校标识码\n2330000001\n"); status != http.StatusSeeOther {
		t.Fatalf("good file: %d", status)
	}
	if list, _ := f.Svc.FindTargets(context.Background(), liaisonweb.RoundActor, f.Round); len(list) != 1 || list[0].SchoolID != s.SchoolA {
		t.Fatalf("targets after import: %+v", list)
	}
	if res, _ := c.Get("/rounds/template"); res.StatusCode != 200 {
		t.Fatalf("template: %d", res.StatusCode)
	}
}

func TestLinkPageFormsOnlyForWriters(t *testing.T) {
	s := webtest.New(t)
	f := liaisonweb.NewRoundFixture(t, s.World, "330302", s.SchoolA, true, false)
	path := fmt.Sprintf("/links/%d", f.Link)
	if _, body := s.As("county_a").Get(path); !strings.Contains(body, `name="survey"`) {
		t.Fatal("county admin (liaison.manage) gets no report form")
	}
	res, body := s.As("school_a").Get(path)
	if res.StatusCode != 200 || strings.Contains(body, `name="survey"`) || !strings.Contains(body, "尚未填写") {
		t.Fatalf("school admin sees the link read-only: %d", res.StatusCode)
	}
}
