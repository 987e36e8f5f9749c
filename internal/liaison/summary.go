package liaison

import (
	"context"
	"fmt"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// summaryKey is one row of visit_summaries: a researcher's 学期.
type summaryKey struct {
	researcher int64
	term       dict.Term
}

// refreshSummaries recomputes the visit_summaries rows of keys from visits,
// inside the caller's write transaction, so the dashboards read figures
// equal to a fresh count. A term left without visits has no row.
func refreshSummaries(ctx context.Context, tx *db.Tx, keys map[summaryKey]bool, now int64) error {
	for k := range keys {
		if err := refreshSummary(ctx, tx, k, now); err != nil {
			return err
		}
	}
	return nil
}

func refreshSummary(ctx context.Context, tx *db.Tx, k summaryKey, now int64) error {
	args := []any{k.researcher, k.term.Year, int(k.term.Half)}
	if _, err := tx.Exec(ctx, "DELETE FROM visit_summaries WHERE researcher_id = ? AND school_year = ? AND half = ?", args...); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO visit_summaries (researcher_id, school_year, half, visits, days, lessons_observed,
		demo_lessons, last_visit, last_stint, updated_at)
		SELECT researcher_id, school_year, half, COUNT(*), SUM(days), SUM(lessons_observed), SUM(demo_lessons), MAX(start_date),
		COALESCE(MAX(CASE WHEN purpose = 'stint' THEN start_date END), ''), ?
		FROM visits WHERE researcher_id = ? AND school_year = ? AND half = ? GROUP BY researcher_id, school_year, half`,
		append([]any{now}, args...)...)
	return err
}

// SummaryFigures are every researcher's VisitFigures in 学年 year read from
// the maintained visit_summaries in two indexed reads, keyed by researcher
// id; a researcher without visits is absent (zero figures). LastVisit and
// LastStint are the latest of any 学年 up to year.
func SummaryFigures(ctx context.Context, tx *db.Tx, year int) (map[int64]VisitFigures, error) {
	out := map[int64]VisitFigures{}
	rows, err := tx.Query(ctx, `SELECT researcher_id, half, days, demo_lessons, lessons_observed FROM visit_summaries
		WHERE school_year = ?`, year)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var half, days, demo, lessons int
		if err := rows.Scan(&id, &half, &days, &demo, &lessons); err != nil {
			rows.Close()
			return nil, err
		}
		if half < 1 || half > 2 {
			rows.Close()
			return nil, fmt.Errorf("visit summary of %d: bad half %d", id, half)
		}
		f := out[id]
		f.Days[half-1], f.Demo[half-1], f.Lessons = days, demo, f.Lessons+lessons
		out[id] = f
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, lastDates(ctx, tx, year, out)
}

// lastDates fills LastVisit and LastStint from the summaries up to year.
func lastDates(ctx context.Context, tx *db.Tx, year int, out map[int64]VisitFigures) error {
	rows, err := tx.Query(ctx, `SELECT researcher_id, MAX(last_visit), MAX(last_stint) FROM visit_summaries
		WHERE school_year <= ? GROUP BY researcher_id`, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var last, stint string
		if err := rows.Scan(&id, &last, &stint); err != nil {
			return err
		}
		f := out[id]
		f.LastVisit, f.LastStint = last, stint
		out[id] = f
	}
	return rows.Err()
}
