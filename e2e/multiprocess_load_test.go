package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// loadResult is what the workers saw.
type loadResult struct {
	acked       []string // names whose creation was acknowledged with 303
	ackedBefore int      // of them, sent before the kill
	failed      int      // requests not acknowledged (any side of the kill)
	after       int      // requests sent once the killed process was gone (plus a grace second)
	afterOK     int      // of them, acknowledged
	afterErrs   []string // the first few failures after the kill
}

// killGrace is how long after the killed process stops accepting
// connections nginx may still hand out a connection it had open to it.
const killGrace = time.Second

// runLoad runs mpWorkers workers creating organisations through front for
// mpDuration, and kills victim with SIGKILL half-way. Each worker sends at
// most 2000 requests.
func runLoad(t *testing.T, c *http.Client, front string, victim *server) loadResult {
	ctx, cancel := context.WithTimeout(context.Background(), mpDuration)
	defer cancel()
	var (
		mu       sync.Mutex
		res      loadResult
		killedAt time.Time // zero until the victim is gone
		wg       sync.WaitGroup
	)
	go func() {
		time.Sleep(mpDuration / 2)
		victim.cmd.Process.Signal(syscall.SIGKILL)
		waitRefused(victim.addr)
		mu.Lock()
		killedAt = time.Now()
		mu.Unlock()
	}()
	for w := range mpWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000 && ctx.Err() == nil; i++ {
				name := fmt.Sprintf("压测机构-%d-%d", w, i)
				sent := time.Now()
				err := createOrg(c, front, name)
				mu.Lock()
				res.record(name, err, !killedAt.IsZero() && sent.After(killedAt.Add(killGrace)), killedAt.IsZero())
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return res
}

func (r *loadResult) record(name string, err error, afterKill, beforeKill bool) {
	if afterKill {
		r.after++
	}
	if err != nil {
		r.failed++
		if afterKill && len(r.afterErrs) < 5 {
			r.afterErrs = append(r.afterErrs, err.Error())
		}
		return
	}
	r.acked = append(r.acked, name)
	if afterKill {
		r.afterOK++
	}
	if beforeKill {
		r.ackedBefore++
	}
}

// waitRefused waits (at most 3 s) until addr refuses connections.
func waitRefused(addr string) {
	for range 60 {
		conn, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			return
		}
		conn.Close()
		time.Sleep(50 * time.Millisecond)
	}
}

// createOrg posts a new 教研机构 in 鹿城区 and reports whether the server
// acknowledged it (303 to the new organisation's page).
func createOrg(c *http.Client, front, name string) error {
	res, err := c.PostForm(front+"/orgs", url.Values{"name": {name}, "kind": {"research_office"}, "region_code": {"330302"}})
	if err != nil {
		return err
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "/orgs/") {
		return fmt.Errorf("%s: %d %q", name, res.StatusCode, loc)
	}
	return nil
}

// checkAcknowledged fails for every acknowledged name missing from the
// database, and for any name stored twice.
func checkAcknowledged(t *testing.T, dsn string, acked []string) {
	t.Helper()
	pg, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	rows, err := pg.Query("SELECT name FROM orgs WHERE name LIKE '压测机构-%'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	stored := map[string]int{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		stored[n]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var lost []string
	for _, n := range acked {
		if stored[n] == 0 {
			lost = append(lost, n)
		}
	}
	for n, k := range stored {
		if k > 1 {
			t.Errorf("%s stored %d times", n, k)
		}
	}
	if len(lost) > 0 {
		t.Fatalf("%d of %d acknowledged writes are not in the database, e.g. %v", len(lost), len(acked), lost[:min(5, len(lost))])
	}
	t.Logf("all %d acknowledged writes are in the database (%d rows stored)", len(acked), len(stored))
}
