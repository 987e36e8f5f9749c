package e2e

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// memoryBudgetMiB is the resident memory the server may reach with 64
// signed-in connections on the small demo (issue 12, item 5); the README
// states the measured figures.
const memoryBudgetMiB = 512

// TestServeMemoryAtIdleAndUnder64Connections starts serve on the small demo
// (SQLite), reads its resident memory at idle, then has 64 connections of
// one signed-in user load the busiest list pages (25 requests each) and
// reads the peak. Every request must answer 200 and the peak must stay
// within memoryBudgetMiB.
func TestServeMemoryAtIdleAndUnder64Connections(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc to read the server's memory")
	}
	p := start(t)
	acc := demoAccounts(p.run(t, "demo", "--size", "small"))["demo.county1"]
	c := signIn(t, p.url, "demo.county1", acc.password)
	pages := []string{"/", "/orgs", "/people", "/groups", "/liaison/dashboard"}
	for _, pg := range pages {
		if code := status(t, c, p.url+pg); code != http.StatusOK {
			t.Fatalf("%s answers %d", pg, code)
		}
	}
	idle := procMiB(t, p.cmd.Process.Pid, "VmRSS")
	failures := load64(c, p.url, pages)
	peak := procMiB(t, p.cmd.Process.Pid, "VmHWM")
	t.Logf("serve resident memory: idle %d MiB, peak with 64 connections %d MiB (now %d MiB)", idle, peak,
		procMiB(t, p.cmd.Process.Pid, "VmRSS"))
	if len(failures) > 0 {
		t.Errorf("%d requests failed under 64 connections, e.g. %v", len(failures), failures[:min(3, len(failures))])
	}
	if peak > memoryBudgetMiB {
		t.Errorf("peak resident memory %d MiB exceeds the budget of %d MiB", peak, memoryBudgetMiB)
	}
}

// load64 sends 25 requests on each of 64 connections at once, reusing c's
// session, and returns the failures.
func load64(c *http.Client, base string, pages []string) []string {
	var (
		mu   sync.Mutex
		fail []string
		wg   sync.WaitGroup
	)
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := &http.Client{Jar: c.Jar, Timeout: c.Timeout, CheckRedirect: c.CheckRedirect,
				Transport: &http.Transport{MaxConnsPerHost: 1}}
			defer own.CloseIdleConnections()
			for i := range 25 {
				pg := pages[(w+i)%len(pages)]
				if err := get200(own, base+pg); err != nil {
					mu.Lock()
					fail = append(fail, err.Error())
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return fail
}

func get200(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	buf := make([]byte, 32<<10)
	for {
		if _, err := res.Body.Read(buf); err != nil {
			break
		}
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d", u, res.StatusCode)
	}
	return nil
}

// procMiB reads a kB field (VmRSS, VmHWM) of /proc/PID/status in MiB.
func procMiB(t *testing.T, pid int, field string) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kb / 1024
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
