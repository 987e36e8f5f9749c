package org

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// countPeopleList counts the list of where: exactly, or (CountCheap) exactly up
// to CountCap rows and past it an estimate.
func (s *Service) countPeopleList(ctx context.Context, tx *db.Tx, actor app.Actor, f PersonFilter, where string, args []any, mode CountMode) (int, bool, error) {
	if mode == CountExact {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM people p WHERE "+where, args...)
		return n, false, err
	}
	// The per-organisation counters answer first (kept, one read of their
	// version): when they already hold more than CountCap, the capped count
	// could only say "more than CountCap", so its read of CountCap+1 index
	// entries is skipped.
	est, err := s.estimatePeople(ctx, tx, actor, f)
	if err != nil || est > CountCap {
		return est, err == nil, err
	}
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM people p WHERE "+where+" LIMIT ?) c",
		append(slices.Clip(args), CountCap+1)...)
	if err != nil || n <= CountCap {
		return n, false, err
	}
	return max(est, n), true, nil
}

// estimatePeople is the scope's people from the per-organisation counters
// when f filters by nothing the counters know not; else 0 ("more than
// CountCap" is all that is known).
func (s *Service) estimatePeople(ctx context.Context, tx *db.Tx, actor app.Actor, f PersonFilter) (int, error) {
	if f != (PersonFilter{OrgID: f.OrgID, Offset: f.Offset, After: f.After, Before: f.Before, Limit: f.Limit}) {
		return 0, nil
	}
	where, args := scopeWhere(actor, "")
	if f.OrgID != 0 {
		where, args = where+" AND o.id = ?", append(args, f.OrgID)
	}
	fs, err := s.sumFigures(ctx, tx, where, args)
	return fs.Values[FigurePeople], err
}
