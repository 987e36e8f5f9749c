package web

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// boomModule offers one import whose writer panics.
type boomModule struct{}

func (boomModule) Routes() []Route    { return nil }
func (boomModule) Menu() []MenuGroup  { return nil }
func (boomModule) Templates() fs.FS   { return fstest.MapFS{} }
func (boomModule) Fixtures() Fixtures { return Fixtures{} }
func (boomModule) ImportKinds() []ImportKind {
	return []ImportKind{{Key: "boom", Title: "行政区域", Perm: auth.PermRegionEdit, Back: "/regions", Spec: org.RegionSpec,
		Import: func(context.Context, app.Actor, string, []byte, org.ImportOptions) (org.ImportOutcome, error) {
			panic("boom")
		}}}
}

// TestPanicInImportJobFailsTheJobNotTheServer: an import whose writer
// panics ends as a failed job with a Chinese message, and the server goes on.
func TestPanicInImportJobFailsTheJobNotTheServer(t *testing.T) {
	w := testutil.NewWorld(t)
	w.Auth.Policy.RequireAdminTOTP = false
	if err := w.DB.Exec(context.Background(), "UPDATE users SET must_change = FALSE"); err != nil {
		t.Fatal(err)
	}
	s := &Server{Auth: w.Auth, Org: w.Org, Jobs: &jobs.Store{DB: w.DB, Keys: w.Keys}, Config: config.Default(), Modules: []Module{boomModule{}}}
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if res, err := c.PostForm(ts.URL+"/login", url.Values{"username": {"county_a"}, "password": {testutil.Password}}); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %v %v", err, res)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "r.csv")
	io.WriteString(fw, "区划代码,名称,级别,上级区划代码\n330302002,南汇街道,镇街,330302\n")
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/import/boom", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %v %v", err, res)
	}
	job := res.Header.Get("Location")
	var body string
	for i := 0; i < 600 && !strings.Contains(body, `id="job-result"`); i++ {
		time.Sleep(50 * time.Millisecond)
		res, err := c.Get(ts.URL + job)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		body = string(b)
	}
	if !strings.Contains(body, "任务意外中止，请重试或联系管理员") {
		t.Fatalf("job page after a panic: %s", body)
	}
	if res, err := c.Get(ts.URL + "/account/password"); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("server after the panic: %v %v", err, res)
	}
}
