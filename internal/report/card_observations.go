package report

import (
	"context"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
)

// The card's 听课 and 示范课 figures come from 听课评课 records (activity).
// A visit's typed counts (手填（旧记录）, from before visits stopped asking for
// them) count only when the researcher recorded no observation at that
// school in the visit's dates, so the same lesson never counts twice.

// typed is the part of a researcher's typed visit counts that still counts:
// those of visits with no observation record.
type typed struct {
	Lessons int
	Demo    [2]int
}

// withObservations puts a researcher's records of the 学年 on the card in
// place of the typed counts of visits that have records.
func withObservations(ctx context.Context, tx *db.Tx, id int64, year int, f Figures) (Figures, error) {
	o, err := activity.LoadObservationFigures(ctx, tx, id, year)
	if err != nil {
		return f, err
	}
	covered, err := coveredTyped(ctx, tx, year, id)
	return addObservations(f, o, covered[id]), err
}

// addObservations replaces the typed counts c that records cover by the
// record counts o.
func addObservations(f Figures, o activity.ObservationFigures, c typed) Figures {
	f.TypedLessons = f.Lessons - c.Lessons
	f.Lessons = f.TypedLessons + o.Lessons
	f.Demo[0] += o.Demo[0] - c.Demo[0]
	f.Demo[1] += o.Demo[1] - c.Demo[1]
	return f
}

// coveredTyped sums, per researcher (only id when id != 0), the typed
// counts of their visits of 学年 year that have at least one submitted
// record at the visit's school in its dates: observed by them, or a lesson
// of theirs observed.
func coveredTyped(ctx context.Context, tx *db.Tx, year int, id int64) (map[int64]typed, error) {
	q := `SELECT v.researcher_id, v.half, SUM(v.lessons_observed), SUM(v.demo_lessons) FROM visits v
		WHERE v.school_year = ? AND (v.lessons_observed > 0 OR v.demo_lessons > 0) AND (? = 0 OR v.researcher_id = ?)
		AND EXISTS (SELECT 1 FROM observations o WHERE (o.observer_id = v.researcher_id OR o.teacher_id = v.researcher_id)
			AND o.school_id = v.school_id AND o.on_date >= v.start_date AND o.on_date <= v.end_date AND o.state = 'submitted')
		GROUP BY v.researcher_id, v.half`
	rows, err := tx.Query(ctx, q, year, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]typed{}
	for rows.Next() {
		var rid int64
		var half, lessons, demo int
		if err := rows.Scan(&rid, &half, &lessons, &demo); err != nil {
			return nil, err
		}
		t := out[rid]
		t.Lessons += lessons
		if half >= 1 && half <= 2 {
			t.Demo[half-1] += demo
		}
		out[rid] = t
	}
	return out, rows.Err()
}
