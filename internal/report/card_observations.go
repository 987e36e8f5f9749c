package report

import (
	"context"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
)

// withObservations adds a researcher's 听课评课 records (activity) of the
// 学年 to the card: the lessons they observed, and their own 示范课 observed
// per 学期. The counts typed on visits still count as well, until visits
// stop carrying them.
func withObservations(ctx context.Context, tx *db.Tx, id int64, year int, f Figures) (Figures, error) {
	o, err := activity.LoadObservationFigures(ctx, tx, id, year)
	return addObservations(f, o), err
}

// addObservations adds the record counts o to the figures f.
func addObservations(f Figures, o activity.ObservationFigures) Figures {
	f.Lessons += o.Lessons
	f.Demo[0] += o.Demo[0]
	f.Demo[1] += o.Demo[1]
	return f
}
