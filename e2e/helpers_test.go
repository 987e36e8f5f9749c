package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jiaoyan/internal/auth"
)

// submit fills the named fields of the page's form and submits it,
// waiting for the next page.
func submit(t *testing.T, ctx context.Context, url string, fields map[string]string) string {
	t.Helper()
	acts := []chromedp.Action[chromedp.Void]{chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("form"))}
	for name, v := range fields {
		sel := fmt.Sprintf(`[name="%s"]`, name)
		acts = append(acts, chromedp.SetValue(chromedp.CSS(sel), v))
	}
	return click(t, ctx, acts, `main form button[type=submit]`)
}

func click(t *testing.T, ctx context.Context, before []chromedp.Action[chromedp.Void], sel string) string {
	t.Helper()
	acts := append(before, chromedp.Click(chromedp.CSS(sel)), chromedp.Sleep(300*time.Millisecond),
		chromedp.WaitReady(chromedp.CSS("body")))
	must(t, ctx, "submit "+sel, acts...)
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

// check ticks a checkbox by name and value.
func check(name, value string) chromedp.Action[chromedp.Void] { return setChecked(name, value, true) }

// uncheck clears a checkbox by name and value.
func uncheck(name, value string) chromedp.Action[chromedp.Void] {
	return setChecked(name, value, false)
}

func setChecked(name, value string, on bool) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const e = document.querySelector('input[name=%q][value=%q]'); if (!e) return false; e.checked = %v; return true })()`, name, value, on)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		ok, err := chromedp.Evaluate[bool](js)(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("no checkbox %s=%s", name, value)
		}
		return err
	})
}

// selectText picks the option of select name whose text contains text.
func selectText(name, text string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const s = document.querySelector('select[name=%q]'); for (const o of s.options) { if (o.text.includes(%q)) { s.value = o.value; return true } } return false })()`, name, text)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		ok, err := chromedp.Evaluate[bool](js)(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("no option %q in %s", text, name)
		}
		return err
	})
}

func login(t *testing.T, ctx context.Context, base, user, pw string) string {
	t.Helper()
	return submit(t, ctx, base+"/login", map[string]string{"username": user, "password": pw})
}

// firstLogin signs in with the initial password and changes it as forced.
func firstLogin(t *testing.T, ctx context.Context, base, user, initial, next string) string {
	t.Helper()
	if loc := login(t, ctx, base, user, initial); !strings.HasSuffix(loc, "/account/password") {
		t.Fatalf("%s first sign-in went to %s, want the forced password change", user, loc)
	}
	return submit(t, ctx, base+"/account/password", map[string]string{"old_password": initial, "new_password": next, "confirm": next})
}

// firstAdminLogin signs an administrator in with the initial password,
// enrols its authenticator (the second factor comes first) and then changes
// the password as forced.
func firstAdminLogin(t *testing.T, ctx context.Context, base, user, initial, next string) {
	t.Helper()
	if loc := login(t, ctx, base, user, initial); !strings.HasSuffix(loc, "/account/totp") {
		t.Fatalf("%s first sign-in went to %s, want the authenticator enrolment", user, loc)
	}
	enrolTOTP(t, ctx, base)
	submit(t, ctx, base+"/account/password", map[string]string{"old_password": initial, "new_password": next, "confirm": next})
}

// enrolTOTP runs the administrator's enrolment and returns the secret.
func enrolTOTP(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	click(t, ctx, []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/account/totp")}, `form[action="/account/totp/begin"] button`)
	secret := text(t, ctx, "#totp-secret")
	code, err := auth.TOTPCode(secret, auth.TOTPStep(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "enter code", chromedp.SetValue(chromedp.CSS(`input[name=code]`), code))
	click(t, ctx, nil, `main form[action="/account/totp"] button[type=submit]`)
	return secret
}

func logout(t *testing.T, ctx context.Context) {
	click(t, ctx, nil, `form[action="/logout"] button`)
}

func body(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	must(t, ctx, "open "+url, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body")))
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return s
}

// screenshot saves the page as PNG when JIAOYAN_SCREENSHOTS names a folder.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("JIAOYAN_SCREENSHOTS")
	if dir == "" {
		return
	}
	must(t, ctx, "settle", chromedp.Sleep(700*time.Millisecond))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}
