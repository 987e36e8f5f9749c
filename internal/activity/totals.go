package activity

import (
	"context"

	"jiaoyan/internal/db"
)

// contribution is what one activity adds to its row of
// activity_term_totals: nothing while a draft.
type contribution struct {
	year, half                                    int
	orgID                                         int64
	orgPath, region, organiser, kind              string
	activities, signups, attended, due, submitted int
}

// contributionOf reads activity id's share of the term totals.
func contributionOf(ctx context.Context, tx *db.Tx, id int64) (contribution, error) {
	var c contribution
	var state, outcome string
	err := tx.QueryRow(ctx, `SELECT school_year, half, org_id, org_path, region_code, organiser, kind, state, outcome_kind, signups, attended
		FROM activities WHERE id = ?`, id).Scan(&c.year, &c.half, &c.orgID, &c.orgPath, &c.region, &c.organiser, &c.kind, &state, &outcome,
		&c.signups, &c.attended)
	if db.IsNoRows(err) || state == StateDraft {
		return contribution{}, nil
	}
	c.activities = 1
	if outcome != "" && (state == StateEnded || state == StateSubmitted || state == StateArchived) {
		c.due = 1
	}
	if outcome != "" && (state == StateSubmitted || state == StateArchived) {
		c.submitted = 1
	}
	return c, err
}

// addTotals adds c times sign (1 or -1) to its totals row.
func addTotals(ctx context.Context, tx *db.Tx, c contribution, sign int) error {
	if c.activities == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO activity_term_totals (school_year, half, org_id, org_path, region_code, organiser, kind,
		activities, signups, attended, due, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (school_year, half, org_id, organiser, kind) DO UPDATE SET activities = activity_term_totals.activities + excluded.activities,
		signups = activity_term_totals.signups + excluded.signups, attended = activity_term_totals.attended + excluded.attended,
		due = activity_term_totals.due + excluded.due, submitted = activity_term_totals.submitted + excluded.submitted`,
		c.year, c.half, c.orgID, c.orgPath, c.region, c.organiser, c.kind, sign*c.activities, sign*c.signups, sign*c.attended,
		sign*c.due, sign*c.submitted)
	return err
}

// tallied runs fn, a change to activity id inside tx, and moves the
// activity's share of the term totals from what it was to what it is.
func tallied(ctx context.Context, tx *db.Tx, id int64, fn func() error) error {
	before, err := contributionOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	after, err := contributionOf(ctx, tx, id)
	if err != nil || before == after {
		return err
	}
	if err := addTotals(ctx, tx, before, -1); err != nil {
		return err
	}
	return addTotals(ctx, tx, after, 1)
}

// RebuildTermTotals recomputes activity_term_totals from the activities,
// for loaders that write activities straight into the table (benchmarks,
// bulk fixtures); the service's own writes keep the totals current.
func RebuildTermTotals(ctx context.Context, tx *db.Tx) error {
	if _, err := tx.Exec(ctx, "DELETE FROM activity_term_totals"); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO activity_term_totals (school_year, half, org_id, org_path, region_code, organiser, kind,
		activities, signups, attended, due, submitted)
		SELECT school_year, half, org_id, MAX(org_path), MAX(region_code), organiser, kind, COUNT(*), SUM(signups), SUM(attended),
		SUM(CASE WHEN outcome_kind <> '' AND state IN ('ended', 'submitted', 'archived') THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome_kind <> '' AND state IN ('submitted', 'archived') THEN 1 ELSE 0 END)
		FROM activities WHERE state <> 'draft' GROUP BY school_year, half, org_id, organiser, kind`)
	return err
}
