package org

import (
	"context"

	"jiaoyan/internal/app"
)

// CountLive is the recomputation from base tables the maintained figures
// must equal.
func (s *Service) CountLive(ctx context.Context, actor app.Actor) (Counts, error) {
	return s.countLive(ctx, actor)
}
