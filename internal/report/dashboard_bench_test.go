package report_test

import (
	"io"
	"testing"
	"time"

	"jiaoyan/internal/demo"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/testutil"
)

// benchDashboard is the small demo region's dashboard service for the
// whole scope, rules in force city-wide.
func benchDashboard(b *testing.B) (*report.Service, dict.Term) {
	e := testutil.NewEnv(b)
	if _, err := demo.Generate(ctx, demo.Target{Org: e.Org, Auth: e.Auth}, demo.Small, 1, io.Discard); err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return time.Date(2025, 12, 15, 10, 0, 0, 0, time.UTC) }
	return &report.Service{DB: e.DB, Policy: &policy.Service{DB: e.DB, Now: now}, Now: now}, dict.Term{Year: 2025, Half: 1}
}

// BenchmarkDashboardKept is a repeated dashboard with nothing written in
// between: a read of two version numbers.
func BenchmarkDashboardKept(b *testing.B) {
	rep, term := benchDashboard(b)
	b.ResetTimer()
	for range b.N {
		if _, err := rep.Dashboard(ctx, testutil.Root, "", term); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboardFresh computes the dashboard from the database each
// time (what a request costs after a write): grouped reads, no read per
// researcher.
func BenchmarkDashboardFresh(b *testing.B) {
	rep, term := benchDashboard(b)
	b.ResetTimer()
	for range b.N {
		if _, err := rep.FreshDashboard(ctx, testutil.Root, "", term); err != nil {
			b.Fatal(err)
		}
	}
}
