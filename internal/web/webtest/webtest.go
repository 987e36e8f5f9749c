// Package webtest is the one harness every web test uses: a running site
// (built by site.New) over testutil's two-county world, and browser-like
// clients signed in as its users.
package webtest

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/site"
)

// Site is a running test server over a two-county world.
type Site struct {
	*testutil.World
	URL    string
	Server *web.Server
	t      testing.TB
}

// New starts the whole site over a fresh world whose users have had their
// first sign-in, with the code tables seeded and admin TOTP not required.
func New(t testing.TB) *Site {
	t.Helper()
	w := testutil.NewWorld(t)
	w.Auth.Policy.RequireAdminTOTP = false
	if err := w.DB.Write(context.Background(), func(tx *db.Tx) error {
		_, err := tx.Exec(context.Background(), "UPDATE users SET must_change = FALSE")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := (&dict.Store{DB: w.DB}).Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := &Site{World: w, t: t}
	s.Server, s.URL = s.Start(t)
	return s
}

// Deps are the site dependencies over the world's database.
func (s *Site) Deps() site.Deps {
	return site.Deps{DB: s.DB, Auth: s.Auth, Org: s.Org, Config: config.Default()}
}

// Start runs another server over the same database (as a second process
// behind a load balancer would) and returns it with its base URL.
func (s *Site) Start(t testing.TB) (*web.Server, string) {
	t.Helper()
	srv, err := site.New(s.Deps())
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL
}

// Client is a browser-like session of one user; it does not follow
// redirects, so tests see them.
type Client struct {
	*http.Client
	Base string
	T    testing.TB
}

// Anon is a signed-out client.
func (s *Site) Anon() *Client { return NewClient(s.t, s.URL) }

// NewClient is a signed-out client of the server at base.
func NewClient(t testing.TB, base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}, Base: base, T: t}
}

// As is a client signed in as username (password testutil.Password).
func (s *Site) As(username string) *Client {
	c := s.Anon()
	res, body := c.Post("/login", url.Values{"username": {username}, "password": {testutil.Password}})
	if res.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("login %s: %d %s", username, res.StatusCode, body)
	}
	return c
}

// Get fetches path and returns the response with its body read.
func (c *Client) Get(path string) (*http.Response, string) {
	c.T.Helper()
	res, err := c.Client.Get(c.Base + path)
	if err != nil {
		c.T.Fatal(err)
	}
	return res, ReadBody(res)
}

// Post sends form to path and returns the response with its body read.
func (c *Client) Post(path string, form url.Values) (*http.Response, string) {
	c.T.Helper()
	res, err := c.PostForm(c.Base+path, form)
	if err != nil {
		c.T.Fatal(err)
	}
	return res, ReadBody(res)
}

// ReadBody reads and closes a response body.
func ReadBody(res *http.Response) string {
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return string(b)
}

// AuditCount is the number of audit rows.
func (s *Site) AuditCount() int {
	var n int
	err := s.DB.Read(context.Background(), func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(context.Background(), "SELECT COUNT(*) FROM audit_log")
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return n
}

// UserID is the id of username's account as a path value.
func (s *Site) UserID(username string) string { return web.TestUserID(s.t, s.World, username) }

// Admin creates a 三员 account that has had its first sign-in.
func (s *Site) Admin(t testing.TB, username, role string) {
	web.TestUser(t, s.World, 0, username, role)
}

// Fill puts vals into a route pattern's {names} and drops a trailing {$}.
func Fill(pattern string, vals map[string]string) string {
	for k, v := range vals {
		pattern = strings.ReplaceAll(pattern, "{"+k+"}", v)
	}
	return strings.TrimSuffix(pattern, "{$}")
}

// Readable returns a response body as text a person would read: the cells
// of an xlsx download, or the body itself.
func Readable(t testing.TB, res *http.Response, body string) string {
	if !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
		return body
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("download is not an xlsx: %v", err)
	}
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	return b.String()
}
