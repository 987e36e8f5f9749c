package site_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"syscall"
	"testing"

	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/demo"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web/site"
)

// BenchmarkCityPages serves the issue #12 target pages through the real
// site handler (every middleware, the session lookup, the layout, the menu
// and the 待办 badge), in process and without the network, as the demo's
// city administrator (demo.city, scope 温州市全市) on the city demo
// (60,380 people; JIAOYAN_BENCH_SIZE=small for a quick run). The demo takes
// about a minute to build before the first page is timed.
//
//	go test -run '^$' -bench BenchmarkCityPages -benchtime 200x ./internal/web/site/
//
// JIAOYAN_BENCH_PROFILE=/tmp/prof writes each page's CPU profile there
// (go tool pprof -top -cum /tmp/prof/people.prof), and the allocations
// before and after its requests (go tool pprof -sample_index=alloc_space
// -diff_base /tmp/prof/people.allocs0 /tmp/prof/people.allocs).
func BenchmarkCityPages(b *testing.B) {
	size := demo.City
	if s := os.Getenv("JIAOYAN_BENCH_SIZE"); s != "" {
		size = demo.Size(s)
	}
	ctx := context.Background()
	env := testutil.NewEnv(b)
	env.Auth.Policy.RequireAdminTOTP = false
	ds := &dict.Store{DB: env.DB}
	if err := ds.Seed(ctx); err != nil {
		b.Fatal(err)
	}
	ps := &policy.Service{DB: env.DB}
	ls := &liaison.Service{DB: env.DB, Org: env.Org, Policy: ps, Dict: ds}
	sum, err := demo.Generate(ctx, demo.Target{Org: env.Org, Auth: env.Auth, Policy: ps, Liaison: ls,
		Training: &training.Service{DB: env.DB, Org: env.Org, Policy: ps}}, size, 1, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	if err := env.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE users SET must_change = FALSE")
		return err
	}); err != nil {
		b.Fatal(err)
	}
	srv, err := site.New(site.Deps{DB: env.DB, Auth: env.Auth, Org: env.Org, Policy: ps, Dict: ds, Config: config.Default()})
	if err != nil {
		b.Fatal(err)
	}
	var cookie *http.Cookie
	for _, a := range sum.Accounts {
		if a.Username != "demo.city" {
			continue
		}
		token, err := env.Auth.Login(ctx, a.Username, a.Password, "127.0.0.1", "bench")
		if err != nil {
			b.Fatal(err)
		}
		cookie = &http.Cookie{Name: "jiaoyan_session", Value: token}
	}
	if cookie == nil {
		b.Fatal("no demo.city account")
	}
	serve := func(b *testing.B, path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = "127.0.0.1:1234"
		req.AddCookie(cookie)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d %s", path, w.Code, w.Body.String())
		}
		return w
	}
	get := func(b *testing.B, path string) string { return serve(b, path).Body.String() }
	// The deep page is page 601 reached by its 下一页 link, as a reader
	// paging on would open it (after= the last row of page 600).
	next := regexp.MustCompile(`<a href="([^"]*)"[^>]*>下一页</a>`)
	deep := "/people?page=601"
	if m := next.FindStringSubmatch(get(b, "/people?page=600")); m != nil {
		deep = "/people" + html.UnescapeString(m[1])
	}
	for _, p := range []struct{ name, path string }{
		{"home", "/"}, {"people", "/people"}, {"people_deep", deep}, {"researchers", "/researchers"},
		{"orgs", "/orgs"}, {"liaison_dashboard", "/liaison/dashboard"}, {"coverage", "/stations/coverage"},
	} {
		b.Run(p.name, func(b *testing.B) {
			get(b, p.path) // the caches a first request fills
			b.ReportAllocs()
			stop := profilePage(b, p.name)
			b.ResetTimer()
			cpu0 := processCPU()
			for range b.N {
				serve(b, p.path) // the body is not copied out: the harness's own cost stays out of the figure
			}
			stop()
			// The process's CPU time per page: on a shared machine wall
			// time (ns/op) counts the waits for a core, CPU time does not.
			b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// profilePage starts a CPU profile of one page's timed requests alone
// (without the demo's build) when JIAOYAN_BENCH_PROFILE names a directory,
// written there as <page>.prof; the returned function stops it.
func profilePage(b *testing.B, page string) func() {
	dir := os.Getenv("JIAOYAN_BENCH_PROFILE")
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, page+".prof"))
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	writeAllocs := func(name string) {
		a, err := os.Create(filepath.Join(dir, name))
		if err == nil {
			pprof.Lookup("allocs").WriteTo(a, 0)
			a.Close()
		}
	}
	writeAllocs(page + ".allocs0")
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		writeAllocs(page + ".allocs")
	}
}

// processCPU is the user and system CPU time this process has used, in ns.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
