// Package e2e drives the whole jiaoyan program, built and started on a free
// port, in a real headless Chromium (Debian's chromium, through chromedp).
// Without chromium the tests skip, unless JIAOYAN_BROWSER=1 (CI) demands it.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var binary string // the built jiaoyan, set by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jiaoyan-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "jiaoyan")
	build := exec.Command("go", "build", "-o", binary, "jiaoyan/cmd/jiaoyan")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func chromiumPath(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("JIAOYAN_BROWSER") == "1" {
		t.Fatal("JIAOYAN_BROWSER=1 but no chromium is installed")
	}
	t.Skip("chromium not installed; .ci/run installs it")
	return ""
}

// program is one running `jiaoyan serve` on a fresh SQLite database.
type program struct {
	dir, url string
	cmd      *exec.Cmd
}

func (p *program) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir, cmd.Env = p.dir, p.env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("jiaoyan %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (p *program) env() []string {
	return append(os.Environ(), "JIAOYAN_DB=sqlite:"+filepath.Join(p.dir, "e2e.db"), "JIAOYAN_ARGON2_MEMORY_KIB=8192",
		"JIAOYAN_ARGON2_TIME=1")
}

var startedRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)

// start runs serve on port 0 and waits for its address.
func start(t *testing.T) *program {
	p := &program{dir: t.TempDir()}
	p.cmd = exec.Command(binary, "serve", "--addr", "127.0.0.1:0")
	p.cmd.Dir, p.cmd.Env = p.dir, p.env()
	stderr, _ := p.cmd.StderrPipe()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.cmd.Process.Signal(os.Interrupt); p.cmd.Wait() })
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := startedRE.FindStringSubmatch(sc.Text()); m != nil {
			p.url = "http://" + m[1]
			go func() {
				for sc.Scan() {
				}
			}()
			return p
		}
	}
	t.Fatal("serve did not start")
	return nil
}

// browser opens a fresh headless Chromium with its own profile.
func browser(t *testing.T, width, height int) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil { // starts the browser on a context without deadline
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func must(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	step, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(step, actions...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		t.Fatalf("%s: %v\nat %s\n%s", what, err, loc, trim(body))
	}
}

func trim(s string) string {
	if len(s) > 1500 {
		return s[:1500]
	}
	return s
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}
