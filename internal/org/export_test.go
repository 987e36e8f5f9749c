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

// FindOrgsQueries are FindOrgs' count and list queries and their arguments.
func FindOrgsQueries(actor app.Actor, f OrgFilter) (countQ, listQ string, args []any) {
	return findOrgsQueries(actor, f)
}
