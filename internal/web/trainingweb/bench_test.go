package trainingweb_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

// The city of BenchmarkCreditsPage: 60,000 teachers in 600 schools, 10
// approved entries a teacher and 学年 over the 5 years of a cycle (3
// million ledger rows), as BenchmarkCityStanding in internal/training.
const (
	pageSchools  = 600
	pageTeachers = 60000
	pageEntries  = 10
	clients      = 16
)

// BenchmarkCreditsPage serves /credits to the city administrator (the
// standing of all 60,000 teachers) and a transcript page, through the
// whole site over httptest, from 16 concurrent clients, and reports p50
// and p99. "cold" is 16 clients asking at once right after a write (one
// computes the standing, the others wait for it); "warm" is the steady
// state. Run with
//
//	go test -run XXX -bench 'CreditsPage/(warm|transcript)' -benchtime 800x ./internal/web/trainingweb/
//	go test -run XXX -bench 'CreditsPage/cold' -benchtime 5x ./internal/web/trainingweb/
//
// and with JIAOYAN_TEST_PG for PostgreSQL.
func BenchmarkCreditsPage(b *testing.B) {
	s := webtest.New(b)
	year := cityRules(b, s)
	seedPageCity(b, s.DB, year)
	city := s.As("city_admin")
	var first int64
	_ = s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT MIN(id) FROM people WHERE name LIKE '教师%'").Scan(&first)
	})
	standing := "/credits?year=" + strconv.Itoa(year)
	b.Run("cold", func(b *testing.B) {
		var took []time.Duration
		mark := cpuTime()
		for i := range b.N {
			// a write that moves credit_version: every kept standing is stale
			if err := s.DB.Exec(ctx, "UPDATE credit_person_years SET hours = hours WHERE person_id = ? AND school_year = ?",
				first+int64(i), year); err != nil {
				b.Fatal(err)
			}
			took = append(took, burst(b, city, []string{standing}, clients)...)
		}
		report(b, took, mark)
	})
	b.Run("warm", func(b *testing.B) {
		city.Get(standing)
		mark := cpuTime()
		report(b, spread(b, city, b.N, func(i int) string { return standing }), mark)
	})
	b.Run("transcript", func(b *testing.B) {
		mark := cpuTime()
		report(b, spread(b, city, b.N, func(i int) string {
			return fmt.Sprintf("/credits/people/%d?year=%d", first+int64(i*7919%pageTeachers), year)
		}), mark)
	})
}

// burst sends one request for each of n clients at once and returns
// their times.
func burst(b *testing.B, c *webtest.Client, paths []string, n int) []time.Duration {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var took []time.Duration
	for i := range n {
		wg.Go(func() {
			d := get(b, c, paths[i%len(paths)])
			mu.Lock()
			took = append(took, d)
			mu.Unlock()
		})
	}
	wg.Wait()
	return took
}

// spread sends total requests (path(i)) from 16 concurrent clients and
// returns their times.
func spread(b *testing.B, c *webtest.Client, total int, path func(int) string) []time.Duration {
	took := make([]time.Duration, total)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Go(func() {
			for i := w; i < total; i += clients {
				took[i] = get(b, c, path(i))
			}
		})
	}
	wg.Wait()
	return took
}

func get(b *testing.B, c *webtest.Client, path string) time.Duration {
	t0 := time.Now()
	res, err := c.Client.Get(c.Base + path)
	if err != nil {
		b.Error(err)
		return 0
	}
	webtest.ReadBody(res)
	if res.StatusCode != http.StatusOK {
		b.Errorf("%s: %d", path, res.StatusCode)
	}
	return time.Since(t0)
}

// report puts p50 and p99 of took, and the process's CPU time per request
// since mark (server and clients together: a figure the machine's other
// load does not inflate as it does the latencies).
func report(b *testing.B, took []time.Duration, mark time.Duration) {
	b.ReportMetric(float64((cpuTime()-mark).Microseconds())/1000/float64(len(took)), "cpu-ms/req")
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*99/100]), "p99-ms")
}

// cityRules sets the city's cycle rules (360 per 5 years from 2022, 24 a
// year) and conversions (10 学时 a 学分; 校本研修 capped at 96) from the
// current 学年, which it returns.
func cityRules(b *testing.B, s *webtest.Site) int {
	pol := &policy.Service{DB: s.DB}
	year := pol.CurrentSchoolYear()
	root := app.System("测试", "region.edit")
	for k, v := range map[policy.RuleKey]float64{policy.RuleTeacherCreditCycleYears: 5, policy.RuleTeacherCreditCycleStartYear: 2022,
		policy.RuleTeacherCreditsPerCycle: 360, policy.RuleTeacherCreditsPerYearMin: 24} {
		if err := pol.SetValue(ctx, root, "330300", k, v, year, "", 0); err != nil {
			b.Fatal(err)
		}
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		for _, r := range []credit.Rule{{Category: credit.CategoryCentralized, HoursPerCredit: 10},
			{Category: credit.CategorySchoolBased, HoursPerCredit: 10, CapPerCycle: 96}} {
			r.RegionCode, r.FromYear = "330300", year
			if _, err := credit.SetRule(ctx, tx, s.CityAdmin, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return year
}

// seedPageCity writes the schools, teachers and ledger in SQL, and the
// summaries from the ledger as the write transactions keep them.
func seedPageCity(b *testing.B, d *db.DB, year int) {
	last := strconv.Itoa(year)
	steps := []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ` + strconv.Itoa(pageSchools) + `)
		INSERT INTO orgs (name, kind, region_code, path, created_at, updated_at)
		SELECT '测试学校' || i, 'school', CASE WHEN i % 2 = 0 THEN '330302' ELSE '330303' END, '', 0, 0 FROM n`,
		`UPDATE orgs SET path = (SELECT r.path FROM regions r WHERE r.code = orgs.region_code) || 'o' || id || '/'
		WHERE name LIKE '测试学校%'`,
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ` + strconv.Itoa(pageTeachers-1) + `)
		INSERT INTO people (name, org_id, created_at, updated_at)
		SELECT '教师' || i, (SELECT MIN(id) FROM orgs WHERE name LIKE '测试学校%') + i % ` + strconv.Itoa(pageSchools) + `, 0, 0 FROM n`,
		`WITH RECURSIVE y(v) AS (SELECT 2022 UNION ALL SELECT v + 1 FROM y WHERE v < ` + last + `),
		k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ` + strconv.Itoa(pageEntries) + `)
		INSERT INTO credit_entries (person_id, school_year, half, on_date, category, title, hours, credits, rule_year, source,
			state, created_at)
		SELECT p.id, y.v, 1, y.v || '-10-01', CASE WHEN k.j <= 7 THEN 'centralized' ELSE 'school_based' END, '测试培训',
			(p.id + k.j) % 9 + 2, ((p.id + k.j) % 9 + 2) / 10.0, 2020, 'bench', 'approved', 0
		FROM people p CROSS JOIN y CROSS JOIN k WHERE p.name LIKE '教师%'`,
		`INSERT INTO credit_person_years (person_id, school_year, hours, credits, entries)
		SELECT person_id, school_year, SUM(hours), SUM(credits), COUNT(*) FROM credit_entries WHERE state = 'approved'
		GROUP BY person_id, school_year`,
		`INSERT INTO credit_person_year_categories (person_id, school_year, category, hours, credits, entries)
		SELECT person_id, school_year, category, SUM(hours), SUM(credits), COUNT(*) FROM credit_entries
		WHERE state = 'approved' GROUP BY person_id, school_year, category`,
	}
	for _, q := range steps {
		if err := d.Exec(ctx, q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	if testutil.UsingPostgres() {
		// as autovacuum does after a bulk load: the visibility map lets the
		// summaries be read index-only
		_ = d.Exec(ctx, "VACUUM ANALYZE credit_person_year_categories")
		_ = d.Exec(ctx, "ANALYZE")
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
