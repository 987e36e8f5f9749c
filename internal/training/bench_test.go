package training_test

import (
	"slices"
	"syscall"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
)

// benchSchools, benchTeachers and benchEntries size the city of
// BenchmarkCityStanding: 60,000 teachers in 600 schools, 10 approved
// entries a teacher and 学年 over the 5 years of a cycle (3 million rows).
const (
	benchSchools  = 600
	benchTeachers = 60000
	benchEntries  = 10
)

// BenchmarkCityStanding measures the city's standing (every teacher's
// cycle, year and capped category against the rules) over a ledger of
// about 3 million rows. The rows are made in SQL; the summaries are built
// from them as the write transactions keep them. Run with
//
//	go test -run XXX -bench CityStanding -benchtime 5x ./internal/training/
//
// and with JIAOYAN_TEST_PG for PostgreSQL; the target is under 2 s. The
// transcript sub-benchmark reports its p99 (target < 100 ms) over 40
// different teachers an op (200 at -benchtime 5x).
func BenchmarkCityStanding(b *testing.B) {
	f := newFixtureTB(b)
	f.zhejiangTB(b)
	seedCity(b, f.DB)
	b.Run("city", func(b *testing.B) { // computed afresh each time, as after a write
		mark := cpuTime()
		defer func() { b.ReportMetric(float64((cpuTime()-mark).Milliseconds())/float64(b.N), "cpu-ms/op") }()
		for range b.N {
			st, err := f.Svc.FindScopeStandingFresh(ctx, f.CityAdmin, training.StandingFilter{Year: 2026})
			if err != nil {
				b.Fatal(err)
			}
			if st.Teachers < benchTeachers {
				b.Fatalf("%d teachers measured, want %d", st.Teachers, benchTeachers)
			}
		}
	})
	b.Run("dossier_progress", func(b *testing.B) { // the 研修档案 progress of every school of the city
		for range b.N {
			rows, err := f.Svc.FindDossierProgress(ctx, f.CityAdmin, 2026)
			if err != nil || len(rows) < benchSchools {
				b.Fatalf("progress: %v, %d schools", err, len(rows))
			}
		}
	})
	b.Run("transcript", func(b *testing.B) {
		var first int64
		_ = f.DB.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(ctx, "SELECT MIN(id) FROM people WHERE name LIKE '教师%'").Scan(&first)
		})
		took := make([]time.Duration, 0, 40*b.N)
		for i := range 40 * b.N { // 40 teachers an op: -benchtime 5x gives a p99 over 200
			t0 := time.Now()
			tr, err := f.Svc.FindTranscript(ctx, f.CityAdmin, first+int64(i*7919%benchTeachers), 2026)
			if err != nil || len(tr.Years) != 5 {
				b.Fatalf("transcript: %v, %d years", err, len(tr.Years))
			}
			took = append(took, time.Since(t0))
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	})
}

func seedCity(b *testing.B, d *db.DB) {
	b.Helper()
	steps := []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ` + itoa(benchSchools) + `)
		INSERT INTO orgs (name, kind, region_code, path, created_at, updated_at)
		SELECT '测试学校' || i, 'school', CASE WHEN i % 2 = 0 THEN '330302' ELSE '330303' END, '', 0, 0 FROM n`,
		`UPDATE orgs SET path = (SELECT r.path FROM regions r WHERE r.code = orgs.region_code) || 'o' || id || '/'
		WHERE name LIKE '测试学校%'`,
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ` + itoa(benchTeachers-1) + `)
		INSERT INTO people (name, org_id, created_at, updated_at)
		SELECT '教师' || i, (SELECT MIN(id) FROM orgs WHERE name LIKE '测试学校%') + i % ` + itoa(benchSchools) + `, 0, 0 FROM n`,
		`WITH RECURSIVE y(v) AS (SELECT 2022 UNION ALL SELECT v + 1 FROM y WHERE v < 2026),
		k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ` + itoa(benchEntries) + `)
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

// cpuTime is this process's user and system CPU time so far: on SQLite
// the whole of the work, on PostgreSQL the client's share of it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
