package activity_test

import (
	"fmt"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/testutil"
)

// benchSize is the city term of the target: 20,000 activities and
// 400,000 sign-ups (20 each) of 4,000 teachers.
const (
	benchActivities = 20000
	benchPerAct     = 20
	benchTeachers   = 4000
	benchWeekPerDay = 20 // activityweb.WeekPerDay
)

// fillTerm writes the term straight into the tables (one transaction), half
// the activities by each county's bureau, spread over 2025-09-01 … 2026-01-20.
func fillTerm(b *testing.B, w *testutil.World) (teachers []int64) {
	b.Helper()
	err := w.DB.Write(ctx, func(tx *db.Tx) error {
		var paths [2]string
		var regions [2]string
		for i, org := range []int64{w.BureauA, w.BureauB} {
			if err := tx.QueryRow(ctx, "SELECT o.path, r.path FROM orgs o JOIN regions r ON r.code = o.region_code WHERE o.id = ?", org).
				Scan(&paths[i], &regions[i]); err != nil {
				return err
			}
		}
		for i := 0; i < benchTeachers; i++ {
			school := []int64{w.SchoolA, w.SchoolB}[i%2]
			id, err := tx.InsertID(ctx, "INSERT INTO people (name, org_id, created_at, updated_at) VALUES (?, ?, 0, 0) RETURNING id",
				fmt.Sprintf("教师%04d", i), school)
			if err != nil {
				return err
			}
			teachers = append(teachers, id)
		}
		start := time.Date(2025, 9, 1, 8, 0, 0, 0, activity.CST)
		for i := 0; i < benchActivities; i++ {
			c := i % 2
			at := start.Add(time.Duration(i) * (140 * 24 * time.Hour / benchActivities))
			id, err := tx.InsertID(ctx, `INSERT INTO activities (region_code, org_id, org_path, organiser, kind, title, theme, plan,
				starts_at, ends_at, place, audience_path, audience_name, signup_mode, state, signups, school_year, half, created_at, updated_at)
				VALUES (?, ?, ?, '教育局', 'themed', ?, '主题', '方案', ?, ?, '报告厅', ?, '区', 'open', 'published', ?, 2025, 1, 0, 0) RETURNING id`,
				[]string{"330302", "330303"}[c], []int64{w.BureauA, w.BureauB}[c], paths[c], fmt.Sprintf("活动%05d", i),
				at.Format(activity.TimeLayout), at.Add(2*time.Hour).Format(activity.TimeLayout), regions[c], benchPerAct)
			if err != nil {
				return err
			}
			for j := 0; j < benchPerAct; j++ {
				p := teachers[(i*benchPerAct/2*2+j*2+c)%benchTeachers] // people of the activity's own county
				if _, err := tx.Exec(ctx, "INSERT INTO activity_signups (activity_id, person_id, how, created_at) VALUES (?, ?, 'self', 0)", id, p); err != nil {
					return err
				}
			}
		}
		return activity.RebuildTermTotals(ctx, tx)
	})
	if err != nil {
		b.Fatal(err)
	}
	return teachers
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru) // errcheck: a bench metric; zero on failure
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuPerOp reports the CPU time an op costs (cpu-ms/op): on a shared,
// loaded machine the wall-clock figures wait for cores, this does not.
func cpuPerOp(b *testing.B, since time.Duration) {
	b.ReportMetric(float64((cpuTime()-since).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// parallel runs op at 16 goroutines and reports the p50 and p99 latency.
func parallel(b *testing.B, op func() error) {
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism(8) // × GOMAXPROCS 2 = 16 connections' worth
	cpu := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			t := time.Now()
			if err := op(); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	cpuPerOp(b, cpu)
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}

// BenchmarkCityTerm measures the activity list (first page and a deep
// keyset page), the month calendar, the term report and an activity page with
// its sign-ups,
// as a county administrator and as a teacher, over a city term of 20,000
// activities and 400,000 sign-ups.
func BenchmarkCityTerm(b *testing.B) {
	w := testutil.NewWorld(b)
	teachers := fillTerm(b, w)
	svc := &activity.Service{DB: w.DB, Keys: w.Keys}
	teacher := app.Actor{PersonID: teachers[0], OrgID: w.SchoolA, Scope: app.Scope{SelfPersonID: teachers[0]}}
	_ = w.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", w.SchoolA).Scan(&teacher.OrgPath)
	})
	term := dict.Term{Year: 2025, Half: dict.First}
	deep, err := svc.FindActivities(ctx, w.CountyA, activity.Filter{Term: term, Limit: 5000})
	if err != nil {
		b.Fatal(err)
	}
	after := deep.Last
	for _, c := range []struct {
		name string
		op   func() error
	}{
		{"list/county", func() error { _, err := svc.FindActivities(ctx, w.CountyA, activity.Filter{Term: term}); return err }},
		{"list/county-page-100", func() error {
			_, err := svc.FindActivities(ctx, w.CountyA, activity.Filter{Term: term, After: after})
			return err
		}},
		{"list/teacher", func() error { _, err := svc.FindActivities(ctx, teacher, activity.Filter{Term: term}); return err }},
		{"list/teacher-mine", func() error {
			_, err := svc.FindActivities(ctx, teacher, activity.Filter{Term: term, Mine: true})
			return err
		}},
		{"calendar/county-month-capped", func() error {
			_, _, err := svc.FindCalendar(ctx, w.CountyA, "2025-09-29", "2025-11-03", false, 6)
			return err
		}},
		{"calendar/teacher-month-capped", func() error {
			_, _, err := svc.FindCalendar(ctx, teacher, "2025-09-29", "2025-11-03", false, 6)
			return err
		}},
		{"calendar/county-week", func() error {
			_, _, err := svc.FindCalendar(ctx, w.CountyA, "2025-10-13", "2025-10-20", false, benchWeekPerDay)
			return err
		}},
		{"calendar/teacher-week", func() error {
			_, _, err := svc.FindCalendar(ctx, teacher, "2025-10-13", "2025-10-20", false, benchWeekPerDay)
			return err
		}},
		{"calendar/teacher-mine-month", func() error {
			_, _, err := svc.FindCalendar(ctx, teacher, "2025-09-29", "2025-11-03", true, 6)
			return err
		}},
		{"report/county", func() error { _, err := svc.TermReport(ctx, w.CountyA, term); return err }},
		{"detail/county", func() error { _, err := svc.FindActivityByID(ctx, w.CountyA, deep.Activities[100].ID); return err }},
	} {
		b.Run(c.name+"/serial", func(b *testing.B) {
			cpu := cpuTime()
			for range b.N {
				if err := c.op(); err != nil {
					b.Fatal(err)
				}
			}
			cpuPerOp(b, cpu)
		})
		b.Run(c.name+"/16conn", func(b *testing.B) { parallel(b, c.op) })
	}
}
