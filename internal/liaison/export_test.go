package liaison

import (
	"context"

	"jiaoyan/internal/app"
)

// ResearcherQuery exposes the roster query to the plan test.
var ResearcherQuery = researcherQuery

// RosterKeysQuery is the read of the roster order, for the plan test.
var RosterKeysQuery = rosterKeysQuery

// CandidateQuery and BackboneQuery are the team planner's reads of people.
const CandidateQuery, BackboneQuery = candidateQuery, backboneQuery

// FreshCoverage is FindCoverage computed from the database, past the cache.
func (s *Service) FreshCoverage(ctx context.Context, actor app.Actor, region string, from int) (Coverage, error) {
	return s.freshCoverage(ctx, actor, region, from)
}

// SetVisitWalkBatch sets WalkVisits' batch size until the test ends.
func SetVisitWalkBatch(t interface{ Cleanup(func()) }, n int) {
	old := visitWalkBatch
	visitWalkBatch = n
	t.Cleanup(func() { visitWalkBatch = old })
}

// VisitPageQuery is the visit list page's read, for the plan test.
var VisitPageQuery = visitPageQuery

// ResearchersByIDQuery is a roster page's read of its own rows.
var ResearchersByIDQuery = researchersByIDQuery
