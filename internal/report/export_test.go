package report

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
)

// FreshDashboard computes the dashboard from the database, past the cache.
func (s *Service) FreshDashboard(ctx context.Context, actor app.Actor, region string, term dict.Term) (Dashboard, error) {
	return s.buildDashboard(ctx, actor, region, term)
}

// AwaitRebuilds waits for the dashboard rebuilds under way in this process.
func AwaitRebuilds() { rebuilds.Wait() }
