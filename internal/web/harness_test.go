package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// site is a running test server over a two-county world.
type site struct {
	*testutil.World
	URL string
	t   testing.TB
}

func newSite(t testing.TB) *site {
	t.Helper()
	w := testutil.NewWorld(t)
	w.Auth.Policy.RequireAdminTOTP = false
	// The world's users have had their first sign-in already.
	if err := w.DB.Write(context.Background(), func(tx *db.Tx) error {
		_, err := tx.Exec(context.Background(), "UPDATE users SET must_change = FALSE")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := (&dict.Store{DB: w.DB}).Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := &web.Server{Auth: w.Auth, Org: w.Org, Audit: &audit.Service{DB: w.DB}, Jobs: &jobs.Store{DB: w.DB},
		Policy: &policy.Service{DB: w.DB}, Dict: &dict.Store{DB: w.DB}, Config: config.Default(),
		Liaison: &liaison.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}, Dict: &dict.Store{DB: w.DB}},
		Health:  func(r *http.Request) (int, error) { return w.DB.SchemaVersion(r.Context()) }}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &site{World: w, URL: ts.URL, t: t}
}

// client is a browser-like session of one user.
type client struct {
	*http.Client
	base string
	t    testing.TB
}

func (s *site) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}, base: s.URL, t: s.t}
}

func (s *site) as(username string) *client {
	c := s.anon()
	res, body := c.post("/login", url.Values{"username": {username}, "password": {testutil.Password}})
	if res.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("login %s: %d %s", username, res.StatusCode, body)
	}
	return c
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	res, err := c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, readBody(res)
}

func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	res, err := c.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, readBody(res)
}

func readBody(res *http.Response) string {
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return string(b)
}

func (s *site) auditCount() int {
	var n int
	s.DB.Read(context.Background(), func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(context.Background(), "SELECT COUNT(*) FROM audit_log")
		return err
	})
	return n
}

func (s *site) userID(username string) string {
	var id string
	s.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT CAST(id AS TEXT) FROM users WHERE username = ?", username).Scan(&id)
	})
	return id
}

func fill(pattern string, vals map[string]string) string {
	for k, v := range vals {
		pattern = strings.ReplaceAll(pattern, "{"+k+"}", v)
	}
	return strings.TrimSuffix(pattern, "{$}")
}

// admin creates a 三员 account that has had its first sign-in.
func (s *site) admin(t testing.TB, username, role string) {
	s.MustUser(t, 0, username, role)
	if err := s.DB.Exec(context.Background(), "UPDATE users SET must_change = FALSE WHERE username = ?", username); err != nil {
		t.Fatal(err)
	}
}
