package qualityweb_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/quality/analysis/gen"
	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/webtest"
)

// BenchmarkReportPagesCity100k builds the city-100k exam (100,000 students,
// 400 schools in 10 counties, 9 subjects: 900,000 score rows), imports and
// analyses it through the service on SQLite, then serves the report pages
// through the real site handler to 16 concurrent clients (8 signed in as
// the city administrator, 8 as one school's administrator), each asking
// its user's pages in turn, and reports each page's p50 and p99, each page
// alone, and the CPU per request. Run with
//
//	go test -run NONE -bench ReportPagesCity100k -benchtime 1x ./internal/web/qualityweb/
func BenchmarkReportPagesCity100k(b *testing.B) {
	sz := gen.Sizes["city-100k"]
	files, err := gen.WriteFiles(b.TempDir(), sz, 1)
	if err != nil {
		b.Fatal(err)
	}
	items, _ := os.ReadFile(files.Items)
	scores, _ := os.ReadFile(files.Scores)
	s := webtest.New(b)
	ctx := context.Background()
	var schools []int64
	for c := 0; c < sz.Counties; c++ {
		s.MustRegion(b, fmt.Sprintf("3303%02d", 11+c), fmt.Sprintf("县区%02d", c+1), "county", "330300")
	}
	for sc := 0; sc < sz.Schools; sc++ {
		c := sc * sz.Counties / sz.Schools
		schools = append(schools, s.MustSchool(b, fmt.Sprintf("学校%04d", sc+1), fmt.Sprintf("3303%02d", 11+c), 1000+sc))
	}
	mine := schools[len(schools)/2]
	head := s.MustPerson(b, org.Person{Name: "钱校长", OrgID: mine})
	s.MustUser(b, head, "school_mid", auth.RoleSchoolAdmin)
	if err := s.DB.Exec(ctx, "UPDATE users SET must_change = FALSE"); err != nil {
		b.Fatal(err)
	}
	qualityweb.AnalysisRules(b, s.World)
	qualityweb.WarnRules(b, s.World, "330300")
	svc := qualityweb.ServiceOf(s.World)
	city := s.CityAdmin
	id, err := svc.CreateExam(ctx, city, quality.Exam{OrgID: city.OrgID, Name: "市统测", Term: dict.Term{Year: 2025, Half: 1},
		Level: quality.LevelCity, Kind: quality.KindQuality, SchoolIDs: schools})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.ImportPaper(ctx, city, id, "items.csv", items); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if _, err := svc.ImportScores(ctx, city, id, "scores.csv", scores, nil); err != nil {
		b.Fatal(err)
	}
	t1 := time.Now()
	if _, err := svc.Analyze(ctx, city, id, nil); err != nil {
		b.Fatal(err)
	}
	importS, analyzeS := t1.Sub(t0).Seconds(), time.Since(t1).Seconds()

	exam := fmt.Sprintf("/exams/%d", id)
	math := url.QueryEscape("数学")
	type page struct{ name, user, path string }
	pages := []page{
		{"city-region", "city_admin", exam + "/report?level=region&subject=" + math},
		{"city-county", "city_admin", exam + "/report?level=county&subject=" + math},
		{"city-school", "city_admin", exam + "/report?level=school&subject=" + math},
		{"city-school-p5", "city_admin", exam + "/report?level=school&subject=" + math + "&page=5"},
		{"city-class", "city_admin", exam + "/report?level=class&subject=" + math},
		{"city-total", "city_admin", exam + "/report?level=county"},
		{"city-students", "city_admin", exam + fmt.Sprintf("/students?school=%d", mine)},
		{"school-school", "school_mid", exam + "/report?level=school&subject=" + math},
		{"school-class", "school_mid", exam + "/report?level=class&subject=" + math},
		{"school-students", "school_mid", exam + "/students"},
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	const clients, perClient = 16, 42 // every client asks as often, all through the run
	var sessions []*webtest.Client
	for i := 0; i < clients; i++ {
		c := s.As([]string{"city_admin", "school_mid"}[i%2])
		c.Client.Transport = tr
		sessions = append(sessions, c)
	}
	// each page alone, five times (the first also checks that it opens)
	serial := map[string]float64{}
	for _, p := range pages {
		var ts []time.Duration
		for range 5 {
			t := time.Now()
			res, err := sessions[map[string]int{"city_admin": 0, "school_mid": 1}[p.user]].Client.Get(s.URL + p.path)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Fatalf("page %s: %d", p.name, res.StatusCode)
			}
			ts = append(ts, time.Since(t))
		}
		slices.Sort(ts)
		serial[p.name] = ms(ts[2])
	}
	b.ResetTimer()
	cpu0, reqs := cpuTime(), 0
	for n := 0; n < b.N; n++ {
		var mu sync.Mutex
		times := map[string][]time.Duration{}
		var wg sync.WaitGroup
		for ci, c := range sessions {
			user := []string{"city_admin", "school_mid"}[ci%2]
			wg.Add(1)
			go func() {
				defer wg.Done()
				var own []page
				for _, p := range pages {
					if p.user == user {
						own = append(own, p)
					}
				}
				for r := 0; r < perClient; r++ {
					p := own[(r+ci)%len(own)] // clients start on different pages
					t := time.Now()
					res, err := c.Client.Get(s.URL + p.path)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					d := time.Since(t)
					if res.StatusCode != 200 {
						b.Errorf("%s: %d", p.name, res.StatusCode)
					}
					mu.Lock()
					times[p.name] = append(times[p.name], d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		for _, ts := range times {
			reqs += len(ts)
		}
		for _, p := range pages {
			ts := times[p.name]
			slices.Sort(ts)
			if len(ts) == 0 {
				continue
			}
			b.ReportMetric(ms(ts[len(ts)/2]), p.name+"-p50-ms")
			b.ReportMetric(ms(ts[(len(ts)*99)/100]), p.name+"-p99-ms")
		}
	}
	b.StopTimer()
	// the process's CPU (server and clients) per request under load: the
	// figure a loaded shared machine does not distort
	b.ReportMetric(ms(cpuTime()-cpu0)/float64(max(1, reqs)), "cpu-ms/req")
	for name, v := range serial {
		b.ReportMetric(v, name+"-alone-ms")
	}
	b.ReportMetric(importS, "import-s")
	b.ReportMetric(analyzeS, "analyze-s")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
