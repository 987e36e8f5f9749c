package liaison

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// visitWalkBatch is how many visits one read of WalkVisits takes.
var visitWalkBatch = 500 // a variable so tests may walk in small batches

// WalkVisits hands fn every visit of f (Offset and Limit aside) the actor
// may see, newest first as FindVisits lists them, until fn returns false.
// It reads visitWalkBatch visits at a time, each batch after the last key
// shown (start date, id), so no visit is skipped or repeated whatever is
// written meanwhile, and nothing holds the whole list. Needs visit.view.
func (s *Service) WalkVisits(ctx context.Context, actor app.Actor, f VisitFilter, fn func(Visit) bool) error {
	if err := actor.Require(PermVisitView); err != nil {
		return err
	}
	where, args := visitFilterWhere(actor, f)
	var last *Visit
	for {
		q, qargs := visitSelect+" WHERE "+where, append([]any{}, args...)
		if last != nil {
			q += " AND (v.start_date < ? OR (v.start_date = ? AND v.id < ?))"
			qargs = append(qargs, last.StartDate, last.StartDate, last.ID)
		}
		var batch []Visit
		err := s.DB.Read(ctx, func(tx *db.Tx) error {
			var err error
			batch, err = db.QueryAll(ctx, tx, scanVisit, q+" ORDER BY v.start_date DESC, v.id DESC LIMIT ?", append(qargs, visitWalkBatch)...)
			return err
		})
		if err != nil {
			return err
		}
		for _, v := range batch {
			if !fn(v) {
				return nil
			}
		}
		if len(batch) < visitWalkBatch {
			return nil
		}
		last = &batch[len(batch)-1]
	}
}
