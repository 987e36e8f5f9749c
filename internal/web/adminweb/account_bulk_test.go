package adminweb_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

var (
	slipRE = regexp.MustCompile(`<dt>用户名</dt><dd class="pw">([^<]+)</dd>\s*<dt>初始密码</dt><dd class="pw">([^<]+)</dd>`)
	xlsxRE = regexp.MustCompile(`href="data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,([^"]+)" download`)
)

// slips returns username -> initial password as printed on a slips page.
func slips(body string) map[string]string {
	out := map[string]string{}
	for _, m := range slipRE.FindAllStringSubmatch(body, -1) {
		out[html.UnescapeString(m[1])] = html.UnescapeString(m[2])
	}
	return out
}

// signIn signs username in with password and returns where the site sends
// the browser next.
func signIn(t *testing.T, s *webtest.Site, username, password string) string {
	t.Helper()
	c := s.Anon()
	res, body := c.Post("/login", url.Values{"username": {username}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d %s", username, res.StatusCode, body)
	}
	res, _ = c.Get("/")
	return res.Header.Get("Location")
}

// TestBulkOpeningPrintsSlipsOnce: a school administrator ticks two teachers
// of its school; the answer is one slip each (姓名、单位、用户名、初始密码、
// 登录地址、首次登录须修改密码) and the same in an xlsx; every password is on
// the page once, signs in, and forces a change; one audit row per account;
// no later page shows a password, and the database does not hold one.
func TestBulkOpeningPrintsSlipsOnce(t *testing.T) {
	s := webtest.New(t)
	p1 := s.MustPerson(t, org.Person{Name: "甲老师", OrgID: s.SchoolA})
	p2 := s.MustPerson(t, org.Person{Name: "乙老师", OrgID: s.SchoolA})
	c := s.As("school_a")
	page := fmt.Sprintf("/orgs/%d/accounts/bulk", s.SchoolA)
	if _, body := c.Get(fmt.Sprintf("/orgs/%d", s.SchoolA)); !strings.Contains(body, `href="`+page+`"`) {
		t.Error("the school's page has no 批量开通账号 button")
	}
	if _, body := c.Get(page); !strings.Contains(body, "甲老师") || !strings.Contains(body, "乙老师") || strings.Contains(body, "陈鹿城") {
		t.Fatalf("bulk page does not list exactly the people without an account:\n%s", body)
	}
	n := s.AuditCount()
	res, body := c.Post(page, url.Values{"people": {fmt.Sprint(p1), fmt.Sprint(p2)}})
	got := slips(body)
	if res.StatusCode != http.StatusOK || len(got) != 2 {
		t.Fatalf("open: %d, slips %v\n%s", res.StatusCode, got, body)
	}
	for _, want := range []string{"甲老师", "乙老师", "鹿城区实验小学", "/login", "首次登录须修改密码"} {
		if !strings.Contains(body, want) {
			t.Errorf("slips lack %q", want)
		}
	}
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("slips page may be cached: %q", res.Header.Get("Cache-Control"))
	}
	if s.AuditCount() != n+2 {
		t.Errorf("audit rows written: %d, want one per account", s.AuditCount()-n)
	}
	book := slipsWorkbook(t, body)
	for user, pw := range got {
		if strings.Count(body, html.EscapeString(pw)) != 1 {
			t.Errorf("password of %s shown %d times on the slips page", user, strings.Count(body, html.EscapeString(pw)))
		}
		if !strings.Contains(book, user+"|"+pw) {
			t.Errorf("xlsx lacks %s and its password:\n%s", user, book)
		}
		if where := signIn(t, s, user, pw); where != "/account/password" {
			t.Errorf("%s first sign-in goes to %q, want the forced password change", user, where)
		}
	}
	for _, path := range []string{page, "/accounts", "/accounts/" + s.UserID(slipUser(got, p1))} {
		_, later := c.Get(path)
		for _, pw := range got {
			if strings.Contains(later, html.EscapeString(pw)) {
				t.Errorf("GET %s shows an initial password again", path)
			}
		}
	}
	if _, again := c.Post(page, url.Values{"people": {fmt.Sprint(p1)}}); len(slips(again)) != 0 {
		t.Error("a second POST opened the same person again")
	}
	noPasswordInFile(t, s, got)
}

func slipUser(got map[string]string, personID int64) string {
	want := fmt.Sprintf("js%06d", personID)
	if _, ok := got[want]; !ok {
		return ""
	}
	return want
}

// slipsWorkbook reads the xlsx offered on the slips page as "a|b|c" lines.
func slipsWorkbook(t *testing.T, body string) string {
	t.Helper()
	m := xlsxRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("slips page offers no xlsx download")
	}
	raw, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

// noPasswordInFile checks the SQLite file and its WAL hold no initial
// password (on PostgreSQL, the auth tests scan every column instead).
func noPasswordInFile(t *testing.T, s *webtest.Site, pws map[string]string) {
	t.Helper()
	if s.DB.Path == "" {
		return
	}
	s.DB.Exec(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
	for _, path := range []string{s.DB.Path, s.DB.Path + "-wal"} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for user, pw := range pws {
			if bytes.Contains(b, []byte(pw)) {
				t.Errorf("%s holds the initial password of %s in the clear", path, user)
			}
		}
	}
}

// TestBulkOpeningStaysInItsSchool: school A's administrator cannot slip a
// county-B teacher into its batch, nor open county B's school at all; no
// account is written either way.
func TestBulkOpeningStaysInItsSchool(t *testing.T) {
	s := webtest.New(t)
	pB := s.MustPerson(t, org.Person{Name: "龙湾新人", OrgID: s.SchoolB})
	c := s.As("school_a")
	n := s.AuditCount()
	res, body := c.Post(fmt.Sprintf("/orgs/%d/accounts/bulk", s.SchoolA), url.Values{"people": {fmt.Sprint(pB)}})
	if res.StatusCode == http.StatusOK && len(slips(body)) > 0 || strings.Contains(body, fmt.Sprintf("js%06d", pB)) {
		t.Errorf("county-B teacher opened from school A: %d", res.StatusCode)
	}
	for _, path := range []string{"/orgs/%d/accounts/bulk"} {
		p := fmt.Sprintf(path, s.SchoolB)
		if res, _ := c.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
		if res, _ := c.Post(p, url.Values{"all": {"1"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", p, res.StatusCode)
		}
	}
	if _, err := s.Auth.FindUserByPerson(context.Background(), testutil.Root, pB); err == nil {
		t.Error("the county-B teacher got an account")
	}
	if s.AuditCount() != n {
		t.Errorf("refused batches wrote %d audit rows", s.AuditCount()-n)
	}
}
