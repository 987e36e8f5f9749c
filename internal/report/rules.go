package report

import (
	"context"

	"jiaoyan/internal/policy"
)

// checkFunc answers policy.Check for one figure.
type checkFunc func(ctx context.Context, region string, key policy.RuleKey, year int, measured float64) (policy.Result, error)

// bookCheck is policy.Check for the cards' regions in year, read in one
// transaction (policy.RuleBook) instead of one per rule and region: a
// dashboard checks the same few rules for every researcher of a region.
func (s *Service) bookCheck(ctx context.Context, cards []Card, year int) (checkFunc, policy.RuleBook, error) {
	codes := make([]string, 0, 16)
	seen := map[string]bool{}
	for _, c := range cards {
		if !seen[c.Researcher.Region] {
			seen[c.Researcher.Region] = true
			codes = append(codes, c.Researcher.Region)
		}
	}
	book, err := s.Policy.RuleBook(ctx, codes, year)
	if err != nil {
		return nil, book, err
	}
	return func(ctx context.Context, region string, key policy.RuleKey, y int, measured float64) (policy.Result, error) {
		if y != book.Year() {
			return s.Policy.Check(ctx, region, key, y, measured)
		}
		return book.Check(region, key, measured)
	}, book, nil
}
